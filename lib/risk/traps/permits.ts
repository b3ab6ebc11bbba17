import type { Address } from 'viem';
import type { RiskFlag, Severity } from '../flag';
import { formatAmount } from '../../format';
import { UNLIMITED_ERC20_THRESHOLD, UNLIMITED_PERMIT2_AMOUNT, expiryVerdict, formatExpiry } from './policy';

/** Decoded EIP-2612 `Permit(owner, spender, value, nonce, deadline)` typed data. */
export type Eip2612PermitRequest = {
  token: Address;
  tokenSymbol?: string;
  tokenDecimals?: number;
  spender: Address;
  value: bigint;
  deadline: bigint;
  spenderHasCode: boolean;
  /** Current unix time, seconds. */
  now: bigint;
};

export type Permit2TokenAmount = { token: Address; amount: bigint; tokenSymbol?: string; tokenDecimals?: number };
export type Permit2AllowanceDetails = Permit2TokenAmount & { expiration: bigint; nonce: bigint };

/** Decoded Permit2 typed data; `type` is the EIP-712 primaryType. */
export type Permit2Request = { spender: Address; spenderHasCode: boolean; now: bigint } & (
  | { type: 'PermitSingle'; details: Permit2AllowanceDetails; sigDeadline: bigint }
  | { type: 'PermitBatch'; details: readonly Permit2AllowanceDetails[]; sigDeadline: bigint }
  | { type: 'PermitTransferFrom'; permitted: Permit2TokenAmount; nonce: bigint; deadline: bigint }
  | { type: 'PermitBatchTransferFrom'; permitted: readonly Permit2TokenAmount[]; nonce: bigint; deadline: bigint }
);

const short = (address: Address) => `${address.slice(0, 6)}…${address.slice(-4)}`;
/** What a spender may take: rounded away from zero, never shown smaller than it is. */
const amountText = (amount: bigint, unlimited: boolean, symbol = 'tokens', decimals = 18) =>
  unlimited ? `unlimited ${symbol}` : formatAmount(amount, decimals, symbol, { rounding: 'expand' });

function eoaSpenderFlag(id: string, spender: Address, numbers: Record<string, string>, source: RiskFlag['source']): RiskFlag {
  return {
    id,
    severity: 'danger',
    title: `Signature lets ${short(spender)}, an address without contract code, spend your tokens`,
    numbers: { ...numbers, spender },
    why: 'Permit signatures are the most common way drainers take tokens: no transaction, nothing to see on-chain until the tokens move. dApps use contracts as spenders; reject this.',
    source,
  };
}

function expiryFlag(
  id: string,
  what: string,
  expiresAt: bigint,
  now: bigint,
  numbers: Record<string, string>,
  source: RiskFlag['source'],
): RiskFlag | undefined {
  const verdict = expiryVerdict(expiresAt, now);
  if (verdict === 'short') return undefined;
  const severity: Severity = verdict === 'very-long' ? 'danger' : 'warn';
  return {
    id,
    severity,
    title: `${what} stays valid ${formatExpiry(expiresAt, now)}`,
    numbers: { ...numbers, expires: formatExpiry(expiresAt, now) },
    why: 'A long-lived signature can be used long after you forgot it, by whoever holds it. Prefer expiries of minutes to days.',
    source,
  };
}

/** Flags for an EIP-2612 permit signature. Policy in ./policy.ts. */
export function permitFlags({
  token,
  tokenSymbol = 'tokens',
  tokenDecimals = 18,
  spender,
  value,
  deadline,
  spenderHasCode,
  now,
}: Eip2612PermitRequest): RiskFlag[] {
  const unlimited = value >= UNLIMITED_ERC20_THRESHOLD;
  const numbers = { amount: amountText(value, unlimited, tokenSymbol, tokenDecimals), spender, deadline: formatExpiry(deadline, now) };
  const source = { contract: token, method: 'permit (EIP-2612)' };
  const flags: RiskFlag[] = [
    {
      id: 'permit.signature',
      severity: 'info',
      title: `Signature approves ${numbers.amount} for ${short(spender)}`,
      numbers,
      why: 'This signature is an approval: whoever submits it can spend up to the amount before the deadline, without another prompt.',
      source,
    },
  ];
  if (unlimited)
    flags.push({
      id: 'permit.unlimited',
      severity: 'warn',
      title: `Permit for unlimited ${tokenSymbol}`,
      numbers,
      why: 'The spender could take your whole balance. Sign permits for the amount the action needs.',
      source,
    });
  const expiry = expiryFlag('permit.long-deadline', 'Permit', deadline, now, numbers, source);
  if (expiry) flags.push(expiry);
  if (!spenderHasCode) flags.push(eoaSpenderFlag('permit.eoa-spender', spender, numbers, source));
  return flags;
}

/** Flags for Permit2 allowance and signature-transfer messages. Policy in ./policy.ts. */
export function permit2Flags(request: Permit2Request): RiskFlag[] {
  const { spender, spenderHasCode, now } = request;
  const source = { method: `Permit2 ${request.type}` };
  const flags: RiskFlag[] = [];
  const isAllowance = request.type === 'PermitSingle' || request.type === 'PermitBatch';
  const entries: readonly (Permit2TokenAmount & { expiration?: bigint })[] =
    request.type === 'PermitSingle'
      ? [request.details]
      : request.type === 'PermitBatch'
        ? request.details
        : request.type === 'PermitTransferFrom'
          ? [request.permitted]
          : request.permitted;
  const amounts = entries
    .map((e) => amountText(e.amount, isAllowance && e.amount >= UNLIMITED_PERMIT2_AMOUNT, e.tokenSymbol, e.tokenDecimals))
    .join(', ');
  const numbers: Record<string, string> = { amounts, spender };

  if (isAllowance) {
    const unlimited = entries.filter((e) => e.amount >= UNLIMITED_PERMIT2_AMOUNT);
    if (unlimited.length) {
      flags.push({
        id: 'permit2.unlimited',
        severity: 'warn',
        title: `Permit2 allowance: unlimited ${unlimited.map((e) => e.tokenSymbol ?? short(e.token)).join(', ')}`,
        numbers,
        why: 'The spender can move the whole balance through Permit2 until the allowance expires.',
        source,
      });
    }
    // Permit2 reads expiration 0 as "this block only", so it is never long.
    const latest = entries.reduce((max, e) => (e.expiration !== undefined && e.expiration > max ? e.expiration : max), 0n);
    const expiry = latest === 0n ? undefined : expiryFlag('permit2.long-expiration', 'Permit2 allowance', latest, now, numbers, source);
    if (expiry) flags.push(expiry);
  } else {
    flags.push({
      id: 'permit2.transfer',
      severity: 'info',
      title: `Signature lets ${short(spender)} transfer ${amounts} once`,
      numbers,
      why: 'A one-time Permit2 transfer: whoever submits it before the deadline receives these tokens. Check the spender is the dApp you are using.',
      source,
    });
    const expiry = expiryFlag('permit2.long-deadline', 'Permit2 transfer signature', request.deadline, now, numbers, source);
    if (expiry && expiry.severity === 'danger') expiry.severity = 'warn'; // one-shot: a long deadline is less severe
    if (expiry) flags.push(expiry);
  }
  if (!spenderHasCode) flags.push(eoaSpenderFlag('permit2.eoa-spender', spender, numbers, source));
  return flags;
}
