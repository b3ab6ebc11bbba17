import { afterAll, beforeAll, expect, test } from 'vitest';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext } from './context';

let anvil: AnvilInstance;
beforeAll(async () => { anvil = await startAnvil(); });
afterAll(async () => { await anvil?.stop(); });

test('a placed double answers at its address on chain id 1', async () => {
  const ctx = createContext(anvil.rpcUrl);
  expect(await ctx.client.getChainId()).toBe(1);
  const at = await ctx.place('Smoke', '0x00000000000000000000000000000000000b0a57');
  const { abi } = artifact('Smoke');
  await ctx.write({ address: at, abi, functionName: 'set', args: [42n] });
  expect(await ctx.client.readContract({ address: at, abi, functionName: 'value' })).toBe(42n);
});

test('a port already in use is reported, not hung on', async () => {
  await expect(startAnvil({ port: anvil.port })).rejects.toThrow(/already in use/);
});
