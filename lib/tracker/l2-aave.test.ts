import { getAddress, maxUint256, type Address } from 'viem';
import { describe, expect, test } from 'vitest';
import { L2_AAVE_MARKETS, l2AavePlan, type L2AaveRead } from '../restaking/l2';
import type { MulticallResult } from '../restaking/read-fair-rates';
import { chainAave } from './l2-aave';

const WAD = 10n ** 18n;
const a1 = getAddress('0x00000000000000000000000000000000000000a1');
const a2 = getAddress('0x00000000000000000000000000000000000000a2');
const market = L2_AAVE_MARKETS[8453]!;
const ok = (result: unknown): MulticallResult => ({ status: 'success', result });
const fail = (message: string): MulticallResult => ({ status: 'failure', error: new Error(message) });
// LTV 7750, LT 8000, bonus 10700, 18 decimals.
const config = 7750n | (8000n << 16n) | (10700n << 32n) | (18n << 48n);

/** The results of Base's plan for [a1, a2], in its order: a1 has 10 weETH and HF 1.25 in e-mode 7; a2 has nothing. */
function results(over: { account?: MulticallResult; weethPrice?: MulticallResult } = {}): MulticallResult[] {
  const out: MulticallResult[] = [];
  market.reserves.forEach((r, id) => {
    out.push(ok({ configuration: config, id, aTokenAddress: r.aToken }));
    out.push(r.symbol === 'weETH' ? (over.weethPrice ?? ok(3_150n * 10n ** 8n)) : ok(3_000n * 10n ** 8n));
    out.push(ok(r.symbol === 'weETH' ? 10n * WAD : 0n), ok(0n));
  });
  // a1: collateral 31500 USD, debt 23940 USD (7.98 WETH), HF = 31500 × 0.95 / 23940 = 1.25.
  out.push(over.account ?? ok([31_500n * 10n ** 8n, 23_940n * 10n ** 8n, 0n, 9500n, 9300n, (125n * WAD) / 100n]), ok(7n));
  out.push(ok([0n, 0n, 0n, 0n, 0n, maxUint256]), ok(0n));
  for (const id of market.eModeIds) {
    const weethBit = 1n << BigInt(market.reserves.findIndex((r) => r.symbol === 'weETH'));
    out.push(ok({ ltv: 9300, liquidationThreshold: 9500, liquidationBonus: 10100 }), ok(id === 7 ? weethBit : 0n));
  }
  return out;
}

const decode = (r: MulticallResult[]): L2AaveRead => l2AavePlan(8453, [a1, a2])!.decode(r);

describe('L2 Aave plan and positions', () => {
  test('the plan reads every reserve (data, price, a balance per account), each account, each listed e-mode', () => {
    const plan = l2AavePlan(8453, [a1, a2])!;
    const n = market.reserves.length;
    expect(plan.calls).toHaveLength(n * 4 + 2 * 2 + market.eModeIds.length * 2);
    expect(plan.calls.slice(0, 4).map((c) => c.functionName)).toEqual(['getReserveData', 'getAssetPrice', 'balanceOf', 'balanceOf']);
    expect(plan.calls.at(-1)).toMatchObject({ functionName: 'getEModeCategoryCollateralBitmap', args: [market.eModeIds.at(-1)] });
    expect(plan.calls.filter((c) => c.functionName === 'getAssetPrice').every((c) => c.address === market.oracle)).toBe(true);
  });

  test('a loop: HF, debt in ETH, collateral value and the e-mode distance 1 − 1/HF (one collateral), computed here by hand', () => {
    const aave = chainAave(decode(results()));
    expect(aave.status).toBe('ok');
    expect(aave.positions.map((p) => p.account)).toEqual([a1]);
    const p = aave.positions[0]!;
    expect(p).toMatchObject({ status: 'ok', eModeId: 7, healthFactorWad: (125n * WAD) / 100n });
    expect(p.debtEth).toBe((23_940n * 10n ** 8n * WAD) / (3_000n * 10n ** 8n));
    const c = p.collaterals[0]!;
    expect(c).toMatchObject({ symbol: 'weETH', amount: 10n * WAD, valueEth: (10n * 3_150n * WAD) / 3_000n });
    // (HF − 1) × debt / (C × LT) = 0.25 × 23940 / (31500 × 0.95) = 0.2 exactly.
    expect(c.liquidation).toMatchObject({
      pricedBy: 'exchange-rate',
      liquidationThresholdAppliedBps: '9500',
      liquidationThresholdFrom: 'e-mode 7',
      liquidationDistanceWad: String((2n * WAD) / 10n),
    });
  });

  test('getUserAccountData failing makes the market failed, the position unknown (no HF), never dropped', () => {
    const aave = chainAave(decode(results({ account: fail('execution reverted\nmore') })));
    expect(aave.status).toBe('failed');
    expect(aave.error).toBe('getUserAccountData: execution reverted');
    const p = aave.positions.find((x) => x.account === a1)!;
    expect(p).toMatchObject({ status: 'failed', healthFactorWad: null, debtEth: null });
    expect(p.collaterals[0]!.liquidation.liquidationError).toMatch(/getUserAccountData/);
    expect(p.collaterals[0]!.liquidation.liquidationDistanceWad).toBeUndefined();
  });

  test('a missing oracle price leaves the distance unknown with the reason', () => {
    const aave = chainAave(decode(results({ weethPrice: fail('Oracle: rate source failed') })));
    const c = aave.positions[0]!.collaterals[0]!;
    expect(c.valueEth).toBeNull();
    expect(c.liquidation.liquidationError).toBe('getAssetPrice(weETH): Oracle: rate source failed');
  });

  test('an e-mode the market does not list is named, not guessed', () => {
    const r = results();
    const at = market.reserves.length * 4;
    r[at + 1] = ok(42n);
    const c = chainAave(decode(r)).positions[0]!.collaterals[0]!;
    expect(c.liquidation.liquidationError).toMatch(/e-mode 42 is not among the categories read/);
  });

  test('with no account the batch still carries the reserves and e-modes, nothing per account', () => {
    const plan = l2AavePlan(8453, [] as Address[])!;
    expect(plan.calls).toHaveLength(market.reserves.length * 2 + market.eModeIds.length * 2);
  });
});
