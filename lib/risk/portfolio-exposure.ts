import type { Address } from 'viem';
import { WAD, mulDiv } from './wad';

/**
 * Slashing exposure over all of a user's holdings (issue #15 item 4): direct EigenLayer stake and LRTs,
 * held as tokens or deployed (Aave aTokens, Curve LP shares), summed by operator, by operator set and
 * by AVS. Each holding brings its own share already (a direct deposit its stake, an LRT balance / supply
 * of the protocol's figures); this only adds them up, so one operator behind two LRTs counts once with
 * both parts. Amounts are wei of ETH, shares WAD.
 */

/** One holding as the aggregation sees it; `unknown` ones are listed with the reason, never counted as 0. */
export type ExposureHolding = {
  id: string;
  /** "rsETH", "aEthrsETH (rsETH in Aave)", "stETH strategy (EigenLayer)". */
  label: string;
} & (
  | {
      status: 'known';
      /** The holder's ETH delegated to each operator through this holding. */
      byOperator: readonly { operator: Address; restakedEth: bigint }[];
      /** The holder's ETH lost if that operator set slashes 100 % of its allocations. */
      bySet: readonly { avs: Address; id: number; atRiskEth: bigint }[];
      /** A Mellow LRT: the holder's ETH lost if that Symbiotic network slashes its whole stake in the LRT's vault. */
      byNetwork?: readonly { network: Address; vault: Address; atRiskEth: bigint }[];
    }
  | { status: 'unknown'; reason: string }
);

export type SetLoss = { avs: Address; id: number; lossEth: bigint; parts: { id: string; label: string; lossEth: bigint }[] };

/** One Symbiotic network's full slash, summed over every holding (Mellow LRT) whose vault it can slash. */
export type NetworkLoss = { network: Address; lossEth: bigint; parts: { id: string; label: string; vault: Address; lossEth: bigint }[] };

export type PortfolioExposure = {
  /** Σ of the holder's ETH delegated to any operator. */
  restakedEth: bigint;
  byOperator: { operator: Address; restakedEth: bigint; shareWad: bigint; holdings: string[] }[];
  bySet: SetLoss[];
  /** Σ over the AVS's operator sets (every set of it slashes 100 %). */
  byAvs: { avs: Address; atRiskEth: bigint }[];
  /** The one operator set whose full slash costs the holder most, summed over every holding it reaches. */
  largestSingleSlash: SetLoss | null;
  /** Symbiotic networks (behind Mellow LRTs), the analogue of operator sets: what each one's full slash costs the holder. */
  byNetwork: NetworkLoss[];
  /** The one Symbiotic network whose full slash costs the holder most. */
  largestNetworkSlash: NetworkLoss | null;
  unknown: { id: string; label: string; reason: string }[];
  counted: number;
};

const desc =
  <T>(value: (t: T) => bigint) =>
  (x: T, y: T) =>
    value(y) > value(x) ? 1 : value(y) < value(x) ? -1 : 0;

