import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import { DEFAULT_ALERT_SETTINGS } from '../settings';
import { EMPTY_ALERTS_STATE } from '../types';
import type { Position, TrackerSnapshot } from '../../tracker/types';
import { withdrawalRule } from './withdrawal';

const E = 10n ** 18n;
const alice: Address = '0x00000000000000000000000000000000000A11cE';

function lido(requestId: number, status: 'requested' | 'claimable', ok = true): Position {
  return {
    id: `lido-withdrawal:${alice.toLowerCase()}:stETH withdrawal #${requestId}`,
    family: 'lido-withdrawal',
    account: alice,
    asset: `stETH withdrawal #${requestId}`,
    status: ok ? 'ok' : 'failed',
    amount: 5n * E,
    fairValueEth: ok ? 5n * E : null,
    marketValueEth: null,
    depegWad: null,
    details: { requestId: String(requestId), status, claimable: String(status === 'claimable'), amountOfStETH: String(5n * E) },
    sources: [],
  };
}
const snap = (block: bigint, positions: Position[]): TrackerSnapshot => ({
  chainId: 1,
  blockNumber: block,
  blockTimestamp: 0n,
  takenAt: 0,
  requestCount: 1,
  accounts: [alice],
  positions,
  tokens: [],
});
const run = (s: TrackerSnapshot) =>
  withdrawalRule({ snapshot: s, settings: DEFAULT_ALERT_SETTINGS, state: structuredClone(EMPTY_ALERTS_STATE), now: 0 });

describe('withdrawalRule for Lido requests', () => {
  test('a claimable request: one candidate whose id is the same on every refresh', () => {
    const a = run(snap(100n, [lido(3, 'claimable'), lido(4, 'requested')]));
    const b = run(snap(180n, [lido(3, 'claimable'), lido(4, 'requested')]));
    expect(a.map((c) => c.id)).toEqual([`claimable:lido-withdrawal:${alice.toLowerCase()}:stETH withdrawal #3`]);
    expect(b.map((c) => c.id)).toEqual(a.map((c) => c.id));
    expect(a[0]).toMatchObject({ rule: 'withdrawal', severity: 'info', title: 'Withdrawal ready to claim: Lido request #3' });
    expect(a[0]!.message).toBe(
      'Your Lido withdrawal request #3 is finalized: 5 ETH to claim. Claim it to receive the ETH; until then it earns nothing.',
    );
  });

  test('requested or failed requests raise nothing', () => {
    expect(run(snap(100n, [lido(4, 'requested'), lido(5, 'claimable', false)]))).toEqual([]);
  });
});
