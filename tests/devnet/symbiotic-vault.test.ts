import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseEther, type Address } from 'viem';
import { TOKENS } from '../../lib/restaking/addresses';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, devAccount, type DevnetContext } from './context';
import {
  SYMBIOTIC_DEVNET_BURNER,
  SYMBIOTIC_DEVNET_VAULT,
  decodedLogs,
  eigenAbi,
  placeEigenTestTokens,
  seedEigen,
  symbioticDeposit,
  symbioticSlash,
  type EigenSeed,
} from './seed/eigen';

// Independent model of symbioticfi/core v1.0.3 Vault: ERC4626Math with offset 0 and the two onSlash branches.
const previewDeposit = (assets: bigint, shares: bigint, total: bigint) => (assets * (shares + 1n)) / (total + 1n);
const previewRedeem = (shares: bigint, total: bigint, totalShares: bigint) => (shares * (total + 1n)) / (totalShares + 1n);
const previewWithdrawUp = (assets: bigint, shares: bigint, total: bigint) => {
  const p = assets * (shares + 1n);
  return p / (total + 1n) + (p % (total + 1n) === 0n ? 0n : 1n);
};
const ON_SLASH_TOPIC = '0xf9d090c096f71cd1659861a9ce5b6f384bceb4e2fa4e4a19edf6489a9b8d56c7';

let anvil: AnvilInstance;
let ctx: DevnetContext;
let seed: EigenSeed;
const [alice, bob] = [devAccount(1).address, devAccount(2).address] as [Address, Address];
const v = (functionName: string, args: unknown[] = []) =>
  ctx.client.readContract({ address: SYMBIOTIC_DEVNET_VAULT, abi: eigenAbi.symbioticVault(), functionName, args }) as Promise<bigint>;
const balanceOf = (who: Address) =>
  ctx.client.readContract({
    address: TOKENS.wstETH,
    abi: artifact('EigenTestLST').abi,
    functionName: 'balanceOf',
    args: [who],
  }) as Promise<bigint>;
async function nextEpoch() {
  await ctx.client.increaseTime({ seconds: seed.symbiotic.epochDurationSeconds });
  await ctx.client.mine({ blocks: 1 });
}

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  await placeEigenTestTokens(ctx, [alice, bob], parseEther('100'));
  seed = await seedEigen(ctx, undefined);
});
afterAll(async () => {
  await anvil?.stop();
});

