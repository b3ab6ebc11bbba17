import { depegRatio, ethAtRiskPerSet, lrtExposure, mulWad, WAD } from '../risk';

/**
 * The tracker's valuation math in one place, bigint WAD fixed point throughout. Depeg and slashing
 * exposure come from lib/risk; the tracker only adapts nulls (a read that failed) around them.
 */
export { mulWad, WAD };

/** market ÷ fair − 1 as WAD (negative = trading below fair). Null when either side is unknown. */
export function depegWad(marketEth: bigint | null, fairEth: bigint | null): bigint | null {
  if (marketEth === null || fairEth === null || fairEth <= 0n || marketEth < 0n) return null;
  return depegRatio(marketEth, fairEth).deviationWad;
}

export type SetAllocation = { avs: `0x${string}`; id: number; currentMagnitude: bigint; pendingDiff: bigint; effectBlock: bigint };

/**
 * Reference §6 steps 3–4 via lib/risk: ETH at risk per operator set if it slashes 100%
 * (value × mag_i / maxMagnitude) and the worst case (every set, pending changes included).
 * A fully slashed operator (maxMagnitude 0) has nothing left to lose.
 */
export function eigenSlashingExposure(valueEth: bigint, maxMagnitude: bigint, sets: readonly SetAllocation[], currentBlock?: bigint) {
  if (maxMagnitude <= 0n) return { worstCaseEth: 0n, perSet: sets.map((s) => ({ avs: s.avs, id: s.id, magnitude: 0n, atRiskEth: 0n })) };
  const r = ethAtRiskPerSet({
    ethValue: valueEth,
    maxMagnitude,
    fraction: WAD,
    currentBlock,
    allocations: sets.map((s) => ({
      operatorSet: { avs: s.avs, id: s.id },
      currentMagnitude: s.currentMagnitude,
      pendingDiff: s.pendingDiff,
      effectBlock: s.effectBlock,
    })),
  });
  return {
    worstCaseEth: r.worstCase.ethAtRisk,
    perSet: r.perSet.map((p) => ({
      avs: p.operatorSet.avs,
      id: p.operatorSet.id,
      magnitude: p.slashableMagnitude,
      atRiskEth: p.ethAtRiskFull,
    })),
  };
}

/**
 * Reference §6 step 6: an LRT holder's share of the protocol's at-risk ETH. Null (unknown) when the
 * supply is 0 or below the balance: an exposure that cannot be split is not an exposure of 0.
 */
export function lrtShareExposure(
  holderBalance: bigint,
  totalSupply: bigint,
  protocolAtRiskEth: bigint,
): { holderAtRiskEth: bigint; shareOfSupplyWad: bigint } | null {
  if (totalSupply <= 0n || holderBalance > totalSupply) return null;
  return lrtExposure({ holderBalance, totalSupply, protocolAtRiskEth });
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
