import { decodeFunctionData, encodeFunctionData, type Abi } from 'viem';
import { describe, expect, it } from 'vitest';
import { uniswapQuoterV2Abi } from '../chain/abis';
import { L2_CHAINS, l2PoolsOf, type TokenRate } from '../restaking/l2';
import { l2Depeg, l2ExitValue, l2QuotePlan, type L2Quotes } from './l2-depeg';

const WAD = 10n ** 18n;
const wstethBase = L2_CHAINS[8453].tokens.find((t) => t.symbol === 'wstETH')!;
const pool = l2PoolsOf(8453, 'wstETH')[0]!;
const l2Rate = (rate: bigint): TokenRate => ({
  ok: true,
  rate,
  updatedAt: 0n,
  source: { kind: 'chainlink-exchange-rate', address: wstethBase.rateSource.address, description: '', reference: '' },
});
const l1 = (rate: bigint) => ({ ok: true as const, rate, source: 'wstETH.stEthPerToken()' });

describe('l2QuotePlan', () => {
  it('plans a QuoterV2 read per listed pool for 1 token and each exit size (10, 100, 1,000, 10,000): 5 on Arbitrum, 10 on Base, none on Linea', () => {
    expect(l2QuotePlan(42161).calls).toHaveLength(5);
    expect(l2QuotePlan(8453).calls).toHaveLength(10);
    expect(l2QuotePlan(59144).calls).toHaveLength(0);
    const amounts = l2QuotePlan(42161).calls.map((call) => {
      const data = decodeFunctionData({ abi: uniswapQuoterV2Abi, data: encode(call) });
      expect(data.args[0]).toMatchObject({ fee: 100, tokenIn: L2_CHAINS[42161].tokens[0]!.address });
      return (data.args[0] as { amountIn: bigint }).amountIn;
    });
    expect(amounts).toEqual([1n, 10n, 100n, 1_000n, 10_000n].map((n) => n * WAD));
  });

  it('turns the results into quotes; a failed read is a reason, a token without a pool says so', () => {
    const plan = l2QuotePlan(8453);
    const ok = (out: bigint) => ({ status: 'success' as const, result: [out, 0n, 1, 0n] });
    const failed = { status: 'failure' as const, error: new Error('execution reverted: Quoter: no market\nmore') };
    const quotes = plan.quotes([
      // wstETH: 1, 10, 100, 1,000 tokens answer; 10,000 reverts.
      ok(995n * 10n ** 15n),
      ok(99n * 10n ** 17n),
      ok(97n * WAD),
      ok(900n * WAD),
      failed,
      // cbETH: nothing answers.
      ...Array.from({ length: 5 }, () => failed),
    ]);
    const wsteth = quotes.get('wstETH')!;
    expect(wsteth.unit).toEqual({ valueEth: 995n * 10n ** 15n, source: `uniswap-v3:${pool.pool} via QuoterV2` });
    expect(wsteth.sized.map((s) => [s.size / WAD, 'valueEth' in s.quote ? s.quote.valueEth : s.quote.error])).toEqual([
      [10n, 99n * 10n ** 17n],
      [100n, 97n * WAD],
      [1_000n, 900n * WAD],
      [10_000n, 'uniswap-v3 quote: execution reverted: Quoter: no market'],
    ]);
    expect(quotes.get('cbETH')!.unit).toEqual({ error: 'uniswap-v3 quote: execution reverted: Quoter: no market' });
    expect((quotes.get('weETH')!.unit as { error: string }).error).toMatch(/^no pool listed for weETH here/);
    expect(quotes.get('weETH')!.sized).toEqual([]);
  });
});

