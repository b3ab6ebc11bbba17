import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatUnits, parseAbi, parseEther } from 'viem';
import { L2_CHAINS, L2_MARKETS } from '../../lib/restaking/l2';
import { checkL2Registry, formatL2Table } from '../smoke/check-l2';
import { startAnvil, type AnvilInstance } from './anvil';
import { createContext } from './context';
import { startL2Devnet, type L2Devnet } from './l2-devnet';

/**
 * `npm run smoke -- --rpc <url>` per chain (issue #18 item 2): on an L2 the check reads lib/restaking/l2's entries for
 * the chain the RPC reports. Against an empty chain-8453 node every address fails for want of code; against the Base
 * devnet (doubles at the registry's addresses, Aave's pool among them: seed/l2-aave.ts) every listed address passes; a
 * rate source answering outside the sane band fails its row.
 */
const BASE = 8453 as const;
let empty: AnvilInstance;
let base: L2Devnet;
const feedAbi = parseAbi([
  'function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)',
  'function decimals() view returns (uint8)',
  'function setAnswer(int256 answer, uint256 updatedAt)',
]);
const rateAbi = parseAbi(['function getRate() view returns (uint256)']);

beforeAll(async () => {
  [empty, base] = await Promise.all([startAnvil({ chainId: BASE }), startL2Devnet({ chainId: BASE })]);
}, 120_000);
afterAll(async () => {
  await Promise.all([empty?.stop(), base?.stop()]);
});

test('an empty chain-8453 node: every listed address fails with no code, nothing else is read', async () => {
  const report = await checkL2Registry(createContext(empty.rpcUrl).client, BASE);
  const chain = L2_CHAINS[BASE];
  const expectedRows =
    2 +
    chain.tokens.reduce((n, t) => n + 2 + (t.altRateSources?.length ?? 0), 0) +
    (chain.aaveV3 ? 1 : 0) +
    2 * L2_MARKETS[8453].pools.length;
  expect(report.rows).toHaveLength(expectedRows);
  expect(report.ok).toBe(false);
  for (const row of report.rows) expect(row.checks).toEqual([{ what: 'code', ok: false, detail: 'no code at this address' }]);
});

test('the Base devnet: every address passes, the Aave pool naming the listed provider; each rate equals the feed read by the test', async () => {
  const client = base.ctx.client;
  const report = await checkL2Registry(client, BASE);
  const failing = report.rows.filter((r) => !r.ok).map((r) => [r.what, r.checks.map((c) => c.detail)]);
  expect(failing).toEqual([]);
  expect(report.rows.filter((r) => r.what === 'Aave v3 Pool').length).toBe(L2_CHAINS[BASE].aaveV3 ? 1 : 0);
  // Each depeg pool: its pair-and-fee row and its quote row, both passing (the doubles hold the listed pair).
  const pools = L2_MARKETS[BASE].pools;
  expect(pools.length).toBeGreaterThan(0);
  for (const pool of pools) {
    expect(report.rows.filter((r) => r.address === pool.pool && r.ok)).toHaveLength(1);
    expect(report.rows.filter((r) => r.address === pool.quoter && r.what.startsWith(pool.symbol) && r.ok)).toHaveLength(1);
  }
  for (const token of L2_CHAINS[BASE].tokens) {
    for (const source of [token.rateSource, ...(token.altRateSources ?? [])]) {
      const raw =
        source.functionName === 'getRate'
          ? await client.readContract({ address: source.address, abi: rateAbi, functionName: 'getRate' })
          : ((await client.readContract({ address: source.address, abi: feedAbi, functionName: 'latestRoundData' }))[1] * 10n ** 18n) /
            10n ** BigInt(await client.readContract({ address: source.address, abi: feedAbi, functionName: 'decimals' }));
      const row = report.rows.find((r) => r.address === source.address && r.what.startsWith(token.symbol))!;
      expect(row.checks[1]!.detail).toBe(`${formatUnits(raw, 18)} ETH`);
    }
  }
  expect(formatL2Table(report)).toContain(`${report.rows.length - failing.length}/${report.rows.length} addresses pass`);
});

test('a rate source answering 3 ETH per token fails its row, with the figure', async () => {
  const token = L2_CHAINS[BASE].tokens.find((t) => t.rateSource.functionName === 'latestRoundData')!;
  const snapshot = await base.ctx.client.request({ method: 'evm_snapshot' as never });
  try {
    const { timestamp } = await base.ctx.client.getBlock();
    await base.ctx.write({
      address: token.rateSource.address,
      abi: feedAbi,
      functionName: 'setAnswer',
      args: [parseEther('3'), timestamp],
    });
    const report = await checkL2Registry(base.ctx.client, BASE);
    const row = report.rows.find((r) => r.address === token.rateSource.address)!;
    expect(row.ok).toBe(false);
    expect(row.checks[1]).toMatchObject({ ok: false, detail: '3 ETH' });
  } finally {
    await base.ctx.client.request({ method: 'evm_revert' as never, params: [snapshot] as never });
  }
});

test('the smoke CLI on the Base devnet reads the L2 registry and exits 0 (every address passes)', async () => {
  const run = await promisify(execFile)('npx', ['tsx', 'tests/smoke/smoke.ts', '--rpc', base.rpcUrl, '--json'], { timeout: 120_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  const parsed = JSON.parse(run.stdout) as { chainId: number; name: string; ok: boolean; rows: { what: string; ok: boolean }[] };
  expect(parsed).toMatchObject({ chainId: BASE, name: L2_CHAINS[BASE].name });
  expect(parsed.rows.filter((r) => !r.ok).map((r) => r.what)).toEqual([]);
  expect(parsed.ok).toBe(true);
  expect(run.code).toBe(0);
}, 150_000);
