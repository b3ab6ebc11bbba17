import { EIGENLAYER } from '../../restaking/addresses';
import { realisedLoss } from '../../risk/slashing';
import { formatAmount, formatEth, formatWadPercent, sameAddress } from '../../format';
import type { TrackerSnapshot } from '../../tracker/types';
import type { AlertCandidate, PositionMemo } from '../types';
import type { SlashingLog } from './slashing-logs';

/** A loss is never shown smaller than it is. (The magnitude left after a slash is cut toward zero for the same reason.) */
const LOSS = { rounding: 'expand' } as const;

export type SlashingRuleResult = { candidates: AlertCandidate[]; explained: Set<string> };

/**
 * Turns slashing events into alerts for the positions they touch, judged against the positions as
 * they were before (the previous snapshot's memo): the loss is the position's ETH value before the
 * slash × wadSlashed (lib/risk realisedLoss, rounded up), applied in log order so two slashes in one
 * range compound. Events that touch none of the user's stake raise nothing.
 */
export function slashingRule(
  logs: readonly SlashingLog[],
  before: Readonly<Record<string, PositionMemo>>,
  snapshot: TrackerSnapshot,
): SlashingRuleResult {
  const running = new Map(Object.entries(before).map(([id, m]) => [id, BigInt(m.value)]));
  const now = new Map(snapshot.positions.map((p) => [p.id, p.status === 'ok' ? p.fairValueEth : null]));
  const explained = new Set<string>();
  const candidates: AlertCandidate[] = [];
  /** `${positionId}:${operator}` → the holder's ETH with that operator, reduced by each slash in this range. */
  const lrtRunning = new Map<string, bigint>();
  const eigenOf = (operator: string, strategy: string) =>
    Object.entries(before).filter(([, m]) => sameAddress(m.operator, operator) && sameAddress(m.strategy, strategy) && !m.claimable);
  /** Observed drop between snapshots, for events that carry no loss fraction. */
  const observedLoss = (ids: string[]) =>
    ids.reduce((s, id) => {
      const b = running.get(id) ?? 0n;
      const a = now.get(id);
      return a == null || a >= b ? s : s + (b - a);
    }, 0n);

  for (const log of logs) {
    const id = `slash:${log.transactionHash}:${log.logIndex}`;
    if (log.eventName === 'OperatorSlashed' && sameAddress(log.address, EIGENLAYER.allocationManager)) {
      let lossWei = 0n;
      const touched: string[] = [];
      log.strategies.forEach((strategy, i) => {
        const wadSlashed = log.wadSlashed[i] ?? 0n;
        for (const [pid] of eigenOf(log.operator, strategy)) {
          const value = running.get(pid) ?? 0n;
          const loss = realisedLoss({ ethValue: value, wadSlashed }).lossWei;
          running.set(pid, value - loss);
          lossWei += loss;
          touched.push(pid);
        }
      });
      const worst = log.wadSlashed.reduce((m, w) => (w > m ? w : m), 0n);
      candidates.push(...lrtSlashCandidates(log, worst, before, snapshot, lrtRunning, explained));
      if (touched.length === 0) continue;
      touched.forEach((t) => explained.add(t));
      candidates.push({
        id,
        rule: 'slashing',
        severity: 'danger',
        cooldownKey: id,
        positionId: touched[0]!,
        block: String(log.blockNumber),
        title: `Slashed: you lost ${formatEth(lossWei, LOSS)}`,
        message: `Operator ${log.operator} was slashed by AVS ${log.operatorSet.avs} (set ${log.operatorSet.id}): ${formatWadPercent(worst)} of its stake${log.description ? ` — "${log.description}"` : ''}. Your restaked position${touched.length > 1 ? 's' : ''} lost ${formatEth(lossWei, LOSS)}.`,
        data: {
          lossWei: String(lossWei),
          operator: log.operator,
          wadSlashed: log.wadSlashed.join(','),
          strategies: log.strategies.join(','),
          txHash: log.transactionHash,
          positions: touched.join(','),
        },
      });
    } else if (log.eventName === 'MaxMagnitudeUpdated' && sameAddress(log.address, EIGENLAYER.allocationManager)) {
      // A slash emits both events; OperatorSlashed carries the fraction, so it speaks for the slash.
      const covered = logs.some(
        (l) => l.eventName === 'OperatorSlashed' && l.transactionHash === log.transactionHash && sameAddress(l.operator, log.operator),
      );
      const touched = eigenOf(log.operator, log.strategy).map(([pid]) => pid);
      if (covered || touched.length === 0) continue;
      const lossWei = observedLoss(touched);
      touched.forEach((t) => explained.add(t));
      candidates.push({
        id,
        rule: 'slashing',
        severity: 'danger',
        cooldownKey: id,
        positionId: touched[0]!,
        block: String(log.blockNumber),
        title: `Operator slashed: ${log.operator.slice(0, 10)}…`,
        message: `The max magnitude of operator ${log.operator} for strategy ${log.strategy} fell to ${formatWadPercent(log.maxMagnitude, { rounding: 'trunc' })}. Your position lost about ${formatEth(lossWei, LOSS)} since the last refresh.`,
        data: {
          lossWei: String(lossWei),
          operator: log.operator,
          strategy: log.strategy,
          maxMagnitude: String(log.maxMagnitude),
          txHash: log.transactionHash,
          positions: touched.join(','),
        },
      });
    } else if (log.eventName === 'OnSlash') {
      candidates.push(...mellowSlashCandidates(log, before, running, explained));
      const touched = Object.entries(before)
        .filter(([, m]) => sameAddress(m.vault, log.address))
        .map(([pid]) => pid);
      if (touched.length === 0) continue;
      const lossWei = observedLoss(touched);
      touched.forEach((t) => explained.add(t));
      candidates.push({
        id: `symbiotic-slash:${log.transactionHash}:${log.logIndex}`,
        rule: 'slashing',
        severity: 'danger',
        cooldownKey: id,
        positionId: touched[0]!,
        block: String(log.blockNumber),
        title: `Symbiotic vault slashed: you lost ${formatEth(lossWei, LOSS)}`,
        message: `Vault ${log.address} was slashed by ${formatAmount(log.slashedAmount, 18, 'collateral', LOSS)}, taken pro rata from active stake and pending withdrawals. Your deposit is worth ${formatEth(lossWei, LOSS)} less than at the last refresh.`,
        data: {
          lossWei: String(lossWei),
          vault: log.address,
          slashedAmount: String(log.slashedAmount),
          captureTimestamp: String(log.captureTimestamp),
          txHash: log.transactionHash,
          positions: touched.join(','),
        },
      });
    }
  }
  return { candidates, explained };
}

