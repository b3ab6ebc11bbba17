import type { Address } from 'viem';
import { WAD, mulDiv, wadToNumber } from './wad';

/** One operator's restaked ETH (wei) and its share of the LRT's total over operators (WAD). */
export type OperatorShare = { operator: Address; restakedEth: bigint; shareWad: bigint };

export type OperatorConcentration = {
  /** Σ of the parts. */
  totalEth: bigint;
  /** One row per operator (parts of the same operator added), largest first. */
  byOperator: OperatorShare[];
  topOperator: OperatorShare | null;
  /** Herfindahl–Hirschman index of restaked ETH over operators, 0..1 (1 = a single operator). */
  hhi: number;
};

/**
 * How concentrated an LRT's restaked ETH is over operators: shares of the total, the top operator and the HHI
 * (Σ share²). One function for every LRT family (EigenLayer LRTs by delegation, Mellow LRTs by Symbiotic stake),
 * so their figures compare.
 */
export function operatorConcentration(parts: readonly { operator: Address; restakedEth: bigint }[]): OperatorConcentration {
  const operators = new Map<string, { operator: Address; restakedEth: bigint }>();
  let totalEth = 0n;
  for (const p of parts) {
    const o = operators.get(p.operator.toLowerCase()) ?? { operator: p.operator, restakedEth: 0n };
    o.restakedEth += p.restakedEth;
    operators.set(p.operator.toLowerCase(), o);
    totalEth += p.restakedEth;
  }
  const byOperator = [...operators.values()]
    .map((o) => ({ ...o, shareWad: totalEth > 0n ? mulDiv(o.restakedEth, WAD, totalEth) : 0n }))
    .sort((x, y) => (y.restakedEth > x.restakedEth ? 1 : y.restakedEth < x.restakedEth ? -1 : 0));
  const hhi = byOperator.reduce((sum, o) => sum + wadToNumber(o.shareWad) ** 2, 0);
  return { totalEth, byOperator, topOperator: byOperator[0] ?? null, hhi };
}
