import { describe, expect, test } from 'vitest';
import { getAddress, maxUint256, zeroAddress, type Address } from 'viem';
import { AAVE_V3, TOKENS } from '../../restaking/addresses';
import { aaveReader } from './aave';
import { rateBook, revert, runReader, type Answer } from './fake-chain.test-helper';

const alice: Address = '0x00000000000000000000000000000000000A11cE';
const bob: Address = '0x0000000000000000000000000000000000000B0b';
const aWeETH = getAddress('0xa70c000000000000000000000000000000000003');
const aWETH = getAddress('0xa70c000000000000000000000000000000000001');
const E = 10n ** 18n;
const USD = 10n ** 8n;
const rates = rateBook({ weETH: { fair: 1_070_000_000_000_000_000n, market: 1_060_000_000_000_000_000n } });

/** weETH and WETH listed, rETH not (reverts like the devnet double); alice supplies 5 weETH in e-mode 26. */
const chain =
  (overrides: Partial<Record<string, Answer>> = {}): Answer =>
  (c) => {
    const custom = overrides[c.functionName];
    if (custom) return custom(c);
    switch (c.functionName) {
      case 'getReserveData': {
        const asset = c.args![0] as Address;
        // configuration: LT 80 % (bits 16–31), 18 decimals (bits 48–55); weETH is reserve 2, WETH 0.
        const configuration = (8000n << 16n) | (18n << 48n);
        if (asset === TOKENS.weETH) return { aTokenAddress: aWeETH, configuration, id: 2 };
        if (asset === TOKENS.WETH) return { aTokenAddress: aWETH, configuration, id: 0 };
        if (asset === TOKENS.cbETH) return { aTokenAddress: zeroAddress }; // mainnet answer for an unlisted asset
        return revert('Pool: asset is not a listed reserve');
      }
      case 'getUserAccountData':
        return c.args![0] === alice
          ? [15_975_000_000_000n, 0n, 14_856_750_000_000n, 9500n, 9300n, maxUint256]
          : [0n, 0n, 0n, 0n, 0n, maxUint256];
      case 'getUserEMode':
        return c.args![0] === alice ? 26n : 0n;
      case 'getEModeCategoryCollateralConfig':
        return { ltv: 9300, liquidationThreshold: 9500, liquidationBonus: 10100 };
      case 'getEModeCategoryCollateralBitmap':
        return 1n << 2n; // weETH
      case 'getAssetPrice':
        return c.args![0] === TOKENS.weETH ? 3_210n * USD : c.args![0] === TOKENS.WETH ? 3_000n * USD : revert('no price');
      case 'balanceOf':
        return c.address === aWeETH && c.args![0] === alice ? 5n * E : 0n;
    }
    return revert(`unexpected ${c.functionName}`);
  };