describe('Symbiotic v1 vault double', () => {
  const a = parseEther('10') + 5n;
  const b = parseEther('6') + 1n;

  test('is set up with wstETH collateral and a one-week epoch', async () => {
    expect(seed.symbiotic.vault).toBe(SYMBIOTIC_DEVNET_VAULT);
    expect(
      await ctx.client.readContract({ address: SYMBIOTIC_DEVNET_VAULT, abi: eigenAbi.symbioticVault(), functionName: 'collateral' }),
    ).toBe(TOKENS.wstETH);
    expect(await v('epochDuration')).toBe(604800);
    expect(await v('currentEpoch')).toBe(0n);
  });

  test('deposits mint ERC4626 shares and report active balances', async () => {
    const first = await symbioticDeposit(ctx, alice, a);
    expect(first).toEqual({ depositedAmount: a, mintedShares: previewDeposit(a, 0n, 0n) });
    const second = await symbioticDeposit(ctx, bob, b);
    expect(second.mintedShares).toBe(previewDeposit(b, first.mintedShares, a));
    expect(await v('activeStake')).toBe(a + b);
    expect(await v('activeBalanceOf', [bob])).toBe(previewRedeem(second.mintedShares, a + b, first.mintedShares + second.mintedShares));
    expect(await v('totalStake')).toBe(a + b);
    expect(await v('slashableBalanceOf', [alice])).toBe(await v('activeBalanceOf', [alice]));
  });

  test('a withdrawal moves stake to next epoch, still slashable', async () => {
    const [shares, total] = [await v('activeShares'), await v('activeStake')];
    const bobShares = await v('activeSharesOf', [bob]);
    const w = parseEther('2');
    await ctx.write({
      address: SYMBIOTIC_DEVNET_VAULT,
      abi: eigenAbi.symbioticVault(),
      functionName: 'withdraw',
      args: [bob, w],
      from: bob,
    });
    const burned = previewWithdrawUp(w, shares, total);
    expect(await v('activeSharesOf', [bob])).toBe(bobShares - burned);
    expect(await v('withdrawals', [1n])).toBe(w);
    expect(await v('withdrawalsOf', [1n, bob])).toBe(previewRedeem(previewDeposit(w, 0n, 0n), w, previewDeposit(w, 0n, 0n)));
    expect(await v('slashableBalanceOf', [bob])).toBe((await v('activeBalanceOf', [bob])) + (await v('withdrawalsOf', [1n, bob])));
    expect(await v('totalStake')).toBe(a + b);
  });

  test('a slash captured in the current epoch is split pro rata over active stake and next-epoch withdrawals', async () => {
    const [active, next, activeShares, aliceShares] = [
      await v('activeStake'),
      await v('withdrawals', [1n]),
      await v('activeShares'),
      await v('activeSharesOf', [alice]),
    ];
    const amount = parseEther('3') + 3n;
    const activeSlashed = (amount * active) / (active + next);
    const result = await symbioticSlash(ctx, amount);
    expect(result.amount).toBe(amount);
    expect(result.slashedAmount).toBe(amount);
    const { receipt } = await decodedLogs(ctx, result.hash, SYMBIOTIC_DEVNET_VAULT, eigenAbi.symbioticVault());
    expect(receipt.logs.map((l) => l.topics[0])).toContain(ON_SLASH_TOPIC);

    expect(await v('activeStake')).toBe(active - activeSlashed);
    expect(await v('withdrawals', [1n])).toBe(next - (amount - activeSlashed));
    expect(await v('activeBalanceOf', [alice])).toBe(previewRedeem(aliceShares, active - activeSlashed, activeShares));
    expect(await balanceOf(SYMBIOTIC_DEVNET_BURNER)).toBe(amount);
    // Everyone loses the same fraction (up to rounding): 3/16 of their stake.
    const lossPpm = ((a - (await v('activeBalanceOf', [alice]))) * 1_000_000n) / a;
    expect(lossPpm).toBe((amount * 1_000_000n) / (a + b));
  });

  test('a slash captured in the previous epoch also reaches that epoch-end withdrawal bucket', async () => {
    await nextEpoch(); // epoch 1: bob's withdrawal is now the current-epoch bucket
    expect(await v('currentEpoch')).toBe(1n);
    await ctx.write({
      address: SYMBIOTIC_DEVNET_VAULT,
      abi: eigenAbi.symbioticVault(),
      functionName: 'withdraw',
      args: [alice, parseEther('1')],
      from: alice,
    });
    const [active, current, next] = [await v('activeStake'), await v('withdrawals', [1n]), await v('withdrawals', [2n])];
    const capture = Number(await v('currentEpochStart')) - 60; // in epoch 0
    const amount = parseEther('1.5');
    const slashable = active + current + next;
    const activeSlashed = (amount * active) / slashable;
    let nextSlashed = (amount * next) / slashable;
    let currentSlashed = amount - activeSlashed - nextSlashed;
    if (current < currentSlashed) {
      nextSlashed += currentSlashed - current;
      currentSlashed = current;
    }
    const result = await symbioticSlash(ctx, amount, capture);
    expect(result).toMatchObject({ captureTimestamp: capture, slashedAmount: amount });
    expect(await v('activeStake')).toBe(active - activeSlashed);
    expect(await v('withdrawals', [1n])).toBe(current - currentSlashed);
    expect(await v('withdrawals', [2n])).toBe(next - nextSlashed);
  });

  test('a slash older than the previous epoch is refused; claims pay the slashed withdrawal after its epoch', async () => {
    await nextEpoch(); // epoch 2: bob's epoch-1 withdrawal is claimable
    const stale = Number(await v('currentEpochStart')) - seed.symbiotic.epochDurationSeconds - 60; // epoch 0
    await expect(symbioticSlash(ctx, 1n, stale)).rejects.toThrow();
    const owed = await v('withdrawalsOf', [1n, bob]);
    const before = await balanceOf(bob);
    await ctx.write({ address: SYMBIOTIC_DEVNET_VAULT, abi: eigenAbi.symbioticVault(), functionName: 'claim', args: [bob, 1n], from: bob });
    expect((await balanceOf(bob)) - before).toBe(owed);
    expect(owed).toBe(await v('withdrawals', [1n])); // bob is that bucket's only claimer
    expect(owed).toBeLessThan(parseEther('2'));
  });
});
