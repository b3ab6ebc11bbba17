import type { PortfolioView } from '../messaging/portfolio-view';
import { snapshotExposure, type SnapshotExposure } from '../tracker/exposure-holdings';
import { decodeSnapshot } from '../tracker/snapshot-schema';
import { SYMBIOTIC_NETWORKS } from '../restaking/symbiotic-registry';
import { sameAddress } from '../format';
import type { NetworkLoss, SetLoss } from '../risk/portfolio-exposure';

export type { SnapshotExposure } from '../tracker/exposure-holdings';

/** A bar of the by-operator / by-AVS charts: wei of ETH; `label` is the axis tick (last 4 hex digits), `name` the legend's. */
export type LabelledBar = { key: string; label: string; name: string; eth: bigint };

export type ExposureOverview = {
  exposure: SnapshotExposure;
  operatorBars: LabelledBar[];
  avsBars: LabelledBar[];
  /** Symbiotic networks behind Mellow LRTs: what each one's full slash costs (named from Symbiotic's metadata). */
  networkBars: LabelledBar[];
  /** The one slash that costs the user most: an EigenLayer operator set or a Symbiotic network, whichever is larger. */
  largest: { kind: 'set'; loss: SetLoss } | { kind: 'network'; loss: NetworkLoss; name: string } | null;
  blockNumber: bigint;
};

/** A Symbiotic network's name in Symbiotic's metadata (lib/restaking/symbiotic-registry.ts), else its short address. */
export const networkName = (a: string) => SYMBIOTIC_NETWORKS.find((n) => sameAddress(n.address, a))?.name ?? short(a);

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
  const set = exposure.largestSingleSlash;
  const net = exposure.largestNetworkSlash;
  const largest =
    net && (!set || net.lossEth > set.lossEth)
      ? { kind: 'network' as const, loss: net, name: networkName(net.network) }
      : set
        ? { kind: 'set' as const, loss: set }
        : null;
  return {
    exposure,
    operatorBars: exposure.byOperator.map((o) => ({
      key: o.operator,
      label: tick(o.operator),
      name: short(o.operator),
      eth: o.restakedEth,
    })),
    avsBars: exposure.byAvs.map((a) => ({ key: a.avs, label: tick(a.avs), name: short(a.avs), eth: a.atRiskEth })),
    networkBars: exposure.byNetwork.map((n) => ({
      key: n.network,
      label: networkName(n.network).slice(0, 8),
      name: networkName(n.network),
      eth: n.lossEth,
    })),
    largest,
    blockNumber: snapshot.blockNumber,
  };
}
