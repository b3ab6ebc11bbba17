import { hexToString, isHex, size, type Address, type Hex } from 'viem';
import { hiddenCharacterFlags, parseSiwe, revealHiddenCharacters, siweDomainMatches, siweFlags } from '../../risk';
import type { DecodedCall } from '../types';
import { emptyOutput, type RuleOutput } from './context';

export type PersonalSignContext = {
  /** The signing account, when known. */
  from?: Address;
  /** Origin of the page that asks; a sign-in message is checked against it. */
  origin?: string;
  /** Chain the wallet is on. */
  chainId?: number;
};

/**
 * Printable text, plus the hidden characters hiddenCharacterFlags names: a message that carries them is shown
 * as text with markers (and warned about), not as unreadable hex.
 */
const READABLE = /^[\P{C}\n\r\t\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]*$/u;

function readableText(message: Hex | string): string | undefined {
  if (!isHex(message)) return message;
  try {
    const decoded = hexToString(message);
    return READABLE.test(decoded) ? decoded : undefined;
  } catch {
    return undefined; // not UTF-8: stays hex
  }
}

function signInChecks(out: RuleOutput, text: string, { from, origin, chainId }: PersonalSignContext) {
  const siwe = parseSiwe(text);
  if (!siwe) return;
  out.flags.push(...siweFlags({ message: siwe, origin, account: from, activeChainId: chainId }));
  if (origin === undefined) out.notChecked.push(`Sign-In With Ethereum for ${siwe.domain}: the requesting site is unknown`);
  else if (siweDomainMatches(siwe, origin)) out.checked.push(`Sign-In With Ethereum: ${siwe.domain} is the requesting site`);
  if (from === undefined) out.notChecked.push('Sign-In With Ethereum: the signing account is unknown');
  else if (siwe.address !== undefined) out.checked.push('Sign-In With Ethereum: account named in the message vs the signing account');
  if (chainId === undefined) out.notChecked.push('Sign-In With Ethereum: the active chain is unknown');
}

/**
 * personal_sign: show the text (hidden characters made visible); a bare 32-byte hash is a blind signature and is
 * warned about; a Sign-In With Ethereum message is checked against the site, account and chain.
 */
export function personalSignRule(message: Hex | string, context: PersonalSignContext = {}): { output: RuleOutput; decoded: DecodedCall } {
  const out = emptyOutput();
  const hex = isHex(message) ? message : undefined;
  const text = readableText(message);
  const shown = text === undefined ? undefined : revealHiddenCharacters(text);
  const blind = hex !== undefined && text === undefined && size(hex) === 32;
  out.flags.push(
    blind
      ? {
          id: 'signature.blind-hash',
          severity: 'warn',
          title: 'Signing an unreadable 32-byte hash',
          numbers: { message: hex },
          why: 'A bare hash can stand for anything, including a transaction or an order. Sign it only if you know what produced it.',
        }
      : {
          id: 'signature.message',
          severity: 'info',
          title: 'Off-chain message signature',
          numbers: { message: (shown ?? hex ?? '').slice(0, 200) },
          why: 'Signing a message costs nothing on-chain, but the site can use the signature as proof that you agreed to its text.',
        },
  );
  if (text !== undefined) {
    out.flags.push(...hiddenCharacterFlags(text));
    signInChecks(out, text, context);
  }
  out.notChecked.push('what the signature is used for: decided off-chain by whoever verifies it');
  const decoded: DecodedCall = {
    to: null,
    targetLabel: 'message',
    functionName: 'personal_sign',
    selector: null,
    args: [{ name: 'message', type: text !== undefined ? 'string' : 'bytes', value: shown ?? hex ?? '' }],
    value: '0 ETH',
    known: text !== undefined,
  };
  return { output: out, decoded };
}
