import { parseSiweMessage } from 'viem/siwe';
import type { RiskFlag } from '../flag';

/**
 * Sign-In With Ethereum (EIP-4361). viem's parseSiweMessage reads the fields; its validateSiweMessage is not
 * used because it answers one yes/no over domain, nonce, times and address with an exact-string domain
 * compare, while the wallet needs one verdict per field (danger, danger, warn) and "Example.com:443" to equal
 * "example.com" on https. The first line is matched here as well, so a message that only looks like a
 * sign-in (a field viem's grammar rejects) is still checked against the site that sent it.
 */
export type SiweFields = {
  /** The authority the message says it signs in to, as written ("dapp.example", "127.0.0.1:5173"). */
  domain: string;
  scheme?: string;
  address?: string;
  uri?: string;
  chainId?: number;
  /** EIP-4361 fields absent from the message ("URI", "Chain ID", …); empty when it is well formed. */
  missing: string[];
};

const HEADER = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\S+) wants you to sign in with your Ethereum account:$/;
const REQUIRED_LINES = ['URI', 'Version', 'Chain ID', 'Nonce', 'Issued At'] as const;

/** The sign-in fields of `text`, or undefined when its first line is not an EIP-4361 header. */
export function parseSiwe(text: string): SiweFields | undefined {
  const lines = text.split(/\r?\n/);
  const header = HEADER.exec(lines[0] ?? '');
  if (!header) return undefined;
  const parsed = parseSiweMessage(text);
  const lineValue = (label: string) => lines.find((l) => l.startsWith(`${label}: `))?.slice(label.length + 2);
  const address = parsed.address ?? (/^0x[0-9a-fA-F]{40}$/.test(lines[1] ?? '') ? lines[1] : undefined);
  const chainText = lineValue('Chain ID');
  const chainId = parsed.chainId ?? (chainText !== undefined && /^[0-9]{1,15}$/.test(chainText) ? Number(chainText) : undefined);
  const missing = [
    ...(address ? [] : ['Address']),
    ...REQUIRED_LINES.filter((label) => lineValue(label) === undefined || (label === 'Chain ID' && chainId === undefined)),
  ];
  const uri = parsed.uri ?? lineValue('URI');
  return {
    domain: header[2]!,
    ...(header[1] ? { scheme: header[1] } : {}),
    ...(address ? { address } : {}),
    ...(uri !== undefined ? { uri } : {}),
    ...(chainId !== undefined ? { chainId } : {}),
    missing,
  };
}

/** host[:port] as a browser writes it (lower case, no default port), or undefined for anything but a plain authority. */
function hostOf(domain: string, scheme: string): string | undefined {
  if (!/^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$/.test(domain)) return undefined;
  try {
    return new URL(`${scheme}://${domain}`).host;
  } catch {
    return undefined;
  }
}

function siteOf(origin: string): { scheme: string; host: string } | undefined {
  try {
    const url = new URL(origin);
    return url.host ? { scheme: url.protocol.replace(/:$/, ''), host: url.host } : undefined;
  } catch {
    return undefined;
  }
}

/** True when the message signs in to the site that asks: same host[:port], and same scheme if it names one. */
export function siweDomainMatches(message: SiweFields, origin: string): boolean {
  const site = siteOf(origin);
  if (!site) return false;
  if (message.scheme !== undefined && message.scheme.toLowerCase() !== site.scheme) return false;
  return hostOf(message.domain, site.scheme) === site.host;
}

export type SiweFlagsParameters = {
  message: SiweFields;
  /** Origin of the page that asks for the signature; undefined when unknown (no domain check then). */
  origin?: string;
  /** Account that signs; undefined when unknown. */
  account?: string;
  /** Chain the wallet is on; undefined when unknown (no chain check then). */
  activeChainId?: number;
};

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** A sign-in for another site or account → danger; for another chain, or not well formed → warn. */
export function siweFlags({ message, origin, account, activeChainId }: SiweFlagsParameters): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const asked = message.scheme ? `${message.scheme}://${message.domain}` : message.domain;
  if (origin !== undefined && !siweDomainMatches(message, origin)) {
    const site = siteOf(origin)?.host ?? origin;
    flags.push({
      id: 'siwe.domain-mismatch',
      severity: 'danger',
      title: `Sign-in to ${asked}, but ${site} is asking`,
      numbers: { signsInTo: asked, requestedBy: origin, ...(message.uri !== undefined ? { uri: message.uri } : {}) },
      why: `This signature logs you in to ${asked}, not to the site you are on. A page that collects sign-ins for another site can use yours to act as you there. Reject it.`,
    });
  }
  if (account !== undefined && message.address !== undefined && message.address.toLowerCase() !== account.toLowerCase()) {
    flags.push({
      id: 'siwe.address-mismatch',
      severity: 'danger',
      title: `Sign-in names ${short(message.address)}, but ${short(account)} would sign it`,
      numbers: { messageAccount: message.address, signingAccount: account },
      why: 'The message claims to be from another account than the one signing it. An honest site asks you to sign in with your own account; reject it.',
    });
  }
  if (message.chainId !== undefined && activeChainId !== undefined && message.chainId !== activeChainId) {
    flags.push({
      id: 'siwe.chain-mismatch',
      severity: 'warn',
      title: `Sign-in is for chain ${message.chainId}, you are on chain ${activeChainId}`,
      numbers: { messageChain: String(message.chainId), activeChain: String(activeChainId) },
      why: 'The site binds this sign-in to another network than the one the wallet is on. Check that you are on the network the site expects.',
    });
  }
  if (message.missing.length > 0) {
    flags.push({
      id: 'siwe.malformed',
      severity: 'warn',
      title: 'Looks like a sign-in, but is not a well-formed EIP-4361 message',
      numbers: { missing: message.missing.join(', ') },
      why: 'Sign-in messages carry these fields so that the signature is bound to one site, account, chain and moment. Without them it may be valid elsewhere.',
    });
  }
  return flags;
}
