import { describe, expect, it } from 'vitest';
import { FEE_CAPS, feeFlags } from './fee-caps';
import { checkFeeEdit, gweiText, parseGweiText } from './fee-edit';
import { formatUsd } from './fee-usd';
import { feeCost, feeMarketOf, plannedBaseFee, presetFee, quoteCost, type FeeHistory, type FeeMarket } from './fees';

const gwei = (n: number | string) => parseGweiText(String(n))!;

/**
 * A fixed eth_feeHistory answer (5 blocks, percentiles 10/50/90). Every expected number below is worked
 * out by hand from it, not taken from the code:
 * - next base fee: the last baseFeePerGas entry, 15 gwei;
 * - trend: mean fullness of the last 5 blocks (0.9 + 0.8 + 0 + 0.7 + 0.6) / 5 = 0.6 > ½, so each block
 *   raises the base fee by 1 + (0.6 − 0.5)/4 = 1.025; three blocks ahead: 15 × 1.025³ = 15 × 1.076890625
 *   = 16.153359375 gwei;
 * - priority percentiles over the 4 non-empty blocks (block 2 is empty), lower median (2nd of 4 sorted):
 *   p10 of [1, 0.5, 2, 1] → 1; p50 of [2, 1.5, 3, 2.5] → 2; p90 of [5, 3, 8, 4] → 4 gwei.
 */
const HISTORY: FeeHistory = {
  oldestBlock: 100n,
  baseFeePerGas: [10, 11, 12, 13, 14, 15].map(gwei),
  gasUsedRatio: [0.9, 0.8, 0, 0.7, 0.6],
  reward: [
    [gwei(1), gwei(2), gwei(5)],
    [gwei('0.5'), gwei('1.5'), gwei(3)],
    [0n, 0n, 0n],
    [gwei(2), gwei(3), gwei(8)],
    [gwei(1), gwei('2.5'), gwei(4)],
  ],
};
const MARKET = feeMarketOf(HISTORY, gwei(20));

describe('the fee market from eth_feeHistory', () => {
  it('reads the next base fee, plans for the rising trend and takes the percentile medians of non-empty blocks', () => {
    expect(MARKET).toEqual({
      eip1559: true,
      nextBaseFee: 15_000_000_000n,
      plannedBaseFee: 16_153_359_375n,
      priority: [1_000_000_000n, 2_000_000_000n, 4_000_000_000n],
      gasPrice: 20_000_000_000n,
      blocks: 5,
    });
  });

  it('never plans for a falling or flat base fee', () => {
    expect(plannedBaseFee(gwei(15), [0.1, 0.2, 0.5])).toBe(gwei(15));
    expect(plannedBaseFee(gwei(15), [])).toBe(gwei(15));
  });

  it('full blocks raise it 12.5 % a block: 8 gwei × 1.125³ = 11.390625 gwei', () => {
    expect(plannedBaseFee(gwei(8), [1, 1, 1, 1, 1])).toBe(11_390_625_000n);
  });

  it('a chain without base fees is legacy', () => {
    const market = feeMarketOf({ oldestBlock: 0n, baseFeePerGas: [0n, 0n], gasUsedRatio: [0.5], reward: [[1n, 2n, 3n]] }, gwei(20));
    expect(market.eip1559).toBe(false);
    expect(presetFee(market, 'slow', 'eip1559')).toEqual({ type: 'legacy', gasPrice: gwei(20) });
    expect(presetFee(market, 'normal', 'eip1559')).toEqual({ type: 'legacy', gasPrice: gwei(22) });
    expect(presetFee(market, 'fast', 'eip1559')).toEqual({ type: 'legacy', gasPrice: gwei(25) });
  });
});

