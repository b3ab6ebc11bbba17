import type { Address } from 'viem';
import type { RiskFlag, RiskSource } from './flag';
import { formatWadPercent } from '../format';
import { formatExpiry } from './traps/policy';

/**
 * Flags about the state of a protocol at the time of a request. Policy:
 * - deposit into a paused protocol → danger (the transaction reverts or the funds sit unminted);
 * - an oracle older than its heartbeat → warn; older than 2 heartbeats, or never updated → danger;
 * - a withdrawal that cannot be made now → warn when the date it opens is known, danger when not;
 * - an operator slashed within the window (default 30 days) → danger; older slashes → no flag.
 */

export type PausedDepositRequest = { protocol: string; paused: boolean; source?: RiskSource };

export function pausedDepositFlags({ protocol, paused, source }: PausedDepositRequest): RiskFlag[] {
  if (!paused) return [];
  return [
    {
      id: 'protocol.paused',
      severity: 'danger',
      title: `${protocol} deposits are paused`,
      numbers: { state: 'paused' },
      why: `${protocol} has paused its contracts, usually during an incident. This deposit will fail or your funds may be stuck; wait for the team's announcement.`,
      source,
    },
  ];
}

export type StaleOracleRequest = {
  name: string;
  /** latestRoundData().updatedAt or the rate's last update, unix seconds. */
  updatedAt: bigint;
  now: bigint;
  /** Expected update interval (Chainlink heartbeat), seconds. */
  heartbeat: bigint;
  source?: RiskSource;
};

const formatAge = (seconds: bigint) => {
  const hours = Number(seconds) / 3600;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} days`;
};

export function staleOracleFlags({ name, updatedAt, now, heartbeat, source }: StaleOracleRequest): RiskFlag[] {
  const age = now - updatedAt;
  if (updatedAt > 0n && age <= heartbeat) return [];
  const never = updatedAt === 0n;
  const severity = never || age > 2n * heartbeat ? 'danger' : 'warn';
  return [
    {
      id: 'oracle.stale',
      severity,
      title: never ? `${name} has never been updated` : `${name} is ${formatAge(age)} old`,
      numbers: { age: never ? 'never updated' : formatAge(age), heartbeat: formatAge(heartbeat) },
      why: 'Values shown from this feed may be out of date, and protocols that rely on it may misprice or refuse actions. Treat the numbers as approximate.',
      source,
    },
  ];
}

export type WithdrawalAvailabilityRequest = {
  protocol: string;
  canWithdrawNow: boolean;
  /** Why not, in a few words ("withdrawals paused", "in 7-day queue", "buffer empty"). */
  reason?: string;
  /** When it becomes possible, unix seconds, if known. */
  availableAt?: bigint;
  now: bigint;
  source?: RiskSource;
};

export function withdrawalAvailabilityFlags({
  protocol,
  canWithdrawNow,
  reason = 'not available',
  availableAt,
  now,
  source,
}: WithdrawalAvailabilityRequest): RiskFlag[] {
  if (canWithdrawNow) return [];
  const known = availableAt !== undefined;
  return [
    {
      id: 'withdrawal.unavailable',
      severity: known ? 'warn' : 'danger',
      title: `${protocol} withdrawal ${known ? `opens ${formatExpiry(availableAt, now)}` : 'is not possible now'}`,
      numbers: { reason, ...(known ? { availableIn: formatExpiry(availableAt, now) } : {}) },
      why: known
        ? 'Your funds are locked until then; the only faster exit is selling on the market, at the market price.'
        : 'There is no known date for redemption at the protocol rate; exiting means selling on the market, possibly at a discount.',
      source,
    },
  ];
}

export type SlashEvent = { wadSlashed: bigint; timestamp: bigint; block?: bigint; operatorSet?: string };

export type RecentSlashRequest = {
  operator: Address;
  operatorName?: string;
  slashes: readonly SlashEvent[];
  now: bigint;
  /** Look-back window, seconds; default 30 days. */
  windowSeconds?: bigint;
};

export const RECENT_SLASH_WINDOW_SECONDS = 30n * 24n * 3600n;

export function recentSlashFlags({
  operator,
  operatorName,
  slashes,
  now,
  windowSeconds = RECENT_SLASH_WINDOW_SECONDS,
}: RecentSlashRequest): RiskFlag[] {
  const recent = slashes.filter((slash) => now - slash.timestamp <= windowSeconds && slash.wadSlashed > 0n);
  if (!recent.length) return [];
  const latest = recent.reduce((a, b) => (b.timestamp > a.timestamp ? b : a));
  const label = operatorName ?? `${operator.slice(0, 6)}…${operator.slice(-4)}`;
  return [
    {
      id: 'operator.recently-slashed',
      severity: 'danger',
      title: `Operator ${label} was slashed ${recent.length === 1 ? 'once' : `${recent.length} times`} in the last ${Number(windowSeconds / 86_400n)} days`,
      numbers: { latestSlash: formatWadPercent(latest.wadSlashed, { maxFractionDigits: 4 }), slashes: String(recent.length) },
      why: 'A recent slash means the operator failed an AVS commitment; stake delegated to it can lose more. Consider an operator without slashing history.',
      source: { contract: operator, block: latest.block, method: 'OperatorSlashed' },
    },
  ];
}
