import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeFunctionData, erc20Abi, parseAbi, parseEther, parseEventLogs, type Address } from 'viem';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, devAccount, type DevnetContext } from './context';
import { AAVE_V3, TOKENS } from '../../lib/restaking/addresses';
import { AAVE_DEVNET_ATOKENS, AAVE_DEVNET_ETH_USD, aavePoolAbi, placeAave, supplyToAave } from './seed/defi-aave';

// Independent reference: Aave v3 GenericLogic as documented (base currency USD 1e8, bps, half-up
// percentMul / wadDiv) recomputed here from the prices we set, not read back from the pool.
const WAD = 10n ** 18n;
const percentMul = (v: bigint, bps: bigint) => (v * bps + 5000n) / 10000n;
const wadDiv = (a: bigint, b: bigint) => (a * WAD + b / 2n) / b;
const usd = (amount: bigint, ethRate: bigint) => (amount * ((AAVE_DEVNET_ETH_USD * ethRate) / WAD)) / WAD;

let anvil: AnvilInstance;
let ctx: DevnetContext;
const user = devAccount(3).address;
const lender = devAccount(4).address;
const pool = AAVE_V3.pool;
const weETHRate = 1_070_000_000_000_000_000n;
const testToken = () => artifact('TestToken').abi;

type AccountData = readonly [bigint, bigint, bigint, bigint, bigint, bigint];
const accountData = (who: Address) =>
  ctx.client.readContract({ address: pool, abi: aavePoolAbi(), functionName: 'getUserAccountData', args: [who] }) as Promise<AccountData>;
const balanceOf = (token: Address, who: Address) =>
  ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [who] });

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  await ctx.place('WETH9', TOKENS.WETH);
  for (const s of ['wstETH', 'weETH', 'rsETH', 'ezETH'] as const) {
    await ctx.place('TestToken', TOKENS[s]);
    await ctx.write({ address: TOKENS[s], abi: testToken(), functionName: 'initialize', args: [s, s] });
  }
  await ctx.write({ address: TOKENS.weETH, abi: testToken(), functionName: 'setRate', args: [weETHRate] });
  const getRate = encodeFunctionData({ abi: parseAbi(['function getRate() view returns (uint256)']), functionName: 'getRate' });
  await placeAave(ctx, {
    WETH: { rate: WAD },
    wstETH: { rate: parseEther('1.2') },
    rsETH: { rate: parseEther('1.05') },
    ezETH: { rate: parseEther('1.03') },
    weETH: { source: TOKENS.weETH, data: getRate }, // live, like CAPO reading weETH.getRate()
  });
});
afterAll(async () => {
  await anvil?.stop();
});

