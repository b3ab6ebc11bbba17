import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import { lidoQueueEta, lidoRequestPositions, type LidoRequestStatus } from './lido-withdrawals';

const E = 10n ** 18n;
const alice: Address = '0x00000000000000000000000000000000000A11cE';
const status = (over: Partial<LidoRequestStatus> = {}): LidoRequestStatus => ({
  amountOfStETH: 5n * E,
  amountOfShares: 4n * E,
  owner: alice,
  timestamp: 1_700_000_000n,
  isFinalized: false,
  isClaimed: false,
  ...over,
});

describe('lidoQueueEta', () => {
  test('finalized: claimable now', () => {
    expect(lidoQueueEta(7n, true, 9n, 0n)).toEqual({ eta: 'now', requestsAhead: 0n, basis: 'finalized: claimable now' });
  });
  test('pending: no time is invented, the queue position is given instead', () => {
    const eta = lidoQueueEta(12n, false, 9n, 30n * E);
    expect(eta.eta).toBe('unknown');
    expect(eta.requestsAhead).toBe(2n); // 10 and 11 are ahead of 12
    expect(eta.basis).toBe(
      'the queue exposes no finalization time (oracle reports finalize in id order); 2 unfinalized request(s) ahead, 30000000000000000000 stETH wei unfinalized in the whole queue',
    );
    expect(lidoQueueEta(10n, false, 9n, undefined).basis).toMatch(/0 unfinalized request\(s\) ahead$/);
  });
});

describe('lidoRequestPositions', () => {
  test('one position per unclaimed request: requested at its stETH, claimable at getClaimableEther', () => {
    const positions = lidoRequestPositions({
      account: alice,
      ids: [3n, 4n, 5n],
      statuses: [status({ isFinalized: true }), status({ isFinalized: true, isClaimed: true }), status({ amountOfStETH: 2n * E })],
      claimableEther: new Map([
        [3n, 4_950_000_000_000_000_000n],
        [4n, 0n],
      ]),
      lastFinalizedRequestId: 4n,
      unfinalizedStETH: 2n * E,
    });
    expect(positions.map((p) => [p.id, p.details.status, p.amount, p.fairValueEth, p.details.eta])).toEqual([
      [`lido-withdrawal:${alice.toLowerCase()}:stETH withdrawal #3`, 'claimable', 5n * E, 4_950_000_000_000_000_000n, 'now'],
      [`lido-withdrawal:${alice.toLowerCase()}:stETH withdrawal #5`, 'requested', 2n * E, 2n * E, 'unknown'],
    ]);
    expect(positions[0]!.details).toMatchObject({ claimable: 'true', claimableEth: '4950000000000000000', requestId: '3' });
    expect(positions[1]!.details).toMatchObject({ claimable: 'false', requestsAhead: '0' });
    expect(positions[1]!.details.claimableEth).toBeUndefined();
  });

  test('a finalized request whose claimable ETH could not be read is failed, never valued', () => {
    const [p] = lidoRequestPositions({
      account: alice,
      ids: [3n],
      statuses: [status({ isFinalized: true })],
      claimableEther: new Map([[3n, undefined]]),
      lastFinalizedRequestId: 3n,
      claimableError: 'execution reverted: InvalidHint',
    });
    expect(p).toMatchObject({ status: 'failed', error: 'getClaimableEther: execution reverted: InvalidHint', fairValueEth: null });
  });
});
