import type { PortfolioView } from '../messaging/portfolio-view';
import { snapshotExposure, type SnapshotExposure } from '../tracker/exposure-holdings';
import { decodeSnapshot } from '../tracker/snapshot-schema';

export type { SnapshotExposure } from '../tracker/exposure-holdings';

/** A bar of the by-operator / by-AVS charts: wei of ETH; `label` is the axis tick (last 4 hex digits), `name` the legend's. */
export type LabelledBar = { key: string; label: string; name: string; eth: bigint };

export type ExposureOverview = {
  exposure: SnapshotExposure;
  operatorBars: LabelledBar[];
  avsBars: LabelledBar[];
  blockNumber: bigint;
};

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
const tick = (a: string) => `…${a.slice(-4)}`;

/**
 * The Portfolio's exposure over all holdings (issue #15 item 4): restaked ETH by operator, ETH at risk
 * by AVS and the largest single slash, from the stored snapshot. Null without a snapshot or when nothing
 * is restaked and nothing is unknown (no chart to show).
 */
export function exposureOverview(view: PortfolioView): ExposureOverview | null {
  const snapshot = view.snapshot ? decodeSnapshot(view.snapshot) : null;
  if (!snapshot) return null;
  const exposure = snapshotExposure(snapshot);
  if (exposure.counted === 0 && exposure.unknown.length === 0) return null;
  return {
    exposure,
    operatorBars: exposure.byOperator.map((o) => ({
      key: o.operator,
      label: tick(o.operator),
      name: short(o.operator),
      eth: o.restakedEth,
    })),
    avsBars: exposure.byAvs.map((a) => ({ key: a.avs, label: tick(a.avs), name: short(a.avs), eth: a.atRiskEth })),
    blockNumber: snapshot.blockNumber,
  };
}
