import { describe, expect, it } from 'vitest';
import { createClient, custom, numberToHex } from 'viem';
import { findBlockAtTimestamp } from './find-block';
import { aprFromRates } from './yield';

/** A synthetic chain: timestamp of block n given by `timeOf`; counts eth_getBlockByNumber calls. */
function fakeChain(head: bigint, timeOf: (n: bigint) => bigint) {
  let calls = 0;
  const client = createClient({
    transport: custom({
      async request({ method, params }: { method: string; params?: unknown }) {
        if (method !== 'eth_getBlockByNumber') throw new Error(`unexpected ${method}`);
        calls += 1;
        const n = BigInt((params as [string])[0]);
        if (n > head) return null;
        return {
          number: numberToHex(n),
          timestamp: numberToHex(timeOf(n)),
          hash: `0x${'11'.repeat(32)}`,
          parentHash: `0x${'22'.repeat(32)}`,
          transactions: [],
          baseFeePerGas: '0x1',
          difficulty: '0x0',
          totalDifficulty: null,
          extraData: '0x',
          gasLimit: '0x1',
          gasUsed: '0x0',
          logsBloom: null,
          miner: `0x${'00'.repeat(20)}`,
          mixHash: `0x${'00'.repeat(32)}`,
          nonce: '0x0000000000000000',
          receiptsRoot: `0x${'00'.repeat(32)}`,
          sha3Uncles: `0x${'00'.repeat(32)}`,
          size: '0x1',
          stateRoot: `0x${'00'.repeat(32)}`,
          transactionsRoot: `0x${'00'.repeat(32)}`,
          uncles: [],
        };
      },
    }),
  });
  return { client, calls: () => calls, latest: { number: head, timestamp: timeOf(head) } };
}

describe('findBlockAtTimestamp', () => {
  it('on regular 12 s slots finds the 7-days-ago block in one request', async () => {
    const genesis = 1_600_000_000n;
    const chain = fakeChain(20_000_000n, (n) => genesis + 12n * n);
    const target = chain.latest.timestamp - 7n * 86_400n;
    const r = await findBlockAtTimestamp(chain.client, { timestamp: target, latest: chain.latest });
    expect(r.found && r.block.number).toBe(20_000_000n - 50_400n); // 7 × 86 400 / 12
    expect(chain.calls()).toBe(1);
  });

  it('with missed slots (irregular times) returns the last block at or before the target, exactly, in few requests', async () => {
    // Blocks 0..999 every 12 s, then a 5-day gap, then 15 s blocks: a guess from 12 s slots misses.
    const timeOf = (n: bigint) => (n < 1000n ? 12n * n : 12n * 999n + 5n * 86_400n + 15n * (n - 999n));
    const chain = fakeChain(100_000n, timeOf);
    const target = timeOf(40_000n) + 7n; // between block 40 000 and 40 001
    const r = await findBlockAtTimestamp(chain.client, { timestamp: target, latest: chain.latest, toleranceSeconds: 0n });
    expect(r.found && r.block.number).toBe(40_000n);
    expect(chain.calls()).toBeLessThanOrEqual(12);
  });

  it('a chain younger than the window says so', async () => {
    const chain = fakeChain(500n, (n) => 1_700_000_000n + 12n * n);
    const r = await findBlockAtTimestamp(chain.client, { timestamp: chain.latest.timestamp - 7n * 86_400n, latest: chain.latest });
    expect(r).toMatchObject({ found: false, reason: 'chain-too-young' });
  });
});

describe('aprFromRates', () => {
  it('1.0 → 1.001 over 7 days is 0.1 % × 365/7 = 5.2142857… % simple APR', () => {
    const apr = aprFromRates(10n ** 18n, 1_001_000_000_000_000_000n, 7n * 86_400n);
    expect(Number(apr) / 1e18).toBeCloseTo((0.001 * 365) / 7, 15);
  });
  it('a falling rate gives a negative APR, and bad inputs are refused', () => {
    expect(aprFromRates(2n * 10n ** 18n, 10n ** 18n, 365n * 86_400n)).toBe(-(5n * 10n ** 17n));
    expect(() => aprFromRates(0n, 1n, 1n)).toThrow(RangeError);
  });
});
