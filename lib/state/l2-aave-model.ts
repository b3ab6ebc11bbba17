import type { Address } from 'viem';
import { formatHealthFactor } from '../format';
import { formatLiquidationDistance, liquidationSentence, type LiquidationDistance } from '../risk/liquidation';
import { readLiquidationDetails } from '../risk/liquidation-facts';
import type { StoredSnapshot } from '../tracker/snapshot-schema';

type StoredAave = NonNullable<NonNullable<StoredSnapshot['chains']>[number]['aave']>;

/** One collateral of an L2 Aave position, with its depeg-to-liquidation distance in words (as on Ethereum). */
export type L2AaveLineView = {
  symbol: string;
  amount: bigint;
  valueEth: bigint | null;
  /** null when unknown: `sentence` then says why (never a safe-looking figure). */
  distanceWad: bigint | null;
  distanceText: string;
  sentence: string;
};

export type L2AavePositionView = {
  account: Address;
  status: 'ok' | 'failed';
  healthFactorText: string;
  healthFactorWad: bigint | null;
  debtEth: bigint | null;
  lines: L2AaveLineView[];
  error?: string;
};

export type L2AaveView = {
  chainId: number;
  chainName: string;
  status: 'ok' | 'failed';
  /** One sentence for the chain: what was read, or why it could not be. */
  summary: string;
  positions: L2AavePositionView[];
};

const big = (v: string | null | undefined) => (v === null || v === undefined ? null : BigInt(v));

const distanceText = (d: LiquidationDistance): string => {
  if (d.status === 'liquidatable') return '0% (liquidatable)';
  if (d.status === 'no-debt') return 'no debt';
  if (d.status === 'ok' && d.distanceWad !== null) return formatLiquidationDistance(d.distanceWad);
  if (d.status === 'not-collateral') return 'not collateral';
  return 'out of reach';
};

/** The Aave v3 part of one L2's breakdown, for the Portfolio (issue #18, item 4); undefined when the chain has none. */
export function l2AaveView(chainId: number, chainName: string, aave: StoredAave | undefined): L2AaveView | undefined {
  if (!aave) return undefined;
  const positions = aave.positions.map((p): L2AavePositionView => {
    const hf = big(p.healthFactorWad);
    const lines = p.collaterals.map((c): L2AaveLineView => {
      const f = readLiquidationDetails({ ...c.liquidation, underlying: c.symbol, ...(hf !== null ? { healthFactor: String(hf) } : {}) });
      const base = { symbol: c.symbol, amount: BigInt(c.amount), valueEth: big(c.valueEth) };
      if (!f) {
        const why = c.liquidation.liquidationError ?? 'not computed';
        return { ...base, distanceWad: null, distanceText: 'unknown', sentence: `Liquidation distance unknown: ${why}` };
      }
      return {
        ...base,
        distanceWad: f.distance.distanceWad,
        distanceText: distanceText(f.distance),
        sentence: liquidationSentence(f.symbol, f.pricedBy, f.distance),
      };
    });
    return {
      account: p.account,
      status: p.status,
      healthFactorWad: hf,
      // uint256 max without debt: nothing to liquidate, not a number to print.
      healthFactorText: hf === null ? 'unknown' : p.totalDebtBase === '0' ? 'no debt' : formatHealthFactor(hf),
      debtEth: big(p.debtEth),
      lines,
      ...(p.error ? { error: p.error } : {}),
    };
  });
  const summary =
    aave.status === 'failed'
      ? `Aave v3 on ${chainName} could not be read (${aave.error ?? 'no answer'}): positions there are unknown.`
      : positions.length === 0
        ? `No Aave v3 position on ${chainName}.`
        : `Aave v3 on ${chainName}: ${positions.length} position${positions.length === 1 ? '' : 's'}.`;
  return { chainId, chainName, status: aave.status, summary, positions };
}