describe('l2ExitValue', () => {
  const q = (out: bigint) => ({ valueEth: out, source: 'pool' });
  // ETH out per size, by hand: 1 → 0.995, 10 → 9.9, 100 → 97, 1,000 → 900; 10,000 did not answer.
  const quotes: L2Quotes = {
    unit: q(995n * 10n ** 15n),
    sized: [
      { size: 10n * WAD, quote: q(99n * 10n ** 17n) },
      { size: 100n * WAD, quote: q(97n * WAD) },
      { size: 1_000n * WAD, quote: q(900n * WAD) },
      { size: 10_000n * WAD, quote: { error: 'reverted' } },
    ],
  };

  it('prices a holding at the smallest size that covers it (the impact of selling it included)', () => {
    // 50 tokens: the 100-token quote, 97 ETH per 100 → 48.5 ETH (the 1-token price would say 49.75).
    expect(l2ExitValue(50n * WAD, quotes)).toEqual({ valueEth: 485n * 10n ** 17n, quotedSize: 100n * WAD, beyondQuotes: false });
    // Half a token: the 1-token quote → 0.4975 ETH.
    expect(l2ExitValue(WAD / 2n, quotes)).toEqual({ valueEth: 4975n * 10n ** 14n, quotedSize: WAD, beyondQuotes: false });
    // Exactly 10 tokens: the 10-token quote itself.
    expect(l2ExitValue(10n * WAD, quotes)!.valueEth).toBe(99n * 10n ** 17n);
  });

  it('above every size that answered: the largest one, and it says the impact beyond is not counted', () => {
    // 5,000 tokens, 10,000 reverted: 5,000 × 900 / 1,000 = 4,500 ETH, flagged.
    expect(l2ExitValue(5_000n * WAD, quotes)).toEqual({ valueEth: 4_500n * WAD, quotedSize: 1_000n * WAD, beyondQuotes: true });
  });

  it('no size answered: null (never a figure)', () => {
    expect(l2ExitValue(WAD, { unit: { error: 'x' }, sized: [{ size: 10n * WAD, quote: { error: 'y' } }] })).toBeNull();
  });
});

describe('l2Depeg', () => {
  const quote = { valueEth: 1_170_000_000_000_000_000n, source: `uniswap-v3:${pool.pool} via QuoterV2` };

  it('measures against the L1 fair rate when read, with the chain in the source and the flag', () => {
    const d = l2Depeg({ chainId: 8453, symbol: 'wstETH', quote, l1Fair: l1(1_200_000_000_000_000_000n), l2Rate: l2Rate(WAD) });
    expect(d).toMatchObject({ status: 'ok', fairSource: 'l1-fair-rate', fairRate: 1_200_000_000_000_000_000n, pool: pool.pool });
    expect(d.depegWad).toBe(-25_000_000_000_000_000n); // 1.17 / 1.2 − 1 = −2.5 %
    expect(d.marketSource).toBe(`uniswap-v3:${pool.pool} via QuoterV2 on Base`);
    expect(d.flag).toMatchObject({ id: 'depeg.discount', severity: 'warn', source: { contract: pool.pool } });
    expect(d.flag!.title).toContain('wstETH on Base');
  });

  it('falls back to the L2 rate source when the L1 fair rate is missing, and says so', () => {
    const d = l2Depeg({ chainId: 8453, symbol: 'wstETH', quote, l1Fair: undefined, l2Rate: l2Rate(1_170_000_000_000_000_000n) });
    expect(d).toMatchObject({ status: 'ok', fairSource: 'l2-rate-source', depegWad: 0n });
    expect(d.flag).toBeUndefined();
  });

  it('a pool that did not answer is "market price not checked" with the reason, never a depeg of 0', () => {
    const d = l2Depeg({
      chainId: 8453,
      symbol: 'wstETH',
      quote: { error: 'uniswap-v3 quote: execution reverted' },
      l1Fair: l1(WAD),
      l2Rate: l2Rate(WAD),
    });
    expect(d).toMatchObject({ status: 'not-checked', depegWad: null, marketRate: null, pool: pool.pool });
    expect(d.error).toBe('market price not checked on Base: uniswap-v3 quote: execution reverted');
  });

  it('no fair rate on either chain is not checked either', () => {
    const failed: TokenRate = { ok: false, error: 'feed reverted', source: l2Rate(WAD).source };
    const d = l2Depeg({
      chainId: 8453,
      symbol: 'wstETH',
      quote,
      l1Fair: { ok: false, error: 'rate read failed', source: 'x' },
      l2Rate: failed,
    });
    expect(d).toMatchObject({ status: 'not-checked', depegWad: null, marketRate: quote.valueEth });
    expect(d.error).toBe('no fair rate to compare with (rate read failed on Ethereum; feed reverted on Base)');
  });
});

const encode = (call: { abi: Abi; functionName: string; args: readonly unknown[] }) =>
  encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args } as never);
