import { afterAll, beforeAll, expect, test } from 'vitest';
import { encodePacked, formatUnits, getAddress, parseEther, zeroAddress, type Abi, type Address } from 'viem';
import { TOKENS } from '../../lib/restaking/addresses';
import { MELLOW_LRTS, SYMBIOTIC_CORE, SYMBIOTIC_NETWORKS, SYMBIOTIC_VAULTS_MAINNET } from '../../lib/restaking/symbiotic-registry';
import { checkSymbiotic, formatSymbioticTable, type SymbioticReport } from '../smoke/check-symbiotic';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, type DevnetContext } from './context';
import { seedTokens } from './seed/tokens';

/**
 * The Symbiotic smoke check (tests/smoke/check-symbiotic.ts) against doubles placed at the registry's mainnet
 * addresses: every item fails without code; a consistent Re7 pair (Mellow's simple-lrt shape) and steakLRT
 * pair (MultiVault shape) pass; a Mellow LRT naming the wrong vault fails.
 */
let anvil: AnvilInstance;
let ctx: DevnetContext;
const abi = (name: string): Abi => artifact(name).abi;
const byName = (list: readonly { name: string; address: Address }[], name: string) => list.find((e) => e.name === name)!.address;

const CORE = Object.fromEntries(SYMBIOTIC_CORE.map((c) => [c.name, c.address])) as Record<string, Address>;
const RE7_VAULT = byName(SYMBIOTIC_VAULTS_MAINNET, 'Re7 Labs LRT Vault');
const STEAK_VAULT = byName(SYMBIOTIC_VAULTS_MAINNET, 'Steakhouse Resteaking Vault');
const RE7_LRT = MELLOW_LRTS.find((l) => l.symbol === 'Re7LRT')!.address;
const STEAK_LRT = MELLOW_LRTS.find((l) => l.symbol === 'steakLRT')!.address;
const CAP = byName(SYMBIOTIC_NETWORKS, 'Cap');
// Devnet-only module addresses (Symbiotic creates delegators/slashers at deploy time; none is in the registry).
const RE7_DELEGATOR = getAddress('0x5b10de1e0000000000000000000000000000d001');
const RE7_SLASHER = getAddress('0x5b105a5e0000000000000000000000000000d002');
const STEAK_DELEGATOR = getAddress('0x5b10de1e0000000000000000000000000000d003');
const BURNER = getAddress('0x5b10b0b00000000000000000000000000000d004');
const WEEK = 7 * 24 * 3600;

const run = async (): Promise<SymbioticReport> => checkSymbiotic(ctx.client, await ctx.client.getBlockNumber({ cacheTime: 0 }));
const vaultReport = (r: SymbioticReport, address: Address) => r.vaults.find((v) => v.address === address)!;
const lrtReport = (r: SymbioticReport, address: Address) => r.lrts.find((l) => l.address === address)!;

async function wstethFor(amount: bigint): Promise<bigint> {
  await ctx.write({ address: TOKENS.stETH, abi: abi('StETH'), functionName: 'submit', args: [zeroAddress], value: amount });
  await ctx.write({ address: TOKENS.stETH, abi: abi('StETH'), functionName: 'approve', args: [TOKENS.wstETH, amount] });
  await ctx.write({ address: TOKENS.wstETH, abi: abi('WstETH'), functionName: 'wrap', args: [amount] });
  return (await ctx.client.readContract({
    address: TOKENS.wstETH,
    abi: abi('WstETH'),
    functionName: 'balanceOf',
    args: [ctx.admin],
  })) as bigint;
}

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  await seedTokens(ctx); // wstETH, stETH and Multicall3 at their mainnet addresses
});
afterAll(async () => {
  await anvil?.stop();
});

test('without code at the registry addresses every vault, LRT and core contract fails', async () => {
  const r = await run();
  expect(r.ok).toBe(false);
  expect(r.vaults).toHaveLength(SYMBIOTIC_VAULTS_MAINNET.length);
  for (const item of [...r.core, ...r.vaults, ...r.lrts])
    expect(item.checks[0], item.name).toMatchObject({ ok: false, detail: 'no code at this address' });
  for (const n of r.networks) expect(n.ok, n.name).toBe(false);
}, 120_000);

