import { afterAll, beforeAll, expect, test } from 'vitest';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext } from './context';
import { seedTokens } from './seed/tokens';
import { checkQueues, formatQueueTable } from '../smoke/check-queues';

let anvil: AnvilInstance;
beforeAll(async () => {
  anvil = await startAnvil();
});
afterAll(async () => {
  await anvil?.stop();
});

test('a placed double answers at its address on chain id 1', async () => {
  const ctx = createContext(anvil.rpcUrl);
  expect(await ctx.client.getChainId()).toBe(1);
  const at = await ctx.place('WETH9', '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2');
  const { abi } = artifact('WETH9');
  await ctx.write({ address: at, abi, functionName: 'deposit', value: 42n });
  expect(await ctx.client.readContract({ address: at, abi, functionName: 'balanceOf', args: [ctx.admin] })).toBe(42n);
});

test('a port already in use is reported, not hung on', async () => {
  await expect(startAnvil({ port: anvil.port })).rejects.toThrow(/already in use/);
});

test('the smoke check of the withdrawal queues fails without code and passes once the doubles are seeded', async () => {
  const ctx = createContext(anvil.rpcUrl);
  const before = await checkQueues(ctx.client, await ctx.client.getBlockNumber({ cacheTime: 0 }));
  expect(before.map((q) => [q.id, q.ok, q.checks[0]!.detail])).toEqual([
    ['etherfi', false, 'no code at this address'],
    ['kelp', false, 'no code at this address'],
    ['renzo', false, 'no code at this address'],
    ['puffer', false, 'no code at this address'],
    ['mantle', false, 'no code at this address'],
  ]);
  await seedTokens(ctx);
  const after = await checkQueues(ctx.client, await ctx.client.getBlockNumber({ cacheTime: 0 }));
  expect(after.map((q) => q.address)).toEqual([
    '0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c',
    '0x62De59c08eB5dAE4b7E6F7a8cAd3006d6965ec16',
    '0x5efc9D10E42FB517456f4ac41EB5e2eBe42C8918',
    '0xDdA0483184E75a5579ef9635ED14BacCf9d50283',
    '0x38fDF7b489316e03eD8754ad339cb5c4483FDcf9',
  ]);
  for (const q of after) expect(q, JSON.stringify(q.checks)).toMatchObject({ ok: true });
  expect(after.find((q) => q.id === 'kelp')!.checks.map((c) => c.detail)).toContain('100 blocks');
  expect(after.find((q) => q.id === 'renzo')!.checks.map((c) => c.detail)).toContain('3600 s');
  expect(after.find((q) => q.id === 'mantle')!.checks.map((c) => c.detail)).toContain('64 blocks');
  expect(formatQueueTable(after)).toContain('5/5 queues pass');
}, 120_000);
