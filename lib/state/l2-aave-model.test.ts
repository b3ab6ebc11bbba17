import { describe, expect, test } from 'vitest';
import { l2AaveView } from './l2-aave-model';

const account = '0x00000000000000000000000000000000000000a1' as const;
const pool = '0xA238Dd80C259a72e81d7e4664a9801593F98d1c5' as const;

describe('L2 Aave view', () => {
  test('a failed read says so for the chain and the account: unknown, never a figure or "safe"', () => {
    const v = l2AaveView(8453, 'Base', {
      status: 'failed',
      error: 'getUserAccountData: execution reverted',
      pool,
      positions: [
        {
          account,
          status: 'failed',
          error: 'getUserAccountData: execution reverted',
          healthFactorWad: null,
          totalCollateralBase: null,
          totalDebtBase: null,
          debtEth: null,
          eModeId: 7,
          collaterals: [
            { symbol: 'weETH', aToken: pool, amount: '10', valueEth: null, liquidation: { liquidationError: 'getUserAccountData' } },
          ],
        },
      ],
    })!;
    expect(v.summary).toBe('Aave v3 on Base could not be read (getUserAccountData: execution reverted): positions there are unknown.');
    expect(v.positions[0]).toMatchObject({ status: 'failed', healthFactorText: 'unknown' });
    expect(v.positions[0]!.lines[0]).toMatchObject({ distanceWad: null, distanceText: 'unknown' });
    expect(JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? String(x) : x))).not.toMatch(/safe/i);
  });

  test('an ok loop: health factor and distance in words, as on Ethereum', () => {
    const v = l2AaveView(42161, 'Arbitrum One', {
      status: 'ok',
      pool,
      positions: [
        {
          account,
          status: 'ok',
          healthFactorWad: '1250000000000000000',
          totalCollateralBase: '3150000000000',
          totalDebtBase: '2394000000000',
          debtEth: '7980000000000000000',
          eModeId: 7,
          collaterals: [
            {
              symbol: 'weETH',
              aToken: pool,
              amount: '10000000000000000000',
              valueEth: '10500000000000000000',
              liquidation: { pricedBy: 'exchange-rate', liquidationStatus: 'ok', liquidationDistanceWad: '200000000000000000' },
            },
          ],
        },
      ],
    })!;
    expect(v.summary).toBe('Aave v3 on Arbitrum One: 1 position.');
    expect(v.positions[0]!.healthFactorText).toBe('1.25');
    expect(v.positions[0]!.lines[0]).toMatchObject({ distanceWad: 200000000000000000n, distanceText: '20.00%' });
    expect(v.positions[0]!.lines[0]!.sentence).toMatch(/exchange rate itself .* of 20\.00% would liquidate/);
  });
});
