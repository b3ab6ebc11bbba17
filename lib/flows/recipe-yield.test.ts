import { describe, expect, it } from 'vitest';
import type { ReadYieldReturnType, TokenYield } from '../insights/yield';
import { recipeYieldsFrom, stakedTokenOf } from './recipe-yield';

const latest = { number: 1_000n, timestamp: 1_800_000_000n };
const past = (number: bigint) => ({ number, timestamp: latest.timestamp - 30n * 86_400n });

function token(symbol: TokenYield['symbol'], windows: TokenYield['windows'], measuredOn = symbol): TokenYield {
  return { symbol, measuredOn, source: `${measuredOn}.rate()`, windows };
}
const ok = (days: number, aprWad: bigint, block: bigint) => ({
  days,
  ok: true as const,
  aprWad,
  pastRate: 10n ** 18n,
  nowRate: 10n ** 18n,
  pastBlock: past(block),
  elapsedSeconds: BigInt(days) * 86_400n,
});
const young = (days: number) => ({
  days,
  ok: false as const,
  reason: 'chain-too-young' as const,
  detail: `The chain starts less than ${days} days ago.`,
});
const pruned = (days: number) => ({ days, ok: false as const, reason: 'state-unavailable' as const, detail: `No state ${days} days ago.` });

describe('recipe → staked token', () => {
  it('reads the token from the recipe id; Pendle and unknown symbols have none', () => {
    expect(['aave:rsETH', 'curve:weETH', 'eigen:stETH', 'stake:eETH', 'pendle:0', 'aave:XYZ'].map(stakedTokenOf)).toEqual([
      'rsETH',
      'weETH',
      'stETH',
      'eETH',
      undefined,
      undefined,
    ]);
  });
});

describe('recipeYieldsFrom', () => {
  const read: ReadYieldReturnType = {
    latest,
    requests: 5,
    tokens: [
      token('rsETH', [ok(7, 4n * 10n ** 16n, 950n), ok(30, 3n * 10n ** 16n, 800n)]),
      token('weETH', [ok(7, 2n * 10n ** 16n, 950n), pruned(30)]),
      token('stETH', [young(7), young(30)], 'wstETH'),
    ],
  };

  it('takes the 30-day figure when there is one, else the 7-day one, with the blocks compared', () => {
    const [aave, curve] = recipeYieldsFrom(['aave:rsETH', 'curve:weETH'], read);
    expect(aave).toMatchObject({
      recipeId: 'aave:rsETH',
      symbol: 'rsETH',
      status: 'measured',
      aprWad: '30000000000000000',
      windowDays: 30,
      fromBlock: '800',
      toBlock: '1000',
      source: 'rsETH.rate()',
    });
    expect(aave?.excludes).toMatch(/Aave's supply interest/);
    expect(curve).toMatchObject({ status: 'measured', aprWad: '20000000000000000', windowDays: 7, fromBlock: '950' });
    expect(curve?.excludes).toMatch(/Curve fees/);
  });

  it('says "unknown" with the shortest window’s reason when no window has a figure, and names the measured wrapper', () => {
    const [eigen] = recipeYieldsFrom(['eigen:stETH'], read);
    expect(eigen).toMatchObject({
      status: 'unknown',
      reason: 'chain too young',
      detail: 'The chain starts less than 7 days ago.',
      measuredOn: 'wstETH',
      source: 'wstETH.rate()',
    });
    expect(eigen?.aprWad).toBeUndefined();
  });

  it('Pendle has no staking APR to measure; a failed read makes every recipe unknown with the error', () => {
    const [pendle] = recipeYieldsFrom(['pendle:0'], read);
    expect(pendle).toMatchObject({ status: 'unknown', reason: 'fixed yield set by the PT price' });
    expect(pendle?.symbol).toBeUndefined();
    const failed = recipeYieldsFrom(['aave:rsETH', 'stake:rETH'], { error: new Error('HTTP 503 from the RPC') });
    expect(failed.map((y) => [y.status, y.reason])).toEqual([
      ['unknown', 'could not read the chain'],
      ['unknown', 'could not read the chain'],
    ]);
    expect(failed[0]?.detail).toMatch(/^HTTP 503 from the RPC\. Check the RPC/);
  });

  it('a token left out of the read is unknown, not zero', () => {
    const [reth] = recipeYieldsFrom(['stake:rETH'], read);
    expect(reth).toMatchObject({ status: 'unknown', reason: 'not read' });
  });
});
