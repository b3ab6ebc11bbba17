import { describe, expect, it } from 'vitest';
import { pausedDepositFlags, recentSlashFlags, staleOracleFlags, withdrawalAvailabilityFlags } from './protocol-state';

const NOW = 1_750_000_000n;
const HOUR = 3600n;
const DAY = 86_400n;
const OPERATOR = '0x2222222222222222222222222222222222222222' as const;

describe('protocol state flags', () => {
  it('paused deposit → danger; unpaused → silent', () => {
    expect(pausedDepositFlags({ protocol: 'Kelp', paused: true })[0]).toMatchObject({ id: 'protocol.paused', severity: 'danger' });
    expect(pausedDepositFlags({ protocol: 'Kelp', paused: false })).toEqual([]);
  });

  it('oracle: within heartbeat silent, up to 2 heartbeats warn, beyond or never danger', () => {
    const feed = (ageSeconds: bigint) =>
      staleOracleFlags({ name: 'stETH/ETH feed', updatedAt: NOW - ageSeconds, now: NOW, heartbeat: DAY });
    expect(feed(DAY)).toEqual([]);
    expect(feed(DAY + 1n)[0]).toMatchObject({ id: 'oracle.stale', severity: 'warn' });
    expect(feed(2n * DAY)[0]!.severity).toBe('warn');
    expect(feed(2n * DAY + 1n)[0]!.severity).toBe('danger');
    expect(feed(30n * HOUR)[0]!.numbers.age).toBe('30.0 h');
    expect(staleOracleFlags({ name: 'x', updatedAt: 0n, now: NOW, heartbeat: DAY })[0]).toMatchObject({
      severity: 'danger',
      numbers: { age: 'never updated' },
    });
  });

  it('withdrawal: possible → silent; known date → warn; unknown → danger', () => {
    expect(withdrawalAvailabilityFlags({ protocol: 'Lido', canWithdrawNow: true, now: NOW })).toEqual([]);
    const queued = withdrawalAvailabilityFlags({
      protocol: 'EigenLayer',
      canWithdrawNow: false,
      reason: 'in 14-day queue',
      availableAt: NOW + 3n * DAY,
      now: NOW,
    });
    expect(queued[0]).toMatchObject({ severity: 'warn', numbers: { reason: 'in 14-day queue', availableIn: 'in 3 days' } });
    expect(
      withdrawalAvailabilityFlags({ protocol: 'Renzo', canWithdrawNow: false, reason: 'withdrawals not enabled', now: NOW })[0]!.severity,
    ).toBe('danger');
  });

  it('operator slashed inside the window → danger with the latest slash; outside → silent', () => {
    const slashes = [
      { wadSlashed: 5n * 10n ** 16n, timestamp: NOW - 40n * DAY, block: 100n },
      { wadSlashed: 125n * 10n ** 14n, timestamp: NOW - 2n * DAY, block: 200n },
    ];
    const flags = recentSlashFlags({ operator: OPERATOR, slashes, now: NOW });
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      id: 'operator.recently-slashed',
      severity: 'danger',
      numbers: { latestSlash: '1.25%', slashes: '1' },
      source: { contract: OPERATOR, block: 200n },
    });
    expect(recentSlashFlags({ operator: OPERATOR, slashes: [slashes[0]!], now: NOW })).toEqual([]);
    expect(recentSlashFlags({ operator: OPERATOR, slashes: [slashes[0]!], now: NOW, windowSeconds: 60n * DAY })).toHaveLength(1);
  });
});
