import { decodeFunctionData, encodeFunctionData, type Abi } from 'viem';
import { describe, expect, it } from 'vitest';
import { uniswapQuoterV2Abi } from '../chain/abis';
import { L2_CHAINS, l2PoolsOf, type TokenRate } from '../restaking/l2';
import { l2Depeg, l2QuotePlan } from './l2-depeg';

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
  it('plans one 1-token QuoterV2 read per listed pool: 1 on Arbitrum, 2 on Base, none on Linea', () => {
    expect(l2QuotePlan(42161).calls).toHaveLength(1);
    expect(l2QuotePlan(8453).calls).toHaveLength(2);
    expect(l2QuotePlan(59144).calls).toHaveLength(0);
    const [call] = l2QuotePlan(42161).calls;
    const data = decodeFunctionData({ abi: uniswapQuoterV2Abi, data: encode(call!) });
    expect(data.args[0]).toMatchObject({ amountIn: WAD, fee: 100, tokenIn: L2_CHAINS[42161].tokens[0]!.address });
  });

  it('turns the results into quotes; a failed read is a reason, a token without a pool says so', () => {
    const plan = l2QuotePlan(8453);
    const quotes = plan.quotes([
      { status: 'success', result: [995n * 10n ** 15n, 0n, 1, 0n] },
      { status: 'failure', error: new Error('execution reverted: Quoter: no market\nmore') },
    ]);
    expect(quotes.get('wstETH')).toEqual({ valueEth: 995n * 10n ** 15n, source: `uniswap-v3:${pool.pool} via QuoterV2` });
    expect(quotes.get('cbETH')).toEqual({ error: 'uniswap-v3 quote: execution reverted: Quoter: no market' });
    expect((quotes.get('weETH') as { error: string }).error).toMatch(/^no pool listed for weETH here/);
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
