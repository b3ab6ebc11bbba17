import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseEther, zeroAddress, type Abi, type Address } from 'viem';
import { EIGENLAYER, EIGEN_STRATEGIES, TOKENS } from '../../lib/restaking/addresses';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, devAccount, type DevnetContext } from './context';
import { depositAndDelegate, eigenAbi, seedEigen, slashOperator, symbioticDeposit, type EigenSeed } from './seed/eigen';
import { seedTokens } from './seed/tokens';

// The EigenLayer and Symbiotic doubles on top of the real token doubles from seedTokens (rebasing stETH,
// wstETH), as the demo devnet runs them.
const W = 10n ** 18n;
const ceilDiv = (x: bigint, y: bigint) => (x + y - 1n) / y;

let anvil: AnvilInstance;
let ctx: DevnetContext;
let seed: EigenSeed;
const alice: Address = devAccount(1).address;
const strategy = EIGEN_STRATEGIES.stETH;
const abi = (name: string): Abi => artifact(name).abi;
const read = <T>(address: Address, a: Abi, functionName: string, args: unknown[] = []) =>
  ctx.client.readContract({ address, abi: a, functionName, args }) as Promise<T>;

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  const tokens = await seedTokens(ctx);
  seed = await seedEigen(ctx, tokens);
  await ctx.write({
    address: TOKENS.stETH,
    abi: abi('StETH'),
    functionName: 'submit',
    args: [zeroAddress],
    value: parseEther('20'),
    from: alice,
  });
});
afterAll(async () => {
  await anvil?.stop();
});

test('stETH restaked through the strategy double: slash and rebase both show in the underlying value', async () => {
  const amount = parseEther('10');
  const { depositShares } = await depositAndDelegate(ctx, alice, 'stETH', amount);
  const held = await read<bigint>(TOKENS.stETH, abi('StETH'), 'balanceOf', [strategy]);
  expect(amount - held).toBeLessThanOrEqual(2n); // stETH moves shares, so a transfer may round down a wei or two
  // StrategyBase prices the deposit at `amount` against (balance − amount): with stETH's short transfer and an
  // empty strategy that mints a few more shares than tokens; their underlying value still equals `held`.
  expect(depositShares).toBe((amount * 1000n) / (held + 1000n - amount));
  expect(held - (await read<bigint>(strategy, eigenAbi.strategy(), 'sharesToUnderlyingView', [depositShares]))).toBeLessThanOrEqual(1n);
  expect(await read(EIGENLAYER.delegationManager, eigenAbi.delegationManager(), 'getWithdrawableShares', [alice, [strategy]])).toEqual([
    [depositShares],
    [depositShares],
  ]);

  const slashed = ceilDiv(((W * 3n) / 10n) * (W / 2n), W);
  await slashOperator(ctx, { operator: seed.operator, operatorSetId: 1, fraction: 0.5 });
  const [[withdrawable]] = await read<[bigint[], bigint[]]>(
    EIGENLAYER.delegationManager,
    eigenAbi.delegationManager(),
    'getWithdrawableShares',
    [alice, [strategy]],
  );
  expect(withdrawable).toBe((depositShares * (W - slashed)) / W);
  const tokens = await read<bigint>(strategy, eigenAbi.strategy(), 'sharesToUnderlyingView', [withdrawable!]);
  expect(tokens).toBe(((held + 1000n) * withdrawable!) / (depositShares + 1000n));

  // A 1 % Lido rebase raises what every strategy share is worth.
  const pooled = await read<bigint>(TOKENS.stETH, abi('StETH'), 'getTotalPooledEther');
  await ctx.write({ address: TOKENS.stETH, abi: abi('StETH'), functionName: 'setTotalPooledEther', args: [(pooled * 101n) / 100n] });
  const heldAfter = await read<bigint>(TOKENS.stETH, abi('StETH'), 'balanceOf', [strategy]);
  expect(heldAfter).toBeGreaterThan(held);
  expect(await read(strategy, eigenAbi.strategy(), 'sharesToUnderlyingView', [withdrawable!])).toBe(
    ((heldAfter + 1000n) * withdrawable!) / (depositShares + 1000n),
  );
});

test('wstETH deposited into the Symbiotic vault double is fully active and slashable', async () => {
  const stAmount = parseEther('5');
  await ctx.write({ address: TOKENS.stETH, abi: abi('StETH'), functionName: 'approve', args: [TOKENS.wstETH, stAmount], from: alice });
  await ctx.write({ address: TOKENS.wstETH, abi: abi('WstETH'), functionName: 'wrap', args: [stAmount], from: alice });
  const wst = await read<bigint>(TOKENS.wstETH, abi('WstETH'), 'balanceOf', [alice]);
  expect(wst).toBeGreaterThan(0n);
  const { depositedAmount } = await symbioticDeposit(ctx, alice, wst);
  expect(depositedAmount).toBe(wst);
  expect(await read(seed.symbiotic.vault, eigenAbi.symbioticVault(), 'activeBalanceOf', [alice])).toBe(wst);
  expect(await read(seed.symbiotic.vault, eigenAbi.symbioticVault(), 'slashableBalanceOf', [alice])).toBe(wst);
});
