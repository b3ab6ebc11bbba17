import { formatHealthFactor, formatUtcMinute, formatWadDeviation } from '../format';
import type { PortfolioView } from '../messaging/portfolio-view';
import { PROTOCOLS, RESTAKING_TOKENS, isRestakingSymbol } from '../restaking';
import type { StoredSnapshot } from '../tracker/snapshot-schema';
import { readLiquidationDetails } from '../risk/liquidation-facts';
import { formatLiquidationDistance } from '../risk/liquidation';

/** One stored position as the popup gets it: bigints as decimal strings. */
export type PositionView = StoredSnapshot['positions'][number];
export type BadgeTone = 'info' | 'warn' | 'danger';
export type PositionBadge = { tone: BadgeTone; label: string; why: string };

/** Depeg below fair value: ≥ 1 % warns, ≥ 3 % is danger (reference §5 thresholds, as the alerts use). */
export const DEPEG_WARN_WAD = 10n ** 16n;
export const DEPEG_DANGER_WAD = 3n * 10n ** 16n;
/** Aave health factor (WAD) under which liquidation is near. */
export const HEALTH_WARN_WAD = 1_200_000_000_000_000_000n;
export const HEALTH_DANGER_WAD = 1_050_000_000_000_000_000n;

/** Aave depeg-to-liquidation distance under which the position is flagged (the alert's default threshold is 5 %). */
export const LIQUIDATION_DANGER_WAD = 5n * 10n ** 16n;
export const LIQUIDATION_WARN_WAD = 10n ** 17n;

/** An Aave position's liquidation facts as the detail screen shows them (undefined for other families or unread). */
export const liquidationOf = (p: PositionView) => (p.family === 'aave' ? readLiquidationDetails(p.details) : undefined);

const big = (s: string | null | undefined): bigint | null => (s === null || s === undefined ? null : BigInt(s));

const FAMILY_GROUP: Record<PositionView['family'], string | null> = {
  token: null,
  eigenlayer: 'EigenLayer',
  'eigenlayer-queued': 'EigenLayer',
  'lido-withdrawal': 'Lido',
  'etherfi-withdrawal': 'ether.fi',
  'kelp-withdrawal': 'Kelp',
  'renzo-withdrawal': 'Renzo',
  'puffer-withdrawal': 'Puffer',
  'mantle-withdrawal': 'Mantle',
  symbiotic: 'Symbiotic',
  'mellow-lrt': 'Mellow',
  aave: 'Aave v3',
  'curve-lp': 'Curve',
  'pendle-pt': 'Pendle',
};

/** Tokens group under their issuer (Lido, ether.fi, Renzo…); deployments under the venue. */
export function protocolOf(p: PositionView): string {
  const group = FAMILY_GROUP[p.family];
  if (group) return group;
  return isRestakingSymbol(p.asset) ? PROTOCOLS[RESTAKING_TOKENS[p.asset].protocol].name : 'Other tokens';
}

/** Badges worst first: failed read, depeg, Aave health and liquidation distance, withdrawal state, slashing exposure, stale data. */
export function badgesOf(p: PositionView, stale: boolean): PositionBadge[] {
  const out: PositionBadge[] = [];
  if (p.status === 'failed') out.push({ tone: 'danger', label: 'Read failed', why: p.error ?? 'The chain did not answer this read.' });
  const depeg = big(p.depegWad);
  if (depeg !== null && -depeg >= DEPEG_WARN_WAD) {
    const tone = -depeg >= DEPEG_DANGER_WAD ? 'danger' : 'warn';
    out.push({
      tone,
      label: `Depeg ${formatWadDeviation(depeg)}`,
      why: 'Selling now returns this much less than the protocol’s own rate.',
    });
  }
  const hf = big(p.details.healthFactor);
  if (p.family === 'aave' && hf !== null && hf < HEALTH_WARN_WAD) {
    out.push({
      tone: hf < HEALTH_DANGER_WAD ? 'danger' : 'warn',
      label: `Health ${formatHealthFactor(hf)}`,
      why: 'Below 1.0 the position can be liquidated.',
    });
  }
  const liq = liquidationOf(p)?.distance;
  if (liq?.status === 'ok' && liq.distanceWad !== null && liq.distanceWad < LIQUIDATION_WARN_WAD) {
    out.push({
      tone: liq.distanceWad < LIQUIDATION_DANGER_WAD ? 'danger' : 'warn',
      label: `Liquidation ${formatLiquidationDistance(liq.distanceWad)} away`,
      why: 'A fall of Aave’s price of the collateral by this much brings the health factor to 1.',
    });
  }
  if (p.status === 'ok' && (p.family === 'eigenlayer-queued' || p.family === 'lido-withdrawal' || p.details.queue !== undefined)) {
    if (p.details.claimable === 'true')
      out.push({
        tone: 'info',
        label: 'Claimable',
        why: 'The withdrawal is ready: claim it to receive the funds; until then it earns nothing.',
      });
    else if (p.family === 'lido-withdrawal')
      out.push({
        tone: 'info',
        label: 'Requested · ETA unknown',
        why: `Waiting for Lido to finalize it: ${p.details.etaBasis ?? 'the queue exposes no finalization time'}.`,
      });
    else if (p.details.queue !== undefined)
      out.push({
        tone: 'info',
        // A block-based earliest (Kelp, Mantle) is shown as the block; a time-based one (Renzo's cooldown) as the time.
        label: p.details.etaBlock
          ? `Requested · ready from block ${p.details.etaBlock}`
          : p.details.etaTimestamp
            ? `Requested · ready from ${formatUtcMinute(Number(p.details.etaTimestamp) * 1000)}`
            : 'Requested · ETA unknown',
        why: `Waiting for ${protocolOf(p)} to finalize it: ${p.details.etaBasis ?? 'the queue exposes no finalization time'}.`,
      });
  }
  const exposure = big(p.slashing?.worstCaseEth);
  if (exposure !== null && exposure > 0n)
    out.push({ tone: 'info', label: 'Slashable', why: 'Part of this stake can be slashed if an operator set misbehaves.' });
  if (p.family !== 'token' && p.details.lrtExposure === 'unknown')
    out.push({ tone: 'info', label: 'Exposure unknown', why: p.details.lrtExposureWhy ?? 'The protocol’s stakers are not known.' });
  if (stale) out.push({ tone: 'warn', label: 'Stale', why: 'These numbers are from an older refresh.' });
  const rank: Record<BadgeTone, number> = { danger: 0, warn: 1, info: 2 };
  return out.sort((a, b) => rank[a.tone] - rank[b.tone]);
}