type OperatorSlashedLog = Extract<SlashingLog, { eventName: 'OperatorSlashed' }>;
type OnSlashLog = Extract<SlashingLog, { eventName: 'OnSlash' }>;

/**
 * An OnSlash of the Symbiotic vault behind a held Mellow LRT (issue #15, Symbiotic side): one alert per
 * position per log. The estimate is the holder's ETH in the vault before the slash (balance / supply × the
 * LRT's activeBalanceOf, at wstETH's rate) × slashedAmount / the vault's active stake (rounded up): the vault
 * takes a slash pro rata over its stake, and the LRT's rate (totalAssets reads the vault) shows it at once.
 * Two slashes in one range compound on the running figures.
 */
function mellowSlashCandidates(
  log: OnSlashLog,
  before: Readonly<Record<string, PositionMemo>>,
  running: Map<string, bigint>,
  explained: Set<string>,
): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  for (const [pid, m] of Object.entries(before)) {
    if (!m.mellowVault || !sameAddress(m.mellowVault, log.address) || !m.mellowHolderEth || !m.mellowVaultActiveStake) continue;
    const key = `mellow:${pid}`;
    const stakeKey = `mellow-stake:${pid}`;
    const holderEth = running.get(key) ?? BigInt(m.mellowHolderEth);
    const stake = running.get(stakeKey) ?? BigInt(m.mellowVaultActiveStake);
    if (holderEth === 0n || stake === 0n) continue;
    const slashed = log.slashedAmount < stake ? log.slashedAmount : stake;
    const lossWei = (holderEth * slashed + stake - 1n) / stake;
    running.set(key, holderEth - lossWei);
    running.set(stakeKey, stake - slashed);
    explained.add(pid);
    const id = `slash-mellow:${log.transactionHash}:${log.logIndex}:${pid}`;
    out.push({
      id,
      rule: 'slashing',
      severity: 'danger',
      cooldownKey: id,
      positionId: pid,
      block: String(log.blockNumber),
      title: `${m.lrtSymbol ?? m.asset}: its Symbiotic vault was slashed, about ${formatEth(lossWei, LOSS)} of your position`,
      message: `Symbiotic vault ${log.address}, where ${m.lrtSymbol ?? m.asset} restakes, was slashed by ${formatAmount(log.slashedAmount, 18, 'wstETH', LOSS)} of its ${formatAmount(stake, 18, 'wstETH')} active stake. Your ${m.lrtSymbol ?? m.asset} had ${formatEth(holderEth)} in the vault; estimated loss ${formatEth(lossWei, LOSS)}. Its rate reads the vault, so it shows the slash at once.`,
      data: {
        lossWei: String(lossWei),
        lrt: m.lrtSymbol ?? m.asset,
        vault: log.address,
        holderEthInVault: String(holderEth),
        vaultActiveStake: String(stake),
        slashedAmount: String(log.slashedAmount),
        formula:
          'lossWei = ceil(holderEthInVault × slashedAmount / vaultActiveStake); holderEthInVault = balance / supply × the LRT’s activeBalanceOf × wstETH’s rate, before the slash',
        txHash: log.transactionHash,
        positions: pid,
      },
    });
  }
  return out;
}

