import { afterAll, beforeAll, expect, test } from 'vitest';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext } from './context';

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