export type PositionGroup = { protocol: string; positions: PositionView[]; fairEth: bigint; marketEth: bigint };

/** Positions grouped by protocol, groups by fair value (largest first), positions likewise. */
export function groupPositions(positions: readonly PositionView[]): PositionGroup[] {
  const groups = new Map<string, PositionGroup>();
  for (const p of positions) {
    const name = protocolOf(p);
    const g = groups.get(name) ?? { protocol: name, positions: [], fairEth: 0n, marketEth: 0n };
    g.positions.push(p);
    g.fairEth += big(p.fairValueEth) ?? 0n;
    g.marketEth += big(p.marketValueEth) ?? big(p.fairValueEth) ?? 0n;
    groups.set(name, g);
  }
  const byFair = (a: bigint, b: bigint) => (a === b ? 0 : a > b ? -1 : 1);
  for (const g of groups.values()) g.positions.sort((a, b) => byFair(big(a.fairValueEth) ?? 0n, big(b.fairValueEth) ?? 0n));
  return [...groups.values()].sort((a, b) => byFair(a.fairEth, b.fairEth));
}

export type Totals = { fairEth: bigint; marketEth: bigint; exposureEth: bigint; failed: number; unpricedMarket: number };

/**
 * Sums over readable positions. Aave aTokens and Curve LP shares are counted: they are the user's
 * deployed LRTs, not a second copy. A position without a market price counts at fair in the market
 * total, and `unpricedMarket` says how many did, so the UI can say so.
 */
export function totalsOf(positions: readonly PositionView[]): Totals {
  const t: Totals = { fairEth: 0n, marketEth: 0n, exposureEth: 0n, failed: 0, unpricedMarket: 0 };
  for (const p of positions) {
    if (p.status === 'failed') {
      t.failed += 1;
      continue;
    }
    const fair = big(p.fairValueEth) ?? 0n;
    const market = big(p.marketValueEth);
    t.fairEth += fair;
    t.marketEth += market ?? fair;
    if (market === null && fair > 0n) t.unpricedMarket += 1;
    t.exposureEth += big(p.slashing?.worstCaseEth) ?? 0n;
  }
  return t;
}

export type ExposureBar = { label: string; eth: bigint };

/** Bars for the exposure chart: per EigenLayer operator set where known, else per protocol. */
export function exposureBars(positions: readonly PositionView[]): ExposureBar[] {
  const bars = new Map<string, bigint>();
  for (const p of positions) {
    if (p.status !== 'ok' || !p.slashing) continue;
    const sets = p.slashing.perSet ?? [];
    if (sets.length > 0) for (const s of sets) add(`AVS ${s.avs.slice(0, 6)}…#${s.id}`, BigInt(s.atRiskEth));
    else
      add(
        protocolOf(p) === 'Other tokens' ? p.asset : `${protocolOf(p)} ${p.family === 'token' ? p.asset : ''}`.trim(),
        BigInt(p.slashing.worstCaseEth),
      );
  }
  return [...bars].map(([label, eth]) => ({ label, eth })).filter((b) => b.eth > 0n);

  function add(label: string, eth: bigint) {
    bars.set(label, (bars.get(label) ?? 0n) + eth);
  }
}

/** Token symbols with a peg history worth a chart (the user holds them, directly or via a venue). */
export function chartTokens(view: PortfolioView): string[] {
  const held = new Set(view.snapshot?.positions.filter((p) => p.family === 'token' && p.status === 'ok').map((p) => p.asset));
  return Object.keys(view.history)
    .filter((k) => k.startsWith('token:') && held.has(k.slice(6)))
    .map((k) => k.slice(6));
}

/** "42 s", "7 min", "3 h 5 min", "2 d" — how old a snapshot is. */
export function formatAge(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d`;
}
