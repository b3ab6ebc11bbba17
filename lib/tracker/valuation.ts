/**
 * The tracker's valuation math in one place, bigint WAD fixed point throughout. When lib/risk
 * (depeg, slashing, IL) lands, these are the functions to swap for it.
 */
export const WAD = 10n ** 18n;

/** amount × rate / 1e18, rounded down. */
export const mulWad = (amount: bigint, rate: bigint): bigint => (amount * rate) / WAD;

/** market ÷ fair − 1 as WAD (negative = trading below fair). Null when fair is zero or unknown. */
export function depegWad(marketEth: bigint | null, fairEth: bigint | null): bigint | null {
  if (marketEth === null || fairEth === null || fairEth <= 0n) return null;
  return (marketEth * WAD) / fairEth - WAD;
}

export type SetAllocation = { avs: `0x${string}`; id: number; magnitude: bigint };

/**
 * Reference §6 steps 3–4: ETH at risk per operator set = ETH value × mag_i / maxMagnitude;
 * worst case (every set slashes 100%) = ETH value × encumberedMagnitude / maxMagnitude.
 */
export function eigenSlashingExposure(valueEth: bigint, maxMagnitude: bigint, encumberedMagnitude: bigint, sets: readonly SetAllocation[]) {
  if (maxMagnitude <= 0n) return { worstCaseEth: 0n, perSet: sets.map((s) => ({ ...s, atRiskEth: 0n })) };
  const encumbered = encumberedMagnitude > maxMagnitude ? maxMagnitude : encumberedMagnitude;
  return {
    worstCaseEth: (valueEth * encumbered) / maxMagnitude,
    perSet: sets.map((s) => ({ ...s, atRiskEth: (valueEth * s.magnitude) / maxMagnitude })),
  };
}

/** Reference §6 step 6: an LRT holder's share of the protocol's at-risk ETH. */
export function lrtShareExposure(holderBalance: bigint, totalSupply: bigint, protocolAtRiskEth: bigint): bigint {
  return totalSupply > 0n ? (holderBalance * protocolAtRiskEth) / totalSupply : 0n;
}

/** An LP's claim on a pool's balances: balance_i × lpBalance / lpSupply. */
export function lpUnderlying(poolBalances: readonly bigint[], lpBalance: bigint, lpSupply: bigint): bigint[] {
  return poolBalances.map((b) => (lpSupply > 0n ? (b * lpBalance) / lpSupply : 0n));
}

/**
 * IL of a 2-coin stableswap LP against a HODL of a balanced entry at peg: the LP's virtual value
 * (lpBalance × virtual price, in fair-ETH units) split evenly between the coins, valued at today's
 * market prices. `marketPerFair` is each coin's market price per unit of fair value (WAD; 1e18 = on peg).
 */
export function stableswapIlVsBalancedEntry(args: {
  underlyingFairEth: readonly bigint[];
  marketPerFair: readonly bigint[];
  virtualValueEth: bigint;
}) {
  const lpValueEth = args.underlyingFairEth.reduce((sum, fair, i) => sum + mulWad(fair, args.marketPerFair[i] ?? WAD), 0n);
  const n = BigInt(args.marketPerFair.length || 1);
  const hodlValueEth = args.marketPerFair.reduce((sum, m) => sum + mulWad(args.virtualValueEth / n, m), 0n);
  const ilWad = hodlValueEth > 0n ? (lpValueEth * WAD) / hodlValueEth - WAD : 0n;
  return { ilWad, lpValueEth, hodlValueEth };
}