test('doubles at the Re7 and Steakhouse addresses pass every check, with stake and networks read from them', async () => {
  const w = ctx.write;
  for (const name of ['VaultFactory', 'DelegatorFactory', 'SlasherFactory', 'NetworkRegistry', 'OperatorRegistry']) {
    await ctx.place('SymbioticRegistry', CORE[name]!);
    await w({ address: CORE[name]!, abi: abi('SymbioticRegistry'), functionName: 'initialize' });
  }
  for (const name of ['NetworkMiddlewareService', 'OperatorVaultOptInService', 'OperatorNetworkOptInService'])
    await ctx.place('SymbioticRegistry', CORE[name]!);
  const add = (registry: string, entity: Address) =>
    w({ address: CORE[registry]!, abi: abi('SymbioticRegistry'), functionName: 'add', args: [entity] });
  await add('OperatorRegistry', getAddress('0x5b1000000000000000000000000000000000000a'));

  // Re7: vault + NetworkRestake delegator + VetoSlasher; Cap's subnetwork 0 gets a limit.
  for (const [vault, delegator] of [
    [RE7_VAULT, RE7_DELEGATOR],
    [STEAK_VAULT, STEAK_DELEGATOR],
  ] as const) {
    await ctx.place('SymbioticVault', vault);
    await w({ address: vault, abi: abi('SymbioticVault'), functionName: 'initialize', args: [ctx.admin, TOKENS.wstETH, BURNER, WEEK] });
    await ctx.place('SymbioticDelegator', delegator);
    await w({ address: delegator, abi: abi('SymbioticDelegator'), functionName: 'initialize', args: [vault, CORE.DelegatorFactory, 0n] });
    await w({ address: vault, abi: abi('SymbioticVault'), functionName: 'setDelegator', args: [delegator] });
    await add('VaultFactory', vault);
    await add('DelegatorFactory', delegator);
  }
  await ctx.place('SymbioticVetoSlasher', RE7_SLASHER);
  await w({
    address: RE7_SLASHER,
    abi: abi('SymbioticVetoSlasher'),
    functionName: 'initialize',
    args: [RE7_VAULT, CORE.SlasherFactory, 3 * 24 * 3600],
  });
  await w({ address: RE7_VAULT, abi: abi('SymbioticVault'), functionName: 'setSlasher', args: [RE7_SLASHER] });
  await add('SlasherFactory', RE7_SLASHER);
  // Steakhouse: no slasher (slasher() = 0 is a vault that cannot be slashed, which the check accepts).
  await w({ address: STEAK_VAULT, abi: abi('SymbioticVault'), functionName: 'setSlasher', args: [zeroAddress] });
  await add('NetworkRegistry', CAP);
  const capSubnetwork0 = encodePacked(['address', 'uint96'], [CAP, 0n]);
  await w({
    address: RE7_DELEGATOR,
    abi: abi('SymbioticDelegator'),
    functionName: 'setMaxNetworkLimit',
    args: [capSubnetwork0, parseEther('100')],
  });

  // Stake: more in Re7 than in Steakhouse, so the ranking has an order to show.
  const held = await wstethFor(parseEther('30'));
  const re7Stake = (held * 2n) / 3n;
  const steakStake = held - re7Stake;
  for (const [vault, amount] of [
    [RE7_VAULT, re7Stake],
    [STEAK_VAULT, steakStake],
  ] as const) {
    await w({ address: TOKENS.wstETH, abi: abi('WstETH'), functionName: 'approve', args: [vault, amount] });
    await w({ address: vault, abi: abi('SymbioticVault'), functionName: 'deposit', args: [ctx.admin, amount] });
  }

  // Re7LRT in simple-lrt's shape, steakLRT as a MultiVault with an idle ERC-4626 subvault before the Symbiotic one.
  await ctx.place('MellowSymbioticVault', RE7_LRT);
  await w({ address: RE7_LRT, abi: abi('MellowSymbioticVault'), functionName: 'initialize', args: ['Re7LRT', TOKENS.wstETH, RE7_VAULT] });
  await ctx.place('MellowMultiVault', STEAK_LRT);
  await w({ address: STEAK_LRT, abi: abi('MellowMultiVault'), functionName: 'initialize', args: ['steakLRT', TOKENS.wstETH] });
  await w({ address: STEAK_LRT, abi: abi('MellowMultiVault'), functionName: 'addSubvault', args: [2, BURNER, zeroAddress] });
  await w({ address: STEAK_LRT, abi: abi('MellowMultiVault'), functionName: 'addSubvault', args: [0, STEAK_VAULT, zeroAddress] });

  const r = await run();
  for (const item of [...r.core, vaultReport(r, RE7_VAULT), vaultReport(r, STEAK_VAULT), lrtReport(r, RE7_LRT), lrtReport(r, STEAK_LRT)])
    expect(item, JSON.stringify(item.checks)).toMatchObject({ ok: true });
  expect(r.networks.find((n) => n.address === CAP)!.ok).toBe(true);
  expect(r.networks.filter((n) => n.ok)).toHaveLength(1);
  // Everything else in the registry has no double, so the run as a whole fails.
  expect(r.ok).toBe(false);

  const re7 = vaultReport(r, RE7_VAULT);
  expect(re7.activeStake).toBe(re7Stake.toString());
  expect(re7.networks).toEqual(['Cap']);
  expect(re7.lookThrough).toBe('Re7LRT.symbioticVault()');
  expect(re7.checks.map((c) => c.detail)).toContain(`${RE7_SLASHER}: VetoSlasher, veto 259200 s, vault matches, registered true`);
  const steak = vaultReport(r, STEAK_VAULT);
  expect(steak.activeStake).toBe(steakStake.toString());
  expect(steak.networks).toEqual([]);
  expect(steak.lookThrough).toBe('steakLRT.subvaultAt(i).vault');
  expect(steak.checks.find((c) => c.what === 'slasher()')!.detail).toBe('none: the vault cannot be slashed');
  expect(lrtReport(r, STEAK_LRT).checks.at(-1)!.detail).toBe(`subvaultAt(i).vault → ${STEAK_VAULT}`);
  expect(r.core.find((c) => c.name === 'VaultFactory')!.checks[1]!.detail).toBe('2');

  const table = formatSymbioticTable(r);
  expect(table).toContain(`1. Re7 Labs LRT Vault: ${formatUnits(re7Stake, 18)} wstETH ← Re7LRT.symbioticVault(); networks: Cap`);
  expect(table).toContain(`2. Steakhouse Resteaking Vault: ${formatUnits(steakStake, 18)} wstETH ← steakLRT.subvaultAt(i).vault`);
}, 180_000);

