import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAbi } from 'viem';
import { startDevnet, type Devnet } from './devnet';
import { reprice } from './scenarios';
import { readYield, YEAR_SECONDS } from '../../lib/insights/yield';
import { findBlockAtTimestamp } from '../../lib/insights/find-block';
import { TOKENS } from '../../lib/restaking/addresses';

let devnet: Devnet;
const DAY = 86_400;
const rethAbi = parseAbi(['function getExchangeRate() view returns (uint256)']);
const stethAbi = parseAbi(['function getPooledEthByShares(uint256) view returns (uint256)']);

beforeAll(async () => {
  devnet = await startDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

/** Moves the clock `days` forward and mines one block at that time. */
async function jump(days: number) {
  await devnet.ctx.client.increaseTime({ seconds: days * DAY });
  await devnet.ctx.client.mine({ blocks: 1 });
}
const lastBlock = async () => {
  const b = await devnet.ctx.client.getBlock({ blockTag: 'latest' });
  return { number: b.number, timestamp: b.timestamp };
};
/** Read directly (no Multicall3, not through the registry) at a given block. */
const rethRate = (blockNumber: bigint) =>
  devnet.ctx.client.readContract({ address: TOKENS.rETH, abi: rethAbi, functionName: 'getExchangeRate', blockNumber });
const stethShareRate = (blockNumber: bigint) =>
  devnet.ctx.client.readContract({
    address: TOKENS.stETH,
    abi: stethAbi,
    functionName: 'getPooledEthByShares',
    args: [10n ** 18n],
    blockNumber,
  });

describe('yield from fair-rate growth at past blocks', () => {
  test('a devnet younger than 7 days has no yield history, and says so', async () => {
    const y = await readYield(devnet.ctx.client, { symbols: ['rETH'] });
    const windows = y.tokens[0]!.windows;
    expect(windows.map((w) => w.ok)).toEqual([false, false]);
    expect(windows[0]).toMatchObject({ ok: false, reason: 'chain-too-young' });
  });

  test('7- and 30-day APR equal the growth between the blocks a reprice landed in, computed here', async () => {
    const { ctx } = devnet;
    await jump(40);
    await reprice(ctx, 'rETH', '1.1');
    const b = await lastBlock(); // anvil mines one block per transaction: the reprice's block
    await jump(23);
    await reprice(ctx, 'rETH', '1.102');
    const d = await lastBlock();
    await jump(8);
    await reprice(ctx, 'rETH', '1.1035');
    const f = await lastBlock();

    // Expected blocks: 30 days before f falls one day after b; 7 days before f falls one day after d.
    expect(f.timestamp - 30n * 86_400n - b.timestamp).toBeGreaterThan(0n);
    expect(f.timestamp - 30n * 86_400n - b.timestamp).toBeLessThan(2n * 86_400n);
    const [rB, rD, rF] = [await rethRate(b.number), await rethRate(d.number), await rethRate(f.number)];
    const apr = (past: bigint, now: bigint, seconds: bigint) => ((Number(now - past) / Number(past)) * (365 * DAY)) / Number(seconds);

    const y = await readYield(ctx.client, { symbols: ['rETH', 'stETH'] });
    const reth = y.tokens.find((t) => t.symbol === 'rETH')!;
    const [w7, w30] = reth.windows;
    if (!w7?.ok || !w30?.ok)
      throw new Error(`expected both windows: ${JSON.stringify(reth.windows, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
    expect(w7.pastBlock.number).toBe(d.number);
    expect(w30.pastBlock.number).toBe(b.number);
    expect([w7.pastRate, w7.nowRate, w30.pastRate]).toEqual([rD, rF, rB]);
    // Exact: (now − past) / past × 365 d / elapsed, in WAD, floor.
    expect(w7.aprWad).toBe(((rF - rD) * 10n ** 18n * YEAR_SECONDS) / (rD * (f.timestamp - d.timestamp)));
    expect(w30.aprWad).toBe(((rF - rB) * 10n ** 18n * YEAR_SECONDS) / (rB * (f.timestamp - b.timestamp)));
    // And against a float computation, as a cross-check of the scale (≈ 0.32 % over 8 days → ≈ 14 % APR).
    expect(Number(w7.aprWad) / 1e18).toBeCloseTo(apr(rD, rF, f.timestamp - d.timestamp), 9);
    expect(Number(w30.aprWad) / 1e18).toBeCloseTo(apr(rB, rF, f.timestamp - b.timestamp), 9);

    // stETH is pegged: its yield is measured on wstETH's share rate, unchanged here → 0 %.
    const steth = y.tokens.find((t) => t.symbol === 'stETH')!;
    expect(steth.measuredOn).toBe('wstETH');
    const s7 = steth.windows[0]!;
    expect(s7.ok && s7.aprWad).toBe(0n);
    expect(await stethShareRate(d.number)).toBe(await stethShareRate(f.number));
    // Few requests: 1 head + 1 rates now + per window (block search + 1 rates).
    expect(y.requests).toBeLessThan(20);
  });

  test('the block search lands on the last block at or before the time, checked by walking neighbours', async () => {
    const client = devnet.ctx.client;
    const latest = await lastBlock();
    const target = latest.timestamp - 10n * 86_400n;
    const found = await findBlockAtTimestamp(client, { timestamp: target, latest, toleranceSeconds: 0n });
    if (!found.found) throw new Error('expected a block');
    const next = await client.getBlock({ blockNumber: found.block.number + 1n });
    expect(found.block.timestamp).toBeLessThanOrEqual(target);
    expect(next.timestamp).toBeGreaterThan(target);
  });
});
