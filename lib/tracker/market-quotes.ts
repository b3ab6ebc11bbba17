import type { Address } from 'viem';
import { chainlinkAggregatorAbi, curveStableSwapAbi, uniswapQuoterV2Abi } from '../chain/abis';
import type { MarketSpec } from './token-sources';
import type { ReadCall, Reads } from './types';

type DirectMarket = Exclude<MarketSpec, { kind: 'via' }>;

/** Reads that price `amount` of `token` in ETH through one market source. */
export function quoteCalls(spec: DirectMarket, token: Address, amount: bigint, key: string): ReadCall[] {
  switch (spec.kind) {
    case 'curve':
      return [{ key, address: spec.pool, abi: curveStableSwapAbi, functionName: 'get_dy', args: [spec.i, spec.j, amount], gas: 300_000n }];
    case 'uniswap-v3':
      return [
        {
          key,
          address: spec.quoter,
          abi: uniswapQuoterV2Abi,
          functionName: 'quoteExactInputSingle',
          args: [{ tokenIn: token, tokenOut: spec.tokenOut, amountIn: amount, fee: spec.fee, sqrtPriceLimitX96: 0n }],
          gas: 1_000_000n,
        },
      ];
    case 'chainlink':
      return [
        { key: `${key}:answer`, address: spec.feed, abi: chainlinkAggregatorAbi, functionName: 'latestRoundData' },
        { key: `${key}:decimals`, address: spec.feed, abi: chainlinkAggregatorAbi, functionName: 'decimals' },
      ];
  }
}

export type Quote = { valueEth: bigint; source: string } | { error: string };

/** ETH value of `amount` from the reads `quoteCalls` planned, or why there is none. */
export function quoteValue(spec: DirectMarket, amount: bigint, reads: Reads, key: string): Quote {
  if (spec.kind === 'chainlink') {
    const answer = reads.get(`${key}:answer`);
    const decimals = reads.get(`${key}:decimals`);
    if (!answer?.ok) return { error: `Chainlink ${spec.feed}: ${answer?.error ?? 'not read'}` };
    if (!decimals?.ok) return { error: `Chainlink ${spec.feed} decimals: ${decimals?.error ?? 'not read'}` };
    const price = (answer.value as readonly bigint[])[1] ?? 0n;
    if (price <= 0n) return { error: `Chainlink ${spec.feed} answered ${price}` };
    return { valueEth: (amount * price) / 10n ** BigInt(decimals.value as number), source: `chainlink:${spec.feed}` };
  }
  const r = reads.get(key);
  if (!r?.ok) return { error: `${spec.kind} quote: ${r?.error ?? 'not read'}` };
  const out = spec.kind === 'curve' ? (r.value as bigint) : ((r.value as readonly bigint[])[0] ?? 0n);
  const where = spec.kind === 'curve' ? spec.pool : `${spec.pool} via QuoterV2`;
  return { valueEth: out, source: `${spec.kind}:${where}` };
}

/** First market that answered, in the registry's order of preference (pools before feeds). */
export function firstQuote(specs: readonly DirectMarket[], amount: bigint, reads: Reads, keyOf: (index: number) => string): Quote {
  const errors: string[] = [];
  for (const [index, spec] of specs.entries()) {
    const q = quoteValue(spec, amount, reads, keyOf(index));
    if ('valueEth' in q) return q;
    errors.push(q.error);
  }
  return { error: errors.length ? errors.join('; ') : 'no market source listed' };
}
