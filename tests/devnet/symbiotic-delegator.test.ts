import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeEventLog, getAddress, keccak256, pad, parseEther, toHex, type Address, type Hex } from 'viem';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, devAccount, type DevnetContext } from './context';
import { SYMBIOTIC_DEVNET_VAULT, placeEigenTestTokens, seedEigen, symbioticDeposit } from './seed/eigen';

/**
 * The delegator double's `stake(subnetwork, operator)` for the three v1 types, against formulas written out here from
 * symbioticfi/core (NetworkRestakeDelegator / FullRestakeDelegator / OperatorSpecificDelegator `_stake`), and the
 * events a curator's setting emits (topics computed here from the signatures).
 */
let anvil: AnvilInstance;
let ctx: DevnetContext;
const alice = devAccount(1).address;
const abi = () => artifact('SymbioticDelegator').abi;
const sub: Hex = pad(toHex(0x3300f198988e4c9c63f75df86de36421f06af8c4n << 96n), { size: 32 });
const [op1, op2, op3] = [1, 2, 3].map((i) => getAddress(`0x0e7a${i.toString(16).padStart(36, '0')}`)) as [Address, Address, Address];
const at = (i: number) => getAddress(`0x5b10de1e${i.toString(16).padStart(32, '0')}`);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

async function delegator(type: bigint, index: number, limit: bigint): Promise<Address> {
  const d = await ctx.place('SymbioticDelegator', at(index));
  await ctx.write({ address: d, abi: abi(), functionName: 'initialize', args: [SYMBIOTIC_DEVNET_VAULT, d, type] });
  await ctx.write({ address: d, abi: abi(), functionName: 'setMaxNetworkLimit', args: [sub, limit] });
  await ctx.write({ address: d, abi: abi(), functionName: 'setNetworkLimit', args: [sub, limit] });
  return d;
}
const stake = (d: Address, operator: Address) =>
  ctx.client.readContract({ address: d, abi: abi(), functionName: 'stake', args: [sub, operator] }) as Promise<bigint>;
const active = () =>
  ctx.client.readContract({
    address: SYMBIOTIC_DEVNET_VAULT,
    abi: artifact('SymbioticVault').abi,
    functionName: 'activeStake',
  }) as Promise<bigint>;

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  await placeEigenTestTokens(ctx, [alice], parseEther('100'));
  await seedEigen(ctx, undefined);
  await symbioticDeposit(ctx, alice, parseEther('30') + 7n);
}, 120_000);
afterAll(async () => {
  await anvil?.stop();
});

describe('Symbiotic delegator double: stake(subnetwork, operator)', () => {
  test('NetworkRestake: shares × min(activeStake, networkLimit) / total shares, floor; the total moves by the difference', async () => {
    const limit = parseEther('20');
    const d = await delegator(0n, 1, limit);
    expect(await stake(d, op1)).toBe(0n);
    const hash = await ctx.write({ address: d, abi: abi(), functionName: 'setOperatorNetworkShares', args: [sub, op1, 7n] });
    await ctx.write({ address: d, abi: abi(), functionName: 'setOperatorNetworkShares', args: [sub, op2, 4n] });
    await ctx.write({ address: d, abi: abi(), functionName: 'setOperatorNetworkShares', args: [sub, op1, 5n] });
    const network = min(await active(), limit);
    expect(await stake(d, op1)).toBe((5n * network) / 9n);
    expect(await stake(d, op2)).toBe((4n * network) / 9n);
    expect(await stake(d, op3)).toBe(0n);
    const receipt = await ctx.client.getTransactionReceipt({ hash });
    const log = receipt.logs.find((l) => l.address.toLowerCase() === d.toLowerCase())!;
    expect(log.topics[0]).toBe(keccak256(toHex('SetOperatorNetworkShares(bytes32,address,uint256)')));
    expect(decodeEventLog({ abi: abi(), ...log }).args).toEqual({ subnetwork: sub, operator: op1, shares: 7n });
  });

  test('FullRestake: min(activeStake, networkLimit, operatorNetworkLimit)', async () => {
    const limit = parseEther('1000');
    const d = await delegator(1n, 2, limit);
    const hash = await ctx.write({ address: d, abi: abi(), functionName: 'setOperatorNetworkLimit', args: [sub, op1, parseEther('3')] });
    await ctx.write({ address: d, abi: abi(), functionName: 'setOperatorNetworkLimit', args: [sub, op2, parseEther('5000')] });
    expect(await stake(d, op1)).toBe(parseEther('3'));
    expect(await stake(d, op2)).toBe(min(await active(), limit));
    const log = (await ctx.client.getTransactionReceipt({ hash })).logs[0]!;
    expect(log.topics[0]).toBe(keccak256(toHex('SetOperatorNetworkLimit(bytes32,address,uint256)')));
  });

  test('OperatorSpecific: min(activeStake, networkLimit) for operator(), 0 for any other; shares are refused', async () => {
    const limit = parseEther('12');
    const d = await delegator(2n, 3, limit);
    await ctx.write({ address: d, abi: abi(), functionName: 'setOperator', args: [op2] });
    expect(await ctx.client.readContract({ address: d, abi: abi(), functionName: 'operator' })).toBe(op2);
    expect(await stake(d, op2)).toBe(min(await active(), limit));
    expect(await stake(d, op1)).toBe(0n);
    await expect(ctx.write({ address: d, abi: abi(), functionName: 'setOperatorNetworkShares', args: [sub, op1, 1n] })).rejects.toThrow(
      /setOperatorNetworkShares/,
    );
  });
});