/**
 * An OperatorSlashed of an operator behind a held LRT (issue #15 item 6): one alert per LRT position
 * per log. The holder's ETH with that operator comes from the position's look-through before the slash
 * (balance / supply × the LRT's stakers delegated to the operator); the estimated loss is that × wadSlashed
 * (the share of the operator's stake the slash took, rounded up). The look-through does not split an
 * operator's ETH by strategy, so with several strategies in the log the largest wadSlashed is used (an upper bound).
 */
function lrtSlashCandidates(
  log: OperatorSlashedLog,
  wadSlashed: bigint,
  before: Readonly<Record<string, PositionMemo>>,
  snapshot: TrackerSnapshot,
  running: Map<string, bigint>,
  explained: Set<string>,
): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const operator = log.operator.toLowerCase();
  for (const [pid, m] of Object.entries(before)) {
    const held = m.lrtOperators?.[operator];
    if (held === undefined || !m.lrtSymbol) continue;
    const k = `${pid}:${operator}`;
    const holderEth = running.get(k) ?? BigInt(held);
    if (holderEth === 0n) continue;
    const { lossWei } = realisedLoss({ ethValue: holderEth, wadSlashed });
    running.set(k, holderEth - lossWei);
    explained.add(pid);
    const set = snapshot.positions
      .find((p) => p.id === pid)
      ?.slashing?.perSet?.find((s) => sameAddress(s.avs, log.operatorSet.avs) && s.id === log.operatorSet.id);
    const id = `slash-lrt:${log.transactionHash}:${log.logIndex}:${pid}`;
    out.push({
      id,
      rule: 'slashing',
      severity: 'danger',
      cooldownKey: id,
      positionId: pid,
      block: String(log.blockNumber),
      title: `${m.lrtSymbol}: an operator behind it was slashed, about ${formatEth(lossWei, LOSS)} of your position`,
      message: `Operator ${log.operator}, which holds part of ${m.lrtSymbol}'s restaked ETH, was slashed by AVS ${log.operatorSet.avs} (set ${log.operatorSet.id}): ${formatWadPercent(wadSlashed)} of its stake${log.description ? ` — "${log.description}"` : ''}. Your ${m.lrtSymbol} had ${formatEth(holderEth)} with this operator; estimated loss ${formatEth(lossWei, LOSS)} (your ETH with the operator × wadSlashed). The LRT's rate may show it later.`,
      data: {
        lossWei: String(lossWei),
        lrt: m.lrtSymbol,
        operator: log.operator,
        holderEthWithOperator: String(holderEth),
        wadSlashed: String(wadSlashed),
        formula:
          'lossWei = ceil(holderEthWithOperator × wadSlashed / 1e18); holderEthWithOperator = balance / supply × ETH of the LRT stakers delegated to the operator, before the slash',
        operatorSet: `${log.operatorSet.avs}:${log.operatorSet.id}`,
        ...(set ? { setAtRiskEthNow: String(set.atRiskEth) } : {}),
        txHash: log.transactionHash,
        positions: pid,
      },
    });
  }
  return out;
}

/** What the next evaluation needs to know about each position as it is now. */
export function positionMemos(snapshot: TrackerSnapshot): Record<string, PositionMemo> {
  const out: Record<string, PositionMemo> = {};
  for (const p of snapshot.positions) {
    if (p.status !== 'ok' || p.fairValueEth === null) continue;
    const operator =
      p.family === 'eigenlayer' || p.family === 'eigenlayer-queued' ? (p.slashing?.operator ?? p.details.delegatedTo) : undefined;
    out[p.id] = {
      value: String(p.fairValueEth),
      account: p.account,
      asset: p.asset,
      ...(operator ? { operator } : {}),
      ...(p.details.strategy ? { strategy: p.details.strategy } : {}),
      ...(p.family === 'symbiotic' && p.details.vault ? { vault: p.details.vault } : {}),
      ...(p.family === 'eigenlayer-queued' ? { claimable: p.details.claimable === 'true' } : {}),
      ...(p.slashing?.method === 'lrt-share' && p.details.lrtSymbol
        ? {
            lrtSymbol: p.details.lrtSymbol,
            lrtOperators: Object.fromEntries((p.slashing.perOperator ?? []).map((o) => [o.operator.toLowerCase(), String(o.restakedEth)])),
            lrtWorstCaseEth: String(p.slashing.worstCaseEth),
          }
        : {}),
      ...(p.family === 'mellow-lrt' && p.details.lrtExposure === 'known' && p.details.symbioticVault
        ? {
            lrtSymbol: p.asset,
            mellowVault: p.details.symbioticVault,
            mellowHolderEth: p.details.lrtHolderRestakedEth ?? '0',
            mellowVaultActiveStake: p.details.vaultActiveStake ?? '0',
          }
        : {}),
    };
  }
  return out;
}
