import { formatGwei } from '../format';
import type { FeeFields, FeeMarket } from './fees';

/**
 * The user's own fee: what the approval window's fields accept, checked the same way in the window (as
 * the user types) and in the background (before the edit is stored).
 */
export type FeeEditField = 'maxFee' | 'priorityFee' | 'gasPrice' | 'gas' | 'nonce';
export type FeeEditErrors = Partial<Record<FeeEditField, string>>;

/** The smallest gas a transaction can use (a plain transfer). */
export const MIN_GAS = 21_000n;
/** No block holds more; a larger limit is a typing slip. */
export const MAX_GAS = 100_000_000n;

/** "1.5" gwei → 1,500,000,000 wei; undefined for text that is not a non-negative decimal with at most 9 places. */
export function parseGweiText(text: string): bigint | undefined {
  const match = /^\s*(\d{1,12})(?:\.(\d{0,9}))?\s*$/.exec(text);
  if (!match) return undefined;
  return BigInt(match[1]!) * 1_000_000_000n + BigInt((match[2] ?? '').padEnd(9, '0') || '0');
}

/** Wei as the gwei text a field shows: exact, no grouping ("1.5"). */
export function gweiText(wei: bigint): string {
  const whole = wei / 1_000_000_000n;
  const fraction = (wei % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

/** A whole number typed in a field; undefined when it is not one. */
export function parseWholeText(text: string): bigint | undefined {
  return /^\s*\d{1,20}\s*$/.test(text) ? BigInt(text.trim()) : undefined;
}

/** What is wrong with a fee the user set, per field; {} when it can be signed. */
export function checkFeeEdit(
  fee: FeeFields,
  gas: bigint,
  nonce: number,
  market: Pick<FeeMarket, 'eip1559' | 'nextBaseFee'>,
): FeeEditErrors {
  const errors: FeeEditErrors = {};
  const base = market.eip1559 ? market.nextBaseFee : 0n;
  const belowBase = `At least the next block's base fee, ${formatGwei(base, { maxFractionDigits: 9 })}: below it the transaction cannot be included.`;
  if (fee.type === 'eip1559') {
    if (fee.maxFeePerGas <= 0n) errors.maxFee = 'Enter a max fee above 0 gwei.';
    else if (fee.maxFeePerGas < base) errors.maxFee = belowBase;
    if (fee.maxPriorityFeePerGas > fee.maxFeePerGas) errors.priorityFee = 'The priority fee cannot be above the max fee.';
  } else if (fee.gasPrice <= 0n) errors.gasPrice = 'Enter a gas price above 0 gwei.';
  else if (fee.gasPrice < base) errors.gasPrice = belowBase;
  if (gas < MIN_GAS) errors.gas = `At least ${MIN_GAS.toLocaleString('en-US')} gas (a plain transfer).`;
  else if (gas > MAX_GAS) errors.gas = `At most ${MAX_GAS.toLocaleString('en-US')} gas.`;
  if (!Number.isSafeInteger(nonce) || nonce < 0) errors.nonce = 'A nonce is a whole number from 0.';
  return errors;
}

/**
 * A batch's gas limits as the user set them, per call: what is wrong with each (undefined when it can be
 * signed). A call's limit may not be below its estimate: the batch runs call after call, and a call that
 * runs out of gas stops it half-done. A call without an estimate (it could not be estimated) needs MIN_GAS.
 */
export function checkBatchGas(gases: readonly bigint[], estimates: readonly (bigint | undefined)[]): (string | undefined)[] {
  return gases.map((gas, i) => {
    const estimate = estimates[i];
    if (estimate !== undefined && gas < estimate)
      return `At least the estimated ${estimate.toLocaleString('en-US')} gas: below it call ${i + 1} runs out of gas and the batch stops.`;
    if (gas < MIN_GAS) return `At least ${MIN_GAS.toLocaleString('en-US')} gas (a plain transfer).`;
    if (gas > MAX_GAS) return `At most ${MAX_GAS.toLocaleString('en-US')} gas.`;
    return undefined;
  });
}

/**
 * A batch's starting nonce: never below the account's pending nonce (a batch cannot replace a pending
 * transaction half-way; its calls would collide with it). A higher one waits for the gap to fill.
 */
export function checkBatchNonce(nonce: number, pendingNonce: number): string | undefined {
  if (!Number.isSafeInteger(nonce) || nonce < 0) return 'A nonce is a whole number from 0.';
  if (nonce < pendingNonce)
    return `At least the account's next nonce, ${pendingNonce}: a lower one is taken by a sent or pending transaction.`;
  return undefined;
}
