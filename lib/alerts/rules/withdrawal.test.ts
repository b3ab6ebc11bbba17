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

function queued(
  queue: string,
  protocol: string,
  token: string,
  requestId: number,
  claimable: boolean,
  extra: Record<string, string> = {},
): Position {
  const asset = `${token} withdrawal #${requestId}`;
  return {
    id: `${queue}-withdrawal:${alice.toLowerCase()}:${asset}`,
    family: `${queue}-withdrawal` as Position['family'],
    account: alice,
    asset,
    status: 'ok',
    amount: 2n * E,
    fairValueEth: (21n * E) / 10n,
    marketValueEth: null,
    depegWad: null,
    details: {
      protocol,
      queue,
      requestId: String(requestId),
      status: claimable ? 'claimable' : 'requested',
      claimable: String(claimable),
      ...(claimable ? { claimableEth: String((205n * E) / 100n) } : {}),
      ...extra,
    },
    sources: [],
  };
}

describe('withdrawalRule for any protocol queue (details.queue)', () => {
  test('ether.fi, Kelp and Puffer claimable requests: one candidate each, named by protocol and amount', () => {
    const positions = [
      queued('etherfi', 'ether.fi', 'eETH', 7, true),
      queued('kelp', 'Kelp', 'rsETH', 0, true),
      queued('puffer', 'Puffer', 'pufETH', 10, true, { pays: 'WETH' }),
      queued('kelp', 'Kelp', 'rsETH', 1, false),
    ];
    const a = run(snap(100n, positions));
    const b = run(snap(101n, positions));
    expect(a.map((c) => c.id)).toEqual([
      `claimable:etherfi-withdrawal:${alice.toLowerCase()}:eETH withdrawal #7`,
      `claimable:kelp-withdrawal:${alice.toLowerCase()}:rsETH withdrawal #0`,
      `claimable:puffer-withdrawal:${alice.toLowerCase()}:pufETH withdrawal #10`,
    ]);
    expect(b.map((c) => c.id)).toEqual(a.map((c) => c.id));
    expect(a[1]).toMatchObject({ rule: 'withdrawal', severity: 'info', title: 'Withdrawal ready to claim: Kelp request #0' });
    // The amount shown is the queue's claimable figure (2.05 ETH), not the position's requested value (2.1 ETH).
    expect(a[1]!.message).toBe(
      'Your Kelp withdrawal request #0 (2 rsETH) is ready: 2.05 ETH to claim. Claim it to receive it; until then it earns nothing.',
    );
    expect(a[2]!.message).toContain('(paid as WETH)');
    expect(a[0]!.data).toMatchObject({
      protocol: 'ether.fi',
      queue: 'etherfi',
      requestId: '7',
      amount: String(2n * E),
      valueEth: String((205n * E) / 100n),
    });
  });

  test('a position without details.queue is not a withdrawal', () => {
    const token = { ...queued('kelp', 'Kelp', 'rsETH', 0, true), family: 'token' as const, details: { claimable: 'true' } };
    expect(run(snap(100n, [token]))).toEqual([]);
  });
});
