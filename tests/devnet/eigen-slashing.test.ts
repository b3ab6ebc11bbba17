import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseEther, type Address } from 'viem';
import { EIGENLAYER, EIGEN_STRATEGIES, TOKENS } from '../../lib/restaking/addresses';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, devAccount, type DevnetContext } from './context';
import { decodedLogs, depositAndDelegate, eigenAbi, placeEigenTestTokens, seedEigen, slashOperator, type EigenSeed } from './seed/eigen';

// Independent model of reference §6 (SlashingLib / AllocationManager._slashOperator), written here in bigint.
const W = 10n ** 18n;
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
const withdrawable = (s: bigint, k: bigint, m: bigint) => (((s * k) / W) * m) / W;
const nextDsf = (s: bigint, k: bigint, added: bigint, m: bigint) =>
  s === 0n ? (k * W) / m : ((((withdrawable(s, k, m) + added) * W) / (s + added)) * W) / m;
/** StrategyBase: shares for `amount` given balance before the deposit, with the 1e3 virtual offsets. */
const strategyShares = (amount: bigint, totalShares: bigint, balanceBefore: bigint) =>
  (amount * (totalShares + 1000n)) / (balanceBefore + 1000n);

const TOPIC = {
  OperatorSlashed: '0x80969ad29428d6797ee7aad084f9e4a42a82fc506dcd2ca3b6fb431f85ccebe5',
  MaxMagnitudeUpdated: '0x1c6458079a41077d003c11faf9bf097e693bd67979e4e6500bac7b29db779b5c',
  EncumberedMagnitudeUpdated: '0xacf9095feb3a370c9cf692421c69ef320d4db5c66e6a7d29c7694eb02364fc55',
  AllocationUpdated: '0x1487af5418c47ee5ea45ef4a93398668120890774a9e13487e61e9dc3baf76dd',
  OperatorSharesSlashed: '0xdd611f4ef63f4385f1756c86ce1f1f389a9013ba6fa07daba8528291bc2d3c30',
  DepositScalingFactorUpdated: '0x8be932bac54561f27260f95463d9b8ab37e06b2842e5ee2404157cc13df6eb8f',
  StakerDelegated: '0xc3ee9f2e5fda98e8066a1f745b2df9285f416fe98cf2559cd21484b3d8743304',
};

let anvil: AnvilInstance;
let ctx: DevnetContext;
let seed: EigenSeed;
const [alice, bob, carol] = [1, 2, 3].map((i) => devAccount(i).address) as [Address, Address, Address];
const strategy = EIGEN_STRATEGIES.stETH;

const read = <T>(address: Address, abi: ReturnType<typeof eigenAbi.strategy>, functionName: string, args: unknown[] = []) =>
  ctx.client.readContract({ address, abi, functionName, args }) as Promise<T>;
const dm = (fn: string, args: unknown[]) => read<unknown>(EIGENLAYER.delegationManager, eigenAbi.delegationManager(), fn, args);
const am = (fn: string, args: unknown[]) => read<unknown>(EIGENLAYER.allocationManager, eigenAbi.allocationManager(), fn, args);
const withdrawableOf = async (staker: Address) =>
  ((await dm('getWithdrawableShares', [staker, [strategy]])) as [bigint[], bigint[]])[0][0]!;
const tokenAbi = () => artifact('EigenTestLST').abi;

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  await placeEigenTestTokens(ctx, [alice, bob, carol], parseEther('1000'));
  seed = await seedEigen(ctx, undefined);
});
afterAll(async () => {
  await anvil?.stop();
});

describe('seeded operator sets', () => {
  test('operator allocated 30 % / 20 % of its stETH magnitude to sets 1 and 2 of the AVS', async () => {
    const set1 = { avs: seed.avs, id: 1 };
    const set2 = { avs: seed.avs, id: 2 };
    expect(await am('getMaxMagnitude', [seed.operator, strategy])).toBe(W);
    expect(await am('getAllocatedSets', [seed.operator])).toEqual([set1, set2]);
    expect(await am('getAllocation', [seed.operator, set1, strategy])).toMatchObject({ currentMagnitude: (W * 3n) / 10n, pendingDiff: 0n });
    expect(await am('getAllocation', [seed.operator, set2, strategy])).toMatchObject({ currentMagnitude: (W * 2n) / 10n });
    expect(await am('getEncumberedMagnitude', [seed.operator, strategy])).toBe(W / 2n);
    expect(await am('isOperatorSlashable', [seed.operator, set2])).toBe(true);
    expect(await am('isOperatorSlashable', [seed.secondOperator, set2])).toBe(false);
    expect(await dm('isOperator', [seed.operator])).toBe(true);
    expect(await dm('minWithdrawalDelayBlocks', [])).toBe(seed.minWithdrawalDelayBlocks);
  });
});

