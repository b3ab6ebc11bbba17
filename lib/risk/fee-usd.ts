import { formatDecimal, type Rounding } from '../format';
import type { StoredEthUsd } from '../storage/fee-quote';

/**
 * ETH amounts in US dollars from the Chainlink ETH/USD answer read on chain with the fee quote. There is
 * no price API: without a readable, recent answer the window says "USD price unavailable".
 */
export const USD_PRICE_UNAVAILABLE = 'USD price unavailable';

/** Micro-dollars (1e-6 USD) of `wei`, rounded by `rounding`. */
export function usdMicros(wei: bigint, ethUsd: Pick<StoredEthUsd, 'answer' | 'decimals'>, rounding: Rounding): bigint {
  const numerator = wei * BigInt(ethUsd.answer) * 1_000_000n;
  const denominator = 10n ** 18n * 10n ** BigInt(ethUsd.decimals);
  const quotient = numerator / denominator;
  return rounding === 'expand' && numerator % denominator !== 0n ? quotient + 1n : quotient;
}

/** "$1,234.57"; a fee or a total rounds up (`expand`: never shown smaller), so a tiny fee reads "$0.01". */
export function formatUsd(wei: bigint, ethUsd: Pick<StoredEthUsd, 'answer' | 'decimals'>, rounding: Rounding = 'expand'): string {
  const micros = usdMicros(wei, ethUsd, rounding);
  return `$${formatDecimal(micros, 6, { maxFractionDigits: 2, minFractionDigits: 2, rounding })}`;
}

/** The price itself, "$3,000.00" per ETH. */
export function formatEthUsdPrice(ethUsd: Pick<StoredEthUsd, 'answer' | 'decimals'>): string {
  return `$${formatDecimal(BigInt(ethUsd.answer), ethUsd.decimals, { maxFractionDigits: 2, minFractionDigits: 2, rounding: 'halfEven' })}`;
}
