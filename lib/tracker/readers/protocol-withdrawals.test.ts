import { describe, expect, test } from 'vitest';
import { etherfiQueueEta } from './etherfi-withdrawals';
import { kelpQueueEta } from './kelp-withdrawals';
import { mantleQueueEta } from './mantle-withdrawals';
import { pufferPayout, pufferQueueEta } from './puffer-withdrawals';
import { MAX_KNOWN_OUTSIDE_WINDOW, scanIds, secondsUntilBlock } from './queue-common';
import { renzoQueueEta } from './renzo-withdrawals';

const E = 10n ** 18n;

describe('scan window of a queue without a per-owner list', () => {
  test('the last `window` ids below the end, never below the first real id, plus known ids', () => {
    expect(scanIds(10n, 1n, 4n)).toEqual([6n, 7n, 8n, 9n]);
    expect(scanIds(3n, 1n, 64n)).toEqual([1n, 2n]);
    expect(scanIds(1n, 1n, 64n)).toEqual([]); // nothing requested yet
    expect(scanIds(100n, 10n, 2n, [12n, 98n, 5n, 100n])).toEqual([12n, 98n, 99n]); // 5 < first, 100 ≥ end
    // Older known ids are capped per refresh, newest first and one account after the other.
    const many = Array.from({ length: 200 }, (_, i) => BigInt(i + 10));
    const picked = scanIds(1_000n, 1n, 64n, [many, [3n, 5n]]);
    expect(picked.filter((id) => id < 936n)).toHaveLength(MAX_KNOWN_OUTSIDE_WINDOW);
    expect(picked).toContain(3n);
    expect(picked).toContain(5n);
    expect(picked).toContain(209n);
    expect(picked).not.toContain(10n);
  });
});

describe('ETA from each queue’s own state', () => {
  test('ether.fi: finalized → now; otherwise unknown with the requests ahead', () => {
    expect(etherfiQueueEta(5n, 5n)).toMatchObject({ eta: 'now', requestsAhead: 0n });
    const e = etherfiQueueEta(9n, 5n);
    expect(e).toMatchObject({ eta: 'unknown', requestsAhead: 3n });
    expect(e.basis).toContain('3 unfinalized request(s) ahead, last finalized #5');
  });

  test('Kelp: an earliest block from the delay; unknown once the delay passed but the unlock has not come; now when both', () => {
    const base = { nonce: 4n, startBlock: 1000n, delayBlocks: 100n, nextLockedNonce: 4n };
    expect(kelpQueueEta({ ...base, blockNumber: 1050n })).toMatchObject({ eta: 'estimated', claimable: false, readyBlock: 1100n });
    expect(kelpQueueEta({ ...base, blockNumber: 1100n })).toMatchObject({ eta: 'unknown', claimable: false });
    expect(kelpQueueEta({ ...base, nextLockedNonce: 5n, blockNumber: 1099n })).toMatchObject({ eta: 'estimated', claimable: false });
    expect(kelpQueueEta({ ...base, nextLockedNonce: 5n, blockNumber: 1100n })).toMatchObject({ eta: 'now', claimable: true });
    expect(secondsUntilBlock(1100n, 1050n)).toBe(600n);
    expect(secondsUntilBlock(1100n, 1200n)).toBe(0n);
  });

  test('Puffer: batch of the index, slots filled, claimable once its batch is finalized', () => {
    const e = pufferQueueEta({ index: 23n, batchSize: 10n, finalizedBatch: 1n, length: 24n });
    expect(e).toMatchObject({ eta: 'unknown', batch: 2n });
    expect(e.basis).toContain('batch 2 (4 of 10 slots filled');
    expect(pufferQueueEta({ index: 19n, batchSize: 10n, finalizedBatch: 1n, length: 24n })).toMatchObject({ eta: 'now', batch: 1n });
  });

  test('Puffer payout: amount × the lower of the request rate and the batch rate', () => {
    const w = {
      pufETHAmount: 2n * E,
      pufETHToETHExchangeRate: (105n * E) / 100n,
      recipient: '0x0000000000000000000000000000000000000001' as const,
    };
    expect(pufferPayout(w, (104n * E) / 100n)).toBe((208n * E) / 100n);
    expect(pufferPayout(w, (106n * E) / 100n)).toBe((210n * E) / 100n);
  });

  test('Renzo: an earliest time from the cooldown; a queued request waits for the fill; now when both', () => {
    const base = { createdAt: 1_000n, coolDownPeriod: 3_600n, queued: true, fillAt: 50n * E, queuedWithdrawFilled: 40n * E };
    expect(renzoQueueEta({ ...base, now: 2_000n })).toMatchObject({ eta: 'estimated', claimable: false, readyAt: 4_600n });
    const waiting = renzoQueueEta({ ...base, now: 4_600n });
    expect(waiting).toMatchObject({ eta: 'unknown', claimable: false });
    expect(waiting.basis).toContain(`filled to ${40n * E}, this request needs ${50n * E}`);
    expect(renzoQueueEta({ ...base, queuedWithdrawFilled: 50n * E, now: 4_600n })).toMatchObject({ eta: 'now', claimable: true });
    expect(renzoQueueEta({ ...base, queued: false, now: 4_599n })).toMatchObject({ eta: 'estimated', claimable: false });
    expect(renzoQueueEta({ ...base, queued: false, now: 4_600n })).toMatchObject({ eta: 'now', claimable: true });
  });

  test('Mantle: an earliest block from numberOfBlocksToFinalize; claimable only finalized and fully filled', () => {
    const base = { requestBlock: 500n, blocksToFinalize: 64n, ethRequested: 2n * E };
    expect(mantleQueueEta({ ...base, finalized: false, filled: 0n, blockNumber: 520n })).toMatchObject({
      eta: 'estimated',
      claimable: false,
      readyBlock: 564n,
    });
    expect(mantleQueueEta({ ...base, finalized: false, filled: 2n * E, blockNumber: 600n })).toMatchObject({
      eta: 'unknown',
      claimable: false,
    });
    const partial = mantleQueueEta({ ...base, finalized: true, filled: E, blockNumber: 600n });
    expect(partial).toMatchObject({ eta: 'unknown', claimable: false });
    expect(partial.basis).toContain(`covers ${E} of its ${2n * E} wei`);
    expect(mantleQueueEta({ ...base, finalized: true, filled: 2n * E, blockNumber: 600n })).toMatchObject({ eta: 'now', claimable: true });
  });
});