describe('deposits, delegation and slashing (reference §6)', () => {
  let aliceShares = 0n;
  let bobShares = 0n;

  test('withdrawable shares equal deposit shares before any slash, at a non-1:1 strategy rate', async () => {
    const a = parseEther('10') + 12345n;
    aliceShares = (await depositAndDelegate(ctx, alice, 'stETH', a)).depositShares;
    expect(aliceShares).toBe(strategyShares(a, 0n, 0n));
    // A direct donation to the strategy raises the token-per-share rate, so bob's shares are fewer than tokens.
    await ctx.write({ address: TOKENS.stETH, abi: tokenAbi(), functionName: 'transfer', args: [strategy, parseEther('1')], from: carol });
    const b = parseEther('4') + 7n;
    const [totalBefore, balanceBefore] = [await read<bigint>(strategy, eigenAbi.strategy(), 'totalShares'), aliceShares + 0n];
    const { depositShares, delegateTx } = await depositAndDelegate(ctx, bob, 'stETH', b);
    bobShares = depositShares;
    expect(bobShares).toBe(strategyShares(b, totalBefore, balanceBefore + parseEther('1')));
    expect(bobShares).toBeLessThan(b);
    const { receipt } = await decodedLogs(ctx, delegateTx!, EIGENLAYER.delegationManager, eigenAbi.delegationManager());
    expect(receipt.logs.map((l) => l.topics[0])).toContain(TOPIC.StakerDelegated);

    expect(await dm('getWithdrawableShares', [alice, [strategy]])).toEqual([[aliceShares], [aliceShares]]);
    expect(await dm('getWithdrawableShares', [bob, [strategy]])).toEqual([[bobShares], [bobShares]]);
    expect(await dm('delegatedTo', [alice])).toBe(seed.operator);
    expect(await dm('getOperatorShares', [seed.operator, [strategy]])).toEqual([aliceShares + bobShares]);
  });

  test('slashing set 1 by one third scales every delegated staker by newMax / prevMax', async () => {
    const wadToSlash = W / 3n; // 0.333…: exercises the ceil in slashedMagnitude
    const current = (W * 3n) / 10n;
    const prevMax = W;
    const slashedMagnitude = ceilDiv(current * wadToSlash, W);
    const newMax = prevMax - slashedMagnitude;
    const opShares = aliceShares + bobShares;
    const opSlashed = opShares - ceilDiv(opShares * newMax, prevMax);

    const result = await slashOperator(ctx, { operator: seed.operator, operatorSetId: 1, wadToSlash });
    expect(result.wadSlashed).toEqual([(slashedMagnitude * W) / prevMax]);
    expect(result.operatorSet).toEqual({ avs: seed.avs, id: 1 });
    const { receipt } = await decodedLogs(ctx, result.hash, EIGENLAYER.allocationManager, eigenAbi.allocationManager());
    const topics = receipt.logs.map((l) => l.topics[0]);
    for (const t of [
      TOPIC.OperatorSlashed,
      TOPIC.MaxMagnitudeUpdated,
      TOPIC.EncumberedMagnitudeUpdated,
      TOPIC.AllocationUpdated,
      TOPIC.OperatorSharesSlashed,
    ]) {
      expect(topics).toContain(t);
    }

    expect(await am('getMaxMagnitude', [seed.operator, strategy])).toBe(newMax);
    expect(await am('getMaxMagnitudes', [seed.operator, [strategy]])).toEqual([newMax]);
    expect(await am('getAllocation', [seed.operator, { avs: seed.avs, id: 1 }, strategy])).toMatchObject({
      currentMagnitude: current - slashedMagnitude,
    });
    expect(await am('getAllocation', [seed.operator, { avs: seed.avs, id: 2 }, strategy])).toMatchObject({
      currentMagnitude: (W * 2n) / 10n,
    });
    expect(await am('getEncumberedMagnitude', [seed.operator, strategy])).toBe(W / 2n - slashedMagnitude);
    expect(await withdrawableOf(alice)).toBe(withdrawable(aliceShares, W, newMax));
    expect(await withdrawableOf(bob)).toBe(withdrawable(bobShares, W, newMax));
    expect(await dm('getOperatorShares', [seed.operator, [strategy]])).toEqual([opShares - opSlashed]);
    // Plain-language check: a 1/3 slash of a 30 % allocation costs stakers 10 % (to the wei rounding).
    expect(await withdrawableOf(alice)).toBe((aliceShares * 9n) / 10n);
  });

  test('a deposit after the slash gets a new deposit scaling factor and is not hit by that slash', async () => {
    const m = (await am('getMaxMagnitude', [seed.operator, strategy])) as bigint;
    const before = await withdrawableOf(alice);
    const [totalShares, balance] = [
      await read<bigint>(strategy, eigenAbi.strategy(), 'totalShares'),
      await read<bigint>(TOKENS.stETH, tokenAbi(), 'balanceOf', [strategy]),
    ];
    const d = parseEther('3') + 99n;
    const added = strategyShares(d, totalShares, balance);
    const { depositShares, depositTx } = await depositAndDelegate(ctx, alice, 'stETH', d);
    expect(depositShares).toBe(added);

    const k = nextDsf(aliceShares, W, added, m);
    expect(await dm('depositScalingFactor', [alice, strategy])).toBe(k);
    const { logs } = await decodedLogs(ctx, depositTx, EIGENLAYER.delegationManager, eigenAbi.delegationManager());
    expect(logs.find((l) => l.eventName === 'DepositScalingFactorUpdated')?.args).toMatchObject({
      staker: alice,
      newDepositScalingFactor: k,
    });

    const after = await withdrawableOf(alice);
    expect(after).toBe(withdrawable(aliceShares + added, k, m));
    aliceShares += added;
    // The new shares arrive whole and the old ones keep their slash: k is floored twice (divWad), so the
    // loss is a few wei per 1e18 shares, never a 10 % haircut of the new deposit.
    expect(before + added - after).toBeGreaterThanOrEqual(0n);
    expect(before + added - after).toBeLessThanOrEqual((2n * aliceShares) / W + 3n);
  });

  test('a first-time staker delegating to the slashed operator starts at k = 1 / maxMagnitude', async () => {
    const m = (await am('getMaxMagnitude', [seed.operator, strategy])) as bigint;
    const { depositShares } = await depositAndDelegate(ctx, carol, 'stETH', parseEther('2'));
    const k = (W * W) / m;
    expect(await dm('depositScalingFactor', [carol, strategy])).toBe(k);
    expect(await withdrawableOf(carol)).toBe(withdrawable(depositShares, k, m));
    expect(depositShares - (await withdrawableOf(carol))).toBeLessThanOrEqual(2n);
  });

  test('a second slash (set 2, 50 %) compounds on the reduced max magnitude', async () => {
    const prevMax = (await am('getMaxMagnitude', [seed.operator, strategy])) as bigint;
    const current = (W * 2n) / 10n;
    const slashedMagnitude = ceilDiv(current * (W / 2n), W);
    const newMax = prevMax - slashedMagnitude;
    const kAlice = (await dm('depositScalingFactor', [alice, strategy])) as bigint;
    const result = await slashOperator(ctx, { operator: seed.operator, operatorSetId: 2, fraction: 0.5 });
    expect(result.wadSlashed).toEqual([(slashedMagnitude * W) / prevMax]);
    expect(await am('getMaxMagnitude', [seed.operator, strategy])).toBe(newMax);
    expect(await withdrawableOf(alice)).toBe(withdrawable(aliceShares, kAlice, newMax));
    expect(await withdrawableOf(bob)).toBe(withdrawable(bobShares, W, newMax));
    expect(await am('getAllocatedSets', [seed.operator])).toHaveLength(2);
  });

  test('only the AVS that owns the set can slash, and only registered operators', async () => {
    await expect(slashOperator(ctx, { operator: seed.operator, fraction: 0.1, avs: alice })).rejects.toThrow();
    await expect(slashOperator(ctx, { operator: seed.secondOperator, operatorSetId: 2, fraction: 0.1 })).rejects.toThrow(
      /OperatorNotSlashable|reverted/,
    );
  });
});
