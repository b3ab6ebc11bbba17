import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPublicClient, custom, http, parseEther, type Abi, type Address, type EIP1193RequestFn } from 'viem';
import { mainnet } from 'viem/chains';
import { TOKENS } from '../../lib/restaking/addresses';
import { MELLOW_LRT_STRUCTURES } from '../../lib/restaking/lrt-structure';
import { readMellowLookThrough } from '../../lib/restaking/read-mellow-lookthrough';
import { MELLOW_LRTS } from '../../lib/restaking/symbiotic-registry';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, type DevnetContext } from './context';
import { seedSymbioticRegistry } from './seed/symbiotic';
import { seedTokens } from './seed/tokens';

/**
 * The Mellow LRT look-through (lib/restaking/read-mellow-lookthrough.ts) on doubles at the mainnet addresses:
 * each LRT's own view leads to its Symbiotic vault (simple-lrt's symbioticVault(), and a MultiVault's
 * subvaultAt for steakLRT), and the LRT's stake there follows deposits and a slash exactly as the vault's
 * share math gives it, computed here from the amounts the test sent.
 */
let anvil: AnvilInstance;
let ctx: DevnetContext;
const abi = (name: string): Abi => artifact(name).abi;
const read = <T>(address: Address, a: Abi, functionName: string, args: unknown[] = []) =>
  ctx.client.readContract({ address, abi: a, functionName, args }) as Promise<T>;
const lrt = (symbol: string) => MELLOW_LRTS.find((l) => l.symbol === symbol)!;

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  await seedTokens(ctx);
  await seedSymbioticRegistry(ctx, { multiVault: ['steakLRT'] });
}, 120_000);
afterAll(async () => {
  await anvil?.stop();
});

test('every Mellow LRT leads to the Symbiotic vault its sources pair it with, by its own view, in 3 eth_calls', async () => {
  const calls: string[] = [];
  const inner = http(anvil.rpcUrl, { retryCount: 0 })({ chain: mainnet });
  const request = (async (args: { method: string; params?: unknown }) => {
    calls.push(args.method);
    return inner.request(args as never);
  }) as EIP1193RequestFn;
  const results = await readMellowLookThrough(createPublicClient({ chain: mainnet, transport: custom({ request }) }));
  // One eth_call for the LRTs' views, one for steakLRT's subvaults (a MultiVault here), one for the vaults' balances.
  expect(calls).toEqual(['eth_call', 'eth_call', 'eth_call']);
  expect(results.map((r) => r.symbol)).toEqual(MELLOW_LRT_STRUCTURES.map((s) => s.symbol));
  for (const r of results) {
    expect(r, r.symbol).toMatchObject({
      ok: true,
      matchesPairing: true,
      symbioticVault: lrt(r.symbol).symbioticVault,
      collateral: TOKENS.wstETH,
    });
    if (r.ok) expect(r.via, r.symbol).toBe(r.symbol === 'steakLRT' ? 'subvaultAt(i).vault' : 'symbioticVault()');
  }
});

test("the LRT's stake in its vault follows deposits and a slash of the vault", async () => {
  const pz = lrt('pzETH');
  const vault = pz.symbioticVault;
  // wstETH for the admin: stETH submitted and wrapped.
  await ctx.write({ address: TOKENS.stETH, abi: abi('StETH'), functionName: 'submit', args: [pz.address], value: parseEther('40') });
  await ctx.write({ address: TOKENS.stETH, abi: abi('StETH'), functionName: 'approve', args: [TOKENS.wstETH, parseEther('40')] });
  await ctx.write({ address: TOKENS.wstETH, abi: abi('WstETH'), functionName: 'wrap', args: [parseEther('40')] });
  const held = await read<bigint>(TOKENS.wstETH, abi('WstETH'), 'balanceOf', [ctx.admin]);
  const x = held / 4n; // on behalf of the pzETH vault
  const y = held / 2n; // on behalf of someone else
  await ctx.write({ address: TOKENS.wstETH, abi: abi('WstETH'), functionName: 'approve', args: [vault, x + y] });
  await ctx.write({ address: vault, abi: abi('SymbioticVault'), functionName: 'deposit', args: [pz.address, x] });
  await ctx.write({ address: vault, abi: abi('SymbioticVault'), functionName: 'deposit', args: [ctx.admin, y] });

  const [before] = await readMellowLookThrough(ctx.client, { structures: MELLOW_LRT_STRUCTURES.filter((s) => s.symbol === 'pzETH') });
  // First deposit mints x shares (x·1/1), the second y·(x+1)/(x+1) = y: the LRT's balance is exactly x.
  expect(before).toMatchObject({ ok: true, lrtActiveBalance: x, vaultActiveStake: x + y });

  // Slash s of the vault in the current epoch: active stake falls to x + y − s (no pending withdrawals).
  const s = (x + y) / 10n;
  await ctx.write({ address: vault, abi: abi('SymbioticVault'), functionName: 'setSlasher', args: [ctx.admin] });
  const now = (await ctx.client.getBlock()).timestamp;
  await ctx.write({ address: vault, abi: abi('SymbioticVault'), functionName: 'onSlash', args: [s, Number(now)] });
  const [after] = await readMellowLookThrough(ctx.client, { structures: MELLOW_LRT_STRUCTURES.filter((st) => st.symbol === 'pzETH') });
  const stake = x + y - s;
  // ERC4626Math, offset 0: shares × (stake + 1) / (shares total + 1), rounded down.
  expect(after).toMatchObject({ ok: true, vaultActiveStake: stake, lrtActiveBalance: (x * (stake + 1n)) / (x + y + 1n) });
});

test('an LRT whose views do not answer is reported, not guessed', async () => {
  const co = lrt('coETH');
  await ctx.client.setCode({ address: co.address, bytecode: '0x' });
  const [r] = await readMellowLookThrough(ctx.client, { structures: MELLOW_LRT_STRUCTURES.filter((s) => s.symbol === 'coETH') });
  expect(r).toEqual({
    symbol: 'coETH',
    lrt: co.address,
    ok: false,
    error: 'neither symbioticVault() nor a SYMBIOTIC subvaultAt(i) answered',
  });
});
