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
      if (touched.length === 0) continue;
      touched.forEach((t) => explained.add(t));
      const worst = log.wadSlashed.reduce((m, w) => (w > m ? w : m), 0n);
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
    };
  }
  return out;
}