test('a Mellow LRT that names another vault, or a vault with the wrong collateral, fails', async () => {
  await ctx.write({ address: RE7_LRT, abi: abi('MellowSymbioticVault'), functionName: 'setSymbioticVault', args: [STEAK_VAULT] });
  await ctx.place('SymbioticVault', byName(SYMBIOTIC_VAULTS_MAINNET, 'Gauntlet Restaked cbETH'));
  const cbVault = byName(SYMBIOTIC_VAULTS_MAINNET, 'Gauntlet Restaked cbETH');
  await ctx.write({
    address: cbVault,
    abi: abi('SymbioticVault'),
    functionName: 'initialize',
    args: [ctx.admin, TOKENS.wstETH, BURNER, WEEK],
  });

  const r = await run();
  const re7Lrt = lrtReport(r, RE7_LRT);
  expect(re7Lrt.ok).toBe(false);
  expect(re7Lrt.checks.at(-1)).toMatchObject({ ok: false, detail: `symbioticVault() → ${STEAK_VAULT}, expected ${RE7_VAULT}` });
  expect(vaultReport(r, RE7_VAULT).lookThrough).toBeUndefined();
  const cb = vaultReport(r, cbVault);
  expect(cb.checks.find((c) => c.what === 'collateral()')).toMatchObject({
    ok: false,
    detail: `${TOKENS.wstETH}, expected cbETH ${TOKENS.cbETH}`,
  });
}, 120_000);