describe('presets', () => {
  it('EIP-1559: max fee = 2 × 16.153359375 + the percentile tip', () => {
    expect(presetFee(MARKET, 'slow', 'eip1559')).toEqual({ type: 'eip1559', maxFeePerGas: 33_306_718_750n, maxPriorityFeePerGas: gwei(1) });
    expect(presetFee(MARKET, 'normal', 'eip1559')).toEqual({
      type: 'eip1559',
      maxFeePerGas: 34_306_718_750n,
      maxPriorityFeePerGas: gwei(2),
    });
    expect(presetFee(MARKET, 'fast', 'eip1559')).toEqual({ type: 'eip1559', maxFeePerGas: 36_306_718_750n, maxPriorityFeePerGas: gwei(4) });
  });

  it('legacy on an EIP-1559 chain: planned base + one block of rise (÷8, rounded up) + tip', () => {
    // 16,153,359,375 / 8 = 2,019,169,921.875 → 2,019,169,922; sum 18,172,529,297.
    expect(presetFee(MARKET, 'slow', 'legacy')).toEqual({ type: 'legacy', gasPrice: 19_172_529_297n });
    expect(presetFee(MARKET, 'fast', 'legacy')).toEqual({ type: 'legacy', gasPrice: 22_172_529_297n });
  });
});

describe('cost', () => {
  const normal = presetFee(MARKET, 'normal', 'eip1559');

  it('likely = estimate × (next base + tip), at most = limit × max fee', () => {
    // 80,000 × 17 gwei = 0.00136 ETH; 100,000 × 34.30671875 gwei = 0.003430671875 ETH.
    expect(feeCost(normal, MARKET, 100_000n, 80_000n)).toEqual({ likely: 1_360_000_000_000_000n, max: 3_430_671_875_000_000n });
  });

  it('likely never exceeds the max fee per gas', () => {
    const tight = { type: 'eip1559', maxFeePerGas: gwei(16), maxPriorityFeePerGas: gwei(2) } as const;
    expect(feeCost(tight, MARKET, 21_000n).likely).toBe(21_000n * gwei(16));
  });

  it('a legacy price is paid in full', () => {
    expect(feeCost({ type: 'legacy', gasPrice: gwei(10) }, MARKET, 21_000n)).toEqual({
      likely: 210_000_000_000_000n,
      max: 210_000_000_000_000n,
    });
  });

  it('in dollars at $3,000.00 (8 decimals): $4.08 likely, $10.292015625 → $10.30 at most (rounded up)', () => {
    const ethUsd = { answer: '300000000000', decimals: 8 };
    expect(formatUsd(1_360_000_000_000_000n, ethUsd)).toBe('$4.08');
    expect(formatUsd(3_430_671_875_000_000n, ethUsd)).toBe('$10.30');
    expect(formatUsd(1n, ethUsd)).toBe('$0.01');
  });

  it('a batch adds up per call, and the total is value + max fee', () => {
    const cost = quoteCost({
      type: 'legacy',
      gasPrice: gwei(10).toString(),
      txs: [
        { nonce: 4, gas: '21000', value: '1000' },
        { nonce: 5, gas: '50000', gasEstimate: '40000', value: '2000' },
      ],
      market: {
        eip1559: true,
        nextBaseFee: '1',
        plannedBaseFee: '1',
        priority: ['0', '0', '0'],
        gasPrice: '1',
        blocks: 1,
        newestBlock: '1',
        pendingNonce: 4,
      },
    });
    // likely 21,000 × 10 + 40,000 × 10 gwei = 610,000 gwei; max 710,000 gwei; total adds 3,000 wei of value.
    expect(cost.likely).toBe(610_000n * gwei(1));
    expect(cost.max).toBe(710_000n * gwei(1));
    expect(cost.total).toBe(710_000n * gwei(1) + 3_000n);
    expect(cost.gasUnknown).toBe(false);
  });
});

