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
        if (asset === TOKENS.weETH) return { aTokenAddress: aWeETH };
        if (asset === TOKENS.WETH) return { aTokenAddress: aWETH };
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
    expect(asked.every((c) => c.functionName === 'balanceOf' || c.address === AAVE_V3.pool)).toBe(true);
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
