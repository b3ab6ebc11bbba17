import { describe, expect, test } from 'vitest';
import { getAddress, type Address } from 'viem';
import type { PendleMarket } from '../../restaking/deployments';
import { rateBook, revert, runReader, type Answer } from './fake-chain.test-helper';
import { impliedApy, pendleReader } from './pendle';

const alice: Address = '0x00000000000000000000000000000000000A11cE';
const E = 10n ** 18n;
const DAY = 86_400n;
const market: PendleMarket = {
  label: 'PT-weETH',
  market: getAddress('0x9e4d000000000000000000000000000000000001'),
  pt: getAddress('0x9e47000000000000000000000000000000000001'),
  asset: 'weETH',
};
const now = 1_800_000_000n;
const expiry = now + 90n * DAY;
// 1.035^(-90/365) = 0.991553… (zero-coupon price for a 3.5 % fixed APY over 90 days), rounded to 1e-12.
const ptRate = BigInt(Math.round(Math.pow(1.035, -90 / 365) * 1e12)) * 10n ** 6n;
const rates = rateBook({ weETH: { fair: 1_070_000_000_000_000_000n, market: 1_060_000_000_000_000_000n } });

const chain =
  (balance: bigint, rate: () => bigint = () => ptRate): Answer =>
  (c) =>
    c.functionName === 'getPtToAssetRate'
      ? rate()
      : c.functionName === 'expiry'
        ? expiry
        : c.functionName === 'balanceOf'
          ? balance
          : revert();

describe('pendleReader', () => {
  test('value = amount × getPtToAssetRate / 1e18 × the asset fair rate; maturity and implied APY', () => {
    const { positions } = runReader(pendleReader([market]), [alice], chain(10n * E), rates, now);
    const p = positions[0]!;
    const assetAmount = (10n * E * ptRate) / E;
    expect(p).toMatchObject({
      family: 'pendle-pt',
      status: 'ok',
      amount: 10n * E,
      fairValueEth: (assetAmount * 1_070_000_000_000_000_000n) / E,
    });
    expect(p.marketValueEth).toBe(p.fairValueEth);
    expect(p.details).toMatchObject({
      maturity: String(expiry),
      secondsToMaturity: String(90n * DAY),
      matured: 'false',
      faceValueEth: String(10_700_000_000_000_000_000n),
    });
    expect(Number(p.details.impliedApy)).toBeCloseTo(0.035, 9);
  });

  test('impliedApy: 0.95 for one year is 1/0.95 − 1; matured gives null', () => {
    expect(impliedApy(950_000_000_000_000_000n, 365n * DAY)).toBeCloseTo(1 / 0.95 - 1, 12);
    expect(impliedApy(E, 0n)).toBeNull();
  });

  test('a devnet-only market with no code is skipped; a listed one that fails is reported', () => {
    const broken: Answer = () => revert('returned no data ("0x")');
    expect(runReader(pendleReader([{ ...market, devnetOnly: true }]), [alice], broken, rates, now).positions).toEqual([]);
    const failed = runReader(pendleReader([market]), [alice], broken, rates, now).positions;
    expect(failed).toEqual([expect.objectContaining({ status: 'failed', error: expect.stringMatching(/PT balanceOf/) })]);
    const noRate = runReader(
      pendleReader([{ ...market, devnetOnly: true }]),
      [alice],
      chain(E, () => revert('oracle: cardinality')),
      rates,
      now,
    ).positions;
    expect(noRate).toEqual([expect.objectContaining({ status: 'failed', amount: E, error: expect.stringMatching(/cardinality/) })]);
  });
});
