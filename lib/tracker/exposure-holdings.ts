import type { Address } from 'viem';
import { aggregateExposure, type ExposureHolding, type LrtOperatorMix, type PortfolioExposure } from '../risk';
import type { Position, TrackerSnapshot } from './types';

/**
 * The tracker's positions as the portfolio-wide aggregation takes them (issue #15 item 4). Direct
 * EigenLayer stake brings its operator and per-set ETH at risk; LRTs held as tokens, Aave aTokens or
 * Curve LP shares, Pendle PTs of an LRT market bring the look-through the lrtExposureReader put on them
 * (the holder's part). What has no look-through is listed with a reason in words (not calls or files):
 * an LRT whose protocol has no on-chain path, a PT of a market whose LRT the registry does not name, a
 * Symbiotic vault held directly. A Mellow LRT brings its Symbiotic networks (byNetwork) and its operators (the
 * holder's part of each operator's stake), or, where its operators are not known, an unknown entry with the reason.
 */
export function exposureHoldings(positions: readonly Position[]): ExposureHolding[] {
  return positions.flatMap((p): ExposureHolding[] => {
    if (p.status !== 'ok') return [];
    const label = labelOf(p);
    if (p.family === 'eigenlayer' || p.family === 'eigenlayer-queued') {
      const s = p.slashing;
      if (!s?.operator || p.fairValueEth === null) return [];
      return [
        {
          id: p.id,
          label,
          status: 'known',
          byOperator: [{ operator: s.operator, restakedEth: p.fairValueEth }],
          bySet: (s.perSet ?? []).map((x) => ({ avs: x.avs, id: x.id, atRiskEth: x.atRiskEth })),
        },
      ];
    }
    if (p.family === 'mellow-lrt' && p.details.lrtExposure === 'known' && p.slashing?.perNetwork)
      return [
        {
          id: p.id,
          label,
          status: 'known',
          byOperator: p.slashing.perOperator ?? [],
          bySet: [],
          byNetwork: p.slashing.perNetwork,
        },
        // Its networks are known; its operators may not be (no scan yet, a read failed): that part is listed as unknown.
        ...(p.details.lrtOperatorSplit === 'unknown'
          ? [
              {
                id: `${p.id}:operators`,
                label: `${label}, by operator`,
                status: 'unknown' as const,
                reason: p.details.lrtOperatorSplitWhy ?? 'The operators behind this token are not known.',
              },
            ]
          : []),
      ];
    if (p.details.lrtExposure === 'known' && p.slashing?.perOperator)
      return [
        {
          id: p.id,
          label,
          status: 'known',
          byOperator: p.slashing.perOperator,
          bySet: (p.slashing.perSet ?? []).map((x) => ({ avs: x.avs, id: x.id, atRiskEth: x.atRiskEth })),
        },
      ];
    if (p.details.lrtExposure === 'unknown')
      return [
        {
          id: p.id,
          label,
          status: 'unknown',
          reason: p.details.lrtExposureWhy ?? 'The operators behind this token are not known.',
        },
      ];
    if (p.family === 'pendle-pt')
      return [
        {
          id: p.id,
          label,
          status: 'unknown',
          reason: `Ballast does not know which restaked token this Pendle market holds (it pays out in ${p.details.accountingAsset ?? 'its asset'}), so its operators are not known.`,
        },
      ];
    if (p.family === 'symbiotic')
      return [
        {
          id: p.id,
          label,
          status: 'unknown',
          reason: 'Symbiotic vaults are slashed by Symbiotic networks; Ballast does not break them down by operator yet.',
        },
      ];
    return [];
  });
}

function labelOf(p: Position): string {
  if (p.family === 'token') return p.asset;
  if (p.family === 'mellow-lrt') return `${p.asset} (Mellow)`;
  if (p.family === 'eigenlayer') return `${p.asset} (EigenLayer)`;
  if (p.family === 'eigenlayer-queued') return `${p.asset} (EigenLayer, queued)`;
  const lrt = p.details.lrtSymbol;
  if (p.family === 'aave') return `${p.asset} (${lrt ?? p.details.underlying} in Aave)`;
  if (p.family === 'curve-lp') return lrt ? `${p.asset} (${lrt} part)` : p.asset;
  return p.asset;
}

export type SnapshotExposure = PortfolioExposure & {
  blockNumber: bigint;
  /** Per LRT with a known look-through at that block: supply and delegated ETH per operator (for previews). */
  lrts: Record<string, LrtOperatorMix>;
  /** LRTs whose look-through is unknown, with the reason. */
  lrtsUnknown: Record<string, string>;
  /** Mellow LRTs with a known look-through: supply and what each Symbiotic network can slash from the whole LRT. */
  lrtNetworks: Record<string, { supply: bigint; byNetwork: { network: Address; atRiskEth: bigint }[] }>;
};

/** The aggregation over a snapshot's positions, optionally one account's only. */
export function snapshotExposure(snapshot: TrackerSnapshot, account?: Address): SnapshotExposure {
  const positions = account ? snapshot.positions.filter((p) => p.account.toLowerCase() === account.toLowerCase()) : snapshot.positions;
  const lrts: Record<string, LrtOperatorMix> = {};
  const lrtsUnknown: Record<string, string> = {};
  const lrtNetworks: SnapshotExposure['lrtNetworks'] = {};
  for (const t of snapshot.tokens) {
    if (t.lookThrough?.status === 'known' && t.lookThrough.byNetwork)
      lrtNetworks[t.symbol] = { supply: t.lookThrough.supply, byNetwork: t.lookThrough.byNetwork };
    if (t.lookThrough?.status === 'known') lrts[t.symbol] = { supply: t.lookThrough.supply, byOperator: t.lookThrough.byOperator };
    else if (t.lookThrough) lrtsUnknown[t.symbol] = t.lookThrough.reason;
  }
  return { ...aggregateExposure(exposureHoldings(positions)), blockNumber: snapshot.blockNumber, lrts, lrtsUnknown, lrtNetworks };
}