describe('aaveReader', () => {
  test('aToken balance valued at the underlying rates, with health factor and the e-mode config read live', () => {
    const { positions, asked, phase1Count } = runReader(aaveReader(), [alice, bob], chain(), rates);
    expect(positions).toHaveLength(1);
    const p = positions[0]!;
    expect(p).toMatchObject({ family: 'aave', account: alice, asset: 'aEthweETH', status: 'ok', amount: 5n * E });
    expect(p.fairValueEth).toBe(5_350_000_000_000_000_000n); // 5 × 1.07
    expect(p.marketValueEth).toBe(5_300_000_000_000_000_000n); // 5 × 1.06
    expect(p.details).toMatchObject({
      underlying: 'weETH',
      aToken: aWeETH,
      healthFactor: String(maxUint256),
      eModeId: '26',
      eModeLtvBps: '9300',
      eModeLiquidationThresholdBps: '9500',
      eModeLiquidationBonusBps: '10100',
      ltvBps: '9300',
    });
    // Balances and e-mode configs depend on phase 1: only listed reserves are asked, the e-mode once.
    const phase2 = asked.slice(phase1Count);
    expect(
      phase2
        .filter((c) => c.functionName === 'balanceOf')
        .map((c) => c.address)
        .sort(),
    ).toEqual([aWETH, aWETH, aWeETH, aWeETH].sort());
    expect(phase2.filter((c) => c.functionName === 'getEModeCategoryCollateralConfig').map((c) => c.args)).toEqual([[26]]);
    expect(asked.every((c) => c.functionName === 'balanceOf' || c.address === AAVE_V3.pool || c.address === AAVE_V3.oracle)).toBe(true);
    expect(p.details).toMatchObject({ pricedBy: 'exchange-rate', liquidationStatus: 'no-debt', liquidationThresholdAppliedBps: '9500' });
    expect(p.details.liquidationDistanceWad).toBeUndefined();
  });

  // 5 weETH at Aave's 3,210 USD = 16,050 USD; 12,000 USD of WETH debt; e-mode LT 95 % → HF = 15,247.5 / 12,000 = 1.270625.
  const inDebt = { getUserAccountData: () => [16_050n * USD, 12_000n * USD, 0n, 9500n, 9300n, 1_270_625_000_000_000_000n] };

  test('with debt: distance 1 − 1/HF at the e-mode threshold, liquidation price in ETH from the two oracle prices', () => {
    const { positions } = runReader(aaveReader(), [alice], chain(inDebt), rates);
    const d = positions[0]!.details;
    expect(d).toMatchObject({
      aavePriceBase: String(3_210n * USD),
      aaveWethPriceBase: String(3_000n * USD),
      collateralBase: String(16_050n * USD),
      liquidationThresholdAppliedBps: '9500',
      liquidationThresholdFrom: 'e-mode 26',
      liquidationStatus: 'ok',
      aavePriceEthWad: '1070000000000000000',
    });
    expect(d.liquidationDistanceWad).toBe(String((6_495n * E) / 30_495n)); // 0.212985…
    expect(positions[0]!.sources.map((s) => s.call)).toEqual(
      expect.arrayContaining(['getAssetPrice(weETH)', 'getAssetPrice(WETH)', 'getEModeCategoryCollateralBitmap']),
    );
  });

  test('a reserve outside the user category uses its own threshold; a failed price gives no distance, with the reason', () => {
    const outside = runReader(aaveReader(), [alice], chain({ ...inDebt, getEModeCategoryCollateralBitmap: () => 1n }), rates);
    expect(outside.positions[0]!.details).toMatchObject({ liquidationThresholdAppliedBps: '8000', liquidationThresholdFrom: 'reserve' });
    // (1.270625 − 1) × 12,000 / (16,050 × 0.80) = 3,247.5 / 12,840
    expect(outside.positions[0]!.details.liquidationDistanceWad).toBe(String((32_475n * E) / 128_400n));
    const noPrice = runReader(aaveReader(), [alice], chain({ ...inDebt, getAssetPrice: () => revert('adapter paused') }), rates);
    const p = noPrice.positions[0]!;
    expect(p.status).toBe('ok'); // the balance and health factor still stand
    expect(p.details.liquidationDistanceWad).toBeUndefined();
    expect(p.details.liquidationError).toMatch(/getAssetPrice\(weETH\): .*adapter paused/);
  });

  test('a failed account read keeps the balance but marks the position failed with the reason', () => {
    const { positions } = runReader(aaveReader(), [alice], chain({ getUserAccountData: () => revert('oracle down') }), rates);
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({ status: 'failed', amount: 5n * E });
    expect(positions[0]!.error).toMatch(/getUserAccountData: oracle down/);
  });

  test('no reserve answering and no account data: one failed Aave position per account, not silence', () => {
    const { positions } = runReader(
      aaveReader(),
      [alice],
      chain({ getReserveData: () => revert('no code'), getUserAccountData: () => revert('no code') }),
      rates,
    );
    expect(positions).toEqual([expect.objectContaining({ asset: 'Aave v3', status: 'failed' })]);
  });
});
