/**
 * Every figure Ballast shows goes through here: amounts, percentages, APR, gas, ratios. Pure functions on
 * bigint (no float for token amounts), each with an explicit rounding mode chosen for what the figure is
 * (see Rounding), so two screens showing the same figure show the same text. Also sameAddress, the
 * address comparison that views and parameter checks need (viem's isAddressEqual without the throw).
 */
export { divideRounded, type Rounding } from './rounding';
export { decimalOfNumber, formatDecimal, type FormatDecimalOptions } from './decimal';
export { formatAmount, formatAmountExact, formatEth, formatGas, formatGwei, type FormatAmountOptions } from './amount';
export { formatApr, formatBps, formatPercent, formatWadDeviation, formatWadPercent, type FormatPercentOptions } from './percent';
export { formatHealthFactor, formatWadRatio } from './ratio';
export { sameAddress, shortAddress } from './address';
export { formatRelative, formatUtcMinute } from './time';
export { readAmountInput, readUsdAmountInput, unitsToUsdCents, USD_PRICE_DECIMALS, type AmountInputOptions } from './amount-input';