export function aggregateExposure(holdings: readonly ExposureHolding[]): PortfolioExposure {
  const ops = new Map<string, { operator: Address; restakedEth: bigint; holdings: Set<string> }>();
  const sets = new Map<string, SetLoss>();
  const networks = new Map<string, NetworkLoss>();
  const unknown: PortfolioExposure['unknown'] = [];
  let restakedEth = 0n;
  let counted = 0;
  for (const h of holdings) {
    if (h.status === 'unknown') {
      unknown.push({ id: h.id, label: h.label, reason: h.reason });
      continue;
    }
    counted += 1;
    for (const o of h.byOperator) {
      if (o.restakedEth <= 0n) continue;
      const e = ops.get(o.operator.toLowerCase()) ?? { operator: o.operator, restakedEth: 0n, holdings: new Set<string>() };
      e.restakedEth += o.restakedEth;
      e.holdings.add(h.label);
      ops.set(o.operator.toLowerCase(), e);
      restakedEth += o.restakedEth;
    }
    for (const s of h.bySet) {
      if (s.atRiskEth <= 0n) continue;
      const k = `${s.avs.toLowerCase()}:${s.id}`;
      const e = sets.get(k) ?? { avs: s.avs, id: s.id, lossEth: 0n, parts: [] };
      e.lossEth += s.atRiskEth;
      e.parts.push({ id: h.id, label: h.label, lossEth: s.atRiskEth });
      sets.set(k, e);
    }
    for (const n of h.byNetwork ?? []) {
      if (n.atRiskEth <= 0n) continue;
      const e = networks.get(n.network.toLowerCase()) ?? { network: n.network, lossEth: 0n, parts: [] };
      e.lossEth += n.atRiskEth;
      e.parts.push({ id: h.id, label: h.label, vault: n.vault, lossEth: n.atRiskEth });
      networks.set(n.network.toLowerCase(), e);
    }
  }
  const byNetwork = [...networks.values()].sort(desc((n) => n.lossEth));
  for (const n of byNetwork) n.parts.sort(desc((p) => p.lossEth));
  const bySet = [...sets.values()].sort(desc((s) => s.lossEth));
  for (const s of bySet) s.parts.sort(desc((p) => p.lossEth));
  const avs = new Map<string, { avs: Address; atRiskEth: bigint }>();
  for (const s of bySet) {
    const e = avs.get(s.avs.toLowerCase()) ?? { avs: s.avs, atRiskEth: 0n };
    e.atRiskEth += s.lossEth;
    avs.set(s.avs.toLowerCase(), e);
  }
  return {
    restakedEth,
    byOperator: [...ops.values()]
      .map((o) => ({
        operator: o.operator,
        restakedEth: o.restakedEth,
        shareWad: share(o.restakedEth, restakedEth),
        holdings: [...o.holdings],
      }))
      .sort(desc((o) => o.restakedEth)),
    bySet,
    byAvs: [...avs.values()].sort(desc((a) => a.atRiskEth)),
    largestSingleSlash: bySet[0] ?? null,
    byNetwork,
    largestNetworkSlash: byNetwork[0] ?? null,
    unknown,
    counted,
  };
}

const share = (part: bigint, whole: bigint) => (whole > 0n ? mulDiv(part, WAD, whole) : 0n);

/** An LRT's delegated ETH per operator and its supply, from its look-through. */
export type LrtOperatorMix = { supply: bigint; byOperator: readonly { operator: Address; restakedEth: bigint }[] };

/** The holder's ETH behind `amount` LRT tokens, per operator: amount / supply × the protocol's (floor, as the tracker). */
export function lrtAmountByOperator(amount: bigint, mix: LrtOperatorMix): { operator: Address; restakedEth: bigint }[] {
  if (mix.supply <= 0n || amount <= 0n) return [];
  return mix.byOperator.map((o) => ({ operator: o.operator, restakedEth: mulDiv(amount, o.restakedEth, mix.supply) }));
}

export type ConcentrationChange = {
  operator: Address;
  beforeEth: bigint;
  afterEth: bigint;
  beforeShareWad: bigint;
  afterShareWad: bigint;
  totalBeforeEth: bigint;
  totalAfterEth: bigint;
};

/**
 * How adding `added` (per operator) changes the user's concentration: for the operator with the largest
 * share after the change, its share of all restaked ETH before and after.
 */
export function concentrationChange(
  current: readonly { operator: Address; restakedEth: bigint }[],
  added: readonly { operator: Address; restakedEth: bigint }[],
): ConcentrationChange | null {
  const before = new Map<string, { operator: Address; eth: bigint }>();
  for (const o of current)
    before.set(o.operator.toLowerCase(), { operator: o.operator, eth: (before.get(o.operator.toLowerCase())?.eth ?? 0n) + o.restakedEth });
  const after = new Map([...before].map(([k, v]) => [k, { ...v }]));
  for (const o of added) {
    const e = after.get(o.operator.toLowerCase()) ?? { operator: o.operator, eth: 0n };
    e.eth += o.restakedEth;
    after.set(o.operator.toLowerCase(), e);
  }
  const sum = (m: Map<string, { eth: bigint }>) => [...m.values()].reduce((s, v) => s + v.eth, 0n);
  const totalBeforeEth = sum(before);
  const totalAfterEth = sum(after);
  const top = [...after.entries()].sort(([, x], [, y]) => (y.eth > x.eth ? 1 : y.eth < x.eth ? -1 : 0))[0];
  if (!top || totalAfterEth === 0n) return null;
  const beforeEth = before.get(top[0])?.eth ?? 0n;
  return {
    operator: top[1].operator,
    beforeEth,
    afterEth: top[1].eth,
    beforeShareWad: share(beforeEth, totalBeforeEth),
    afterShareWad: share(top[1].eth, totalAfterEth),
    totalBeforeEth,
    totalAfterEth,
  };
}