describe('caps', () => {
  const flagIds = (fee: Parameters<typeof feeFlags>[0]['fee'], market: FeeMarket = MARKET, maxCost = 0n, value = 0n) =>
    feeFlags({ fee, market, maxCost, value }).map((f) => f.id);
  const eip1559 = (max: number | string, tip: number | string) =>
    ({ type: 'eip1559', maxFeePerGas: gwei(max), maxPriorityFeePerGas: gwei(tip) }) as const;

  it('priority: above 3 × p90 (12 gwei) and above 10 gwei is danger; exactly 12 is not', () => {
    expect(flagIds(eip1559(40, 12))).toEqual([]);
    expect(flagIds(eip1559(40, '12.000000001'))).toEqual(['fee.priority-high']);
  });

  it('priority: the 10 gwei floor keeps a small tip unflagged on a chain whose percentiles are near zero', () => {
    const quiet = { ...MARKET, nextBaseFee: gwei(1), priority: [0n, 0n, gwei('0.1')] as const };
    expect(flagIds(eip1559(20, 10), quiet)).toEqual([]);
    expect(flagIds(eip1559(20, 11), quiet)).toEqual(['fee.priority-high']);
  });

  it('priority: above 100 gwei is danger even when the node reports 1,000 gwei percentiles', () => {
    const lying = { ...MARKET, priority: [gwei(1000), gwei(1000), gwei(1000)] as const };
    const fee = presetFee(lying, 'normal', 'eip1559');
    expect(fee).toMatchObject({ maxPriorityFeePerGas: gwei(1000) });
    expect(flagIds(fee, lying)).toEqual(['fee.priority-high', 'fee.max-above-base']);
    const [flag] = feeFlags({ fee, market: lying, maxCost: 0n, value: 0n });
    expect(flag?.numbers).toMatchObject({ 'priority fee': '1,000 gwei', '90th percentile, last 5 blocks': '1,000 gwei' });
  });

  it('priority counts only what the max fee leaves above the base fee', () => {
    // max 20, base 15: at most 5 gwei of the declared 50 gwei tip can be paid.
    expect(flagIds(eip1559(20, 50))).toEqual([]);
  });

  it('a legacy gas price pays everything above the base fee as priority', () => {
    expect(flagIds({ type: 'legacy', gasPrice: gwei(27) })).toEqual([]);
    expect(flagIds({ type: 'legacy', gasPrice: gwei('27.000000001') })).toEqual(['fee.priority-high']);
  });

  it('max fee: above 4 × the next base fee (60 gwei) and above 50 gwei', () => {
    expect(flagIds(eip1559(60, 2))).toEqual([]);
    expect(flagIds(eip1559('60.000000001', 2))).toEqual(['fee.max-above-base']);
    const low = { ...MARKET, nextBaseFee: gwei(1) };
    // The MetaMask test dApp's 10 gwei max fee at a 1 gwei base fee: 10× the base, but under the floor.
    expect(flagIds(eip1559(10, 1), low)).toEqual([]);
    expect(flagIds(eip1559(51, 1), low)).toEqual(['fee.max-above-base']);
  });

  it('share of value: above 10 % of the value, from 0.001 ETH of fee', () => {
    const fee = eip1559(40, 2);
    const value = 10n ** 16n; // 0.01 ETH
    expect(flagIds(fee, MARKET, 10n ** 15n, value)).toEqual([]); // exactly 10 %
    expect(flagIds(fee, MARKET, 11n * 10n ** 14n, value)).toEqual(['fee.share-of-value']);
    const [flag] = feeFlags({ fee, market: MARKET, maxCost: 11n * 10n ** 14n, value });
    expect(flag?.numbers.share).toBe('11%');
    // A dust transfer: the fee is 21,000 times the value but under 0.001 ETH.
    expect(flagIds(fee, MARKET, 21_000n * gwei(10), 1n)).toEqual([]);
    expect(FEE_CAPS.valueShareFloor).toBe(10n ** 15n);
  });
});

describe('the user’s fee', () => {
  it('reads gwei text exactly and writes it back', () => {
    expect(parseGweiText('1.5')).toBe(1_500_000_000n);
    expect(parseGweiText('0.000000001')).toBe(1n);
    expect(parseGweiText('1.0000000001')).toBeUndefined();
    expect(parseGweiText('-1')).toBeUndefined();
    expect(parseGweiText('1e3')).toBeUndefined();
    expect(gweiText(34_306_718_750n)).toBe('34.30671875');
  });

  it('names each field that cannot be signed', () => {
    expect(checkFeeEdit(eip(40, 2), 21_000n, 0, MARKET)).toEqual({});
    expect(Object.keys(checkFeeEdit(eip(10, 2), 21_000n, 0, MARKET))).toEqual(['maxFee']); // below the 15 gwei base fee
    expect(Object.keys(checkFeeEdit(eip(40, 41), 21_000n, 0, MARKET))).toEqual(['priorityFee']);
    expect(Object.keys(checkFeeEdit(eip(40, 2), 20_999n, -1, MARKET))).toEqual(['gas', 'nonce']);
  });
  function eip(max: number, tip: number) {
    return { type: 'eip1559', maxFeePerGas: gwei(max), maxPriorityFeePerGas: gwei(tip) } as const;
  }
});