describe('Aave v3 Pool double', () => {
  test('listed reserves expose their aToken at getReserveData field 8 and via getReserveAToken', async () => {
    const data = (await ctx.client.readContract({
      address: pool,
      abi: aavePoolAbi(),
      functionName: 'getReserveData',
      args: [TOKENS.weETH],
    })) as { aTokenAddress: Address; id: number };
    expect(data.aTokenAddress).toBe(AAVE_DEVNET_ATOKENS.weETH);
    const raw = await ctx.client.call({
      to: pool,
      data: encodeFunctionData({ abi: aavePoolAbi(), functionName: 'getReserveData', args: [TOKENS.weETH] }),
    });
    expect(`0x${raw.data!.slice(2 + 8 * 64 + 24, 2 + 9 * 64)}`.toLowerCase()).toBe(AAVE_DEVNET_ATOKENS.weETH.toLowerCase()); // 9th 32-byte word
    const aToken = artifact('AaveAToken').abi;
    expect(
      await ctx.client.readContract({ address: AAVE_DEVNET_ATOKENS.weETH, abi: aToken, functionName: 'UNDERLYING_ASSET_ADDRESS' }),
    ).toBe(TOKENS.weETH);
  });

  test('e-mode categories carry the reference ids and values (bps)', async () => {
    const cfg = (id: number) =>
      ctx.client.readContract({ address: pool, abi: aavePoolAbi(), functionName: 'getEModeCategoryCollateralConfig', args: [id] });
    for (const id of [1, 3, 26]) expect(await cfg(id)).toEqual({ ltv: 9300, liquidationThreshold: 9500, liquidationBonus: 10100 });
    expect(await cfg(7)).toEqual({ ltv: 0, liquidationThreshold: 0, liquidationBonus: 0 });
  });

  test('supply moves exactly the amount into the aToken with a mint Transfer; account data matches hand math', async () => {
    const amount = parseEther('10');
    await ctx.write({ address: TOKENS.weETH, abi: testToken(), functionName: 'mint', args: [user, amount] });
    await ctx.write({ address: TOKENS.weETH, abi: erc20Abi, functionName: 'approve', args: [pool, amount], from: user });
    const hash = await ctx.write({
      address: pool,
      abi: aavePoolAbi(),
      functionName: 'supply',
      args: [TOKENS.weETH, amount, user, 0],
      from: user,
    });
    const logs = parseEventLogs({ abi: erc20Abi, eventName: 'Transfer', logs: (await ctx.client.getTransactionReceipt({ hash })).logs });
    expect(logs.find((l) => l.address.toLowerCase() === AAVE_DEVNET_ATOKENS.weETH.toLowerCase())?.args).toEqual({
      from: '0x0000000000000000000000000000000000000000',
      to: user,
      value: amount,
    });
    expect(await balanceOf(AAVE_DEVNET_ATOKENS.weETH, user)).toBe(amount);
    expect(await balanceOf(TOKENS.weETH, AAVE_DEVNET_ATOKENS.weETH)).toBe(amount);

    const [collateral, debt, available, lt, ltv, hf] = await accountData(user);
    const expectedCollateral = usd(amount, weETHRate); // 10 × 1.07 × 3000 USD = 32,100 USD
    expect(collateral).toBe(32_100n * 10n ** 8n);
    expect(collateral).toBe(expectedCollateral);
    expect([debt, lt, ltv]).toEqual([0n, 8000n, 7750n]);
    expect(available).toBe(percentMul(expectedCollateral, 7750n));
    expect(hf).toBe(2n ** 256n - 1n);
  });

  test('borrow records debt; health factor and e-mode 26 follow the hand formula', async () => {
    const liquidity = parseEther('100');
    await ctx.write({ address: TOKENS.WETH, abi: artifact('WETH9').abi, functionName: 'deposit', value: liquidity, from: lender });
    await supplyToAave(ctx, lender, TOKENS.WETH, liquidity);
    const borrowed = parseEther('8');
    await ctx.write({ address: pool, abi: aavePoolAbi(), functionName: 'borrow', args: [TOKENS.WETH, borrowed, 2n, 0, user], from: user });
    expect(await balanceOf(TOKENS.WETH, user)).toBe(borrowed);

    const collateral = usd(parseEther('10'), weETHRate);
    const debtUsd = usd(borrowed, WAD); // 24,000 USD
    const before = await accountData(user);
    const [, debt] = before;
    let [, , available, , , hf] = before;
    expect(debt).toBe(debtUsd);
    expect(hf).toBe(wadDiv(percentMul(collateral, 8000n), debtUsd)); // 1.07
    expect(hf).toBe(1_070_000_000_000_000_000n);
    expect(available).toBe(percentMul(collateral, 7750n) - debtUsd);

    await ctx.write({ address: pool, abi: aavePoolAbi(), functionName: 'setUserEMode', args: [26], from: user });
    expect(await ctx.client.readContract({ address: pool, abi: aavePoolAbi(), functionName: 'getUserEMode', args: [user] })).toBe(26n);
    const inEMode = await accountData(user);
    const [, , , lt, ltv] = inEMode;
    [, , available, , , hf] = inEMode;
    expect([lt, ltv]).toEqual([9500n, 9300n]);
    expect(hf).toBe(wadDiv(percentMul(collateral, 9500n), debtUsd)); // 1.270625
    expect(available).toBe(percentMul(collateral, 9300n) - debtUsd);
  });

  test('collateral is priced live from the token rate (a rate cut lowers the health factor)', async () => {
    const cut = parseEther('1.0165'); // −5 %
    await ctx.write({ address: TOKENS.weETH, abi: testToken(), functionName: 'setRate', args: [cut] });
    const [collateral, debt, , , , hf] = await accountData(user);
    expect(collateral).toBe(usd(parseEther('10'), cut));
    expect(hf).toBe(wadDiv(percentMul(collateral, 9500n), debt));
    await ctx.write({ address: TOKENS.weETH, abi: testToken(), functionName: 'setRate', args: [weETHRate] });
  });

  test('withdraw burns exactly the amount and refuses to leave the position below health factor 1', async () => {
    await ctx.write({
      address: pool,
      abi: aavePoolAbi(),
      functionName: 'withdraw',
      args: [TOKENS.weETH, parseEther('1'), user],
      from: user,
    });
    expect(await balanceOf(AAVE_DEVNET_ATOKENS.weETH, user)).toBe(parseEther('9'));
    expect(await balanceOf(TOKENS.weETH, user)).toBe(parseEther('1'));
    await expect(
      ctx.client.simulateContract({
        address: pool,
        abi: aavePoolAbi(),
        functionName: 'withdraw',
        args: [TOKENS.weETH, parseEther('5'), user],
        account: user,
      }),
    ).rejects.toThrow(/health factor would fall below 1/);
    await ctx.write({ address: TOKENS.WETH, abi: erc20Abi, functionName: 'approve', args: [pool, parseEther('8')], from: user });
    await ctx.write({
      address: pool,
      abi: aavePoolAbi(),
      functionName: 'repay',
      args: [TOKENS.WETH, parseEther('8'), 2n, user],
      from: user,
    });
    const max = 2n ** 256n - 1n;
    await ctx.write({ address: pool, abi: aavePoolAbi(), functionName: 'withdraw', args: [TOKENS.weETH, max, user], from: user });
    expect(await balanceOf(AAVE_DEVNET_ATOKENS.weETH, user)).toBe(0n);
    expect((await accountData(user))[0]).toBe(0n);
  });
});
