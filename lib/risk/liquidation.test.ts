import { describe, expect, it } from 'vitest';
import { liquidationDistance, liquidationSentence, type LiquidationDistanceParameters } from './liquidation';

const WAD = 10n ** 18n;
const usd = (n: bigint) => n * 10n ** 8n;

// 10 weETH at 1.07 ETH, ETH at 3,000 USD: 32,100 USD of collateral, e-mode LT 95 %, 8 WETH = 24,000 USD of debt.
// HF = 32,100 × 0.95 / 24,000 = 30,495 / 24,000 = 1.270625.
const loop: LiquidationDistanceParameters = {
  healthFactorWad: 1_270_625_000_000_000_000n,
  debtBase: usd(24_000n),
  collateralBase: usd(32_100n),
  liquidationThresholdBps: 9500n,
  assetPriceBase: usd(3_210n),
  wethPriceBase: usd(3_000n),
};

describe('liquidationDistance (Aave v3 HF = Σ C·LT / debt)', () => {
  it('one collateral: d* = 1 − 1/HF = 6,495 / 30,495, liquidation price 1.07 × 24,000 / 30,495 = 16/19 ETH', () => {
    const d = liquidationDistance(loop);
    expect(d.status).toBe('ok');
    expect(d.distanceWad).toBe((6_495n * WAD) / 30_495n); // 0.212985735366453516
    expect(d.priceEthWad).toBe(1_070_000_000_000_000_000n);
    // 16/19 = 0.842105263157894736…; the floored distance may leave it at most 1 wei higher.
    const exact = (16n * WAD) / 19n;
    expect(d.liquidationPriceEthWad! - exact).toBeGreaterThanOrEqual(0n);
    expect(d.liquidationPriceEthWad! - exact).toBeLessThanOrEqual(1n);
  });

  it('two collaterals: only the weETH part moves, so its fall must be larger; wstETH alone cannot liquidate', () => {
    // + 5 wstETH at 1.2 ETH = 18,000 USD at its own LT 81 % (not in the e-mode): Σ C·LT = 30,495 + 14,580 = 45,075.
    const hf = (45_075n * WAD) / 24_000n; // 1.878125
    const weeth = liquidationDistance({ ...loop, healthFactorWad: hf });
    expect(weeth.distanceWad).toBe((21_075n * WAD) / 30_495n); // (45,075 − 24,000) / 30,495 = 0.6911
    const wsteth = liquidationDistance({
      ...loop,
      healthFactorWad: hf,
      collateralBase: usd(18_000n),
      liquidationThresholdBps: 8100n,
      assetPriceBase: usd(3_600n),
    });
    expect(wsteth.status).toBe('out-of-reach'); // 21,075 / 14,580 = 1.445 ≥ 1
    expect(wsteth.distanceWad).toBe((21_075n * WAD) / 14_580n);
    expect(wsteth.liquidationPriceEthWad).toBeNull();
  });

  it('no debt, already under 1, no threshold', () => {
    expect(liquidationDistance({ ...loop, debtBase: 0n, healthFactorWad: 2n ** 256n - 1n }).status).toBe('no-debt');
    const under = liquidationDistance({ ...loop, healthFactorWad: WAD - 1n });
    expect([under.status, under.distanceWad, under.liquidationPriceEthWad]).toEqual(['liquidatable', 0n, 1_070_000_000_000_000_000n]);
    expect(liquidationDistance({ ...loop, liquidationThresholdBps: 0n }).status).toBe('not-collateral');
  });

  it('a health factor of exactly 1.05 with one collateral is 1 − 1/1.05 = 4.7619…% away', () => {
    const d = liquidationDistance({ ...loop, healthFactorWad: 1_050_000_000_000_000_000n, debtBase: (usd(32_100n) * 9500n) / 10_500n });
    // debt = 30,495 / 1.05 = 29,042.857… USD (rounded down to the 1e-8 USD unit), so d* ≈ 0.05 / 1.05.
    expect(Number(d.distanceWad) / 1e18).toBeCloseTo(0.05 / 1.05, 9);
  });
});

describe('liquidationSentence', () => {
  it('says which pricing applies and the distance, rounded down', () => {
    const d = liquidationDistance(loop);
    expect(liquidationSentence('weETH', 'exchange-rate', d)).toBe(
      'A market depeg alone does not move this health factor (Aave prices weETH by its exchange rate); a fall of the exchange rate itself (a slash, a loss in the protocol’s books) of 21.29% would liquidate (Aave’s price 0.8422 ETH per weETH).',
    );
    expect(liquidationSentence('rsETH', 'market', d)).toBe('A market discount of 21.29% liquidates (Aave’s price 0.8422 ETH per rsETH).');
    expect(liquidationSentence('WETH', 'eth-usd', d)).toMatch(/ETH itself/);
    expect(liquidationSentence('weETH', 'exchange-rate', liquidationDistance({ ...loop, debtBase: 0n }))).toBe(
      'No debt: nothing to liquidate.',
    );
  });
});
