/**
 * Severity policy for approval and signature traps (documented here so the UI and the tests agree):
 *
 * - ERC-20 approve / increaseAllowance: unlimited (≥ 2^255, incl. max uint256) → warn;
 *   spender without code (an EOA) → danger. A finite approval to a contract → no flag. Revoke (0) → no flag.
 * - setApprovalForAll(operator, true) → warn (every NFT of the collection); operator without code → danger.
 * - EIP-2612 permit: every permit → info (an off-chain signature that moves allowance, no tx to review later);
 *   unlimited value → warn; deadline more than 30 days out → warn, more than 1 year or "never" → danger;
 *   spender without code → danger.
 * - Permit2 allowance (PermitSingle / PermitBatch): unlimited amount (≥ 2^160 − 1) → warn; expiration more
 *   than 30 days out → warn, more than 1 year → danger; spender without code → danger.
 *   Permit2 signature transfer (PermitTransferFrom / PermitBatchTransferFrom): one-shot → info; deadline
 *   more than 30 days out → warn; spender without code → danger.
 * - Typed data whose domain chainId differs from the active chain → danger (replay on another chain,
 *   or a page that lies about where you are).
 * - A call with calldata to an address without code → warn; with ETH value → danger (the ETH is sent to
 *   an address that runs nothing; usually a wrong network or a poisoned address).
 */
export const UNLIMITED_ERC20_THRESHOLD = 2n ** 255n;
export const UNLIMITED_PERMIT2_AMOUNT = 2n ** 160n - 1n;
export const LONG_EXPIRY_WARN_SECONDS = 30n * 24n * 3600n;
export const LONG_EXPIRY_DANGER_SECONDS = 365n * 24n * 3600n;

export type ExpiryVerdict = 'short' | 'long' | 'very-long';

export function expiryVerdict(expiresAt: bigint, now: bigint): ExpiryVerdict {
  const remaining = expiresAt - now;
  if (remaining > LONG_EXPIRY_DANGER_SECONDS) return 'very-long';
  if (remaining > LONG_EXPIRY_WARN_SECONDS) return 'long';
  return 'short';
}

/** "in 3 days", "in 14 months", "never (max value)" — for the numbers of a flag. */
export function formatExpiry(expiresAt: bigint, now: bigint): string {
  if (expiresAt >= 2n ** 47n) return 'never (maximum value)';
  const seconds = expiresAt - now;
  if (seconds <= 0n) return 'already expired';
  const days = Number(seconds) / 86_400;
  if (days < 1) return `in ${Math.max(1, Math.round(Number(seconds) / 3600))} h`;
  if (days < 60) return `in ${Math.round(days)} days`;
  if (days < 730) return `in ${Math.round(days / 30.4)} months`;
  return `in ${Math.round(days / 365)} years`;
}
