import { checksumAddress, isAddressEqual, type Address } from 'viem';
import type { RiskFlag } from '../flag';
import { addressPoisoningFlags, type KnownAddress } from './address-poisoning';

/**
 * Why `text` (0x and 40 hex characters) is refused as an address, or undefined: mixed case is an EIP-55
 * checksum and must match; all lower or all upper case carries none. A failed checksum means a changed or
 * mistyped character, so the address is refused before anything else is looked at.
 */
export function checksumProblem(text: string): string | undefined {
  const digits = text.slice(2);
  if (!/^0x[0-9a-fA-F]{40}$/.test(text) || digits === digits.toLowerCase() || digits === digits.toUpperCase()) return undefined;
  if (checksumAddress(text as Address) === text) return undefined;
  return `the address checksum (EIP-55) of ${text} does not match: some letters have the wrong case, as when a character was mistyped or changed`;
}

/** What is sent: ETH, or an ERC-20 transfer of `symbol` held by the `token` contract. */
export type SentAsset = { kind: 'eth' } | { kind: 'token'; token: Address; symbol: string };

export type RecipientFlagsParameters = {
  recipient: Address;
  asset: SentAsset;
  /** eth_getCode(recipient) != 0x; undefined when the node did not say. */
  recipientHasCode: boolean | undefined;
  /** The simulation of this transfer reverted (for ETH to a contract: no payable receive/fallback). */
  transferReverted: boolean;
  /** Own accounts, saved entries and addresses sent to before; undefined when the caller has none to give. */
  known: readonly KnownAddress[] | undefined;
};

/**
 * Flags about where a transfer goes: a token sent to its own contract (danger: no one can take it out), a
 * contract recipient that may not handle it (warn), a recipient imitating a known address (danger, address
 * poisoning) and a recipient never used before (info).
 */
export function recipientFlags({ recipient, asset, recipientHasCode, transferReverted, known }: RecipientFlagsParameters): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const short = `${recipient.slice(0, 6)}…${recipient.slice(-4)}`;
  if (asset.kind === 'token' && isAddressEqual(asset.token, recipient)) {
    flags.push({
      id: 'recipient.token-contract',
      severity: 'danger',
      title: `Sending ${asset.symbol} to the ${asset.symbol} contract itself`,
      numbers: { recipient, token: asset.token },
      why: `The recipient is the token's own contract address. Tokens sent there are almost always lost for good: the contract has no owner who can send them back. Check the recipient.`,
    });
  } else if (recipientHasCode && asset.kind === 'eth' && transferReverted) {
    flags.push({
      id: 'recipient.contract-rejects',
      severity: 'warn',
      title: `${short} is a contract that does not accept ETH`,
      numbers: { recipient },
      why: 'The simulation of this transfer reverted: the contract has no payable receive or fallback function. Sent now, it would fail and still cost gas.',
    });
  } else if (recipientHasCode && asset.kind === 'token') {
    flags.push({
      id: 'recipient.contract',
      severity: 'warn',
      title: `${short} is a contract — make sure it can handle ${asset.symbol}`,
      numbers: { recipient },
      why: `A contract only gets ${asset.symbol} out again if its code has a way to do so. Sending to an exchange's deposit contract is fine; sending to an arbitrary contract can lock the tokens for good.`,
    });
  }
  if (known) {
    flags.push(...addressPoisoningFlags(recipient, known));
    if (!known.some((k) => isAddressEqual(k.address, recipient))) {
      flags.push({
        id: 'recipient.first-time',
        severity: 'info',
        title: `First time sending to ${short}`,
        numbers: { recipient },
        why: 'You have not sent to this address before, and it is neither your account nor in your address book. Check it against a source you trust.',
      });
    }
  }
  return flags;
}
