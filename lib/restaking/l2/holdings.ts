import type { Address } from 'viem';
import { chainlinkAggregatorAbi, erc20Abi, kelpRateReceiverAbi, multicall3Abi } from '../../chain/abis';
import { MULTICALL3 } from '../addresses';
import { fairRatePlan, type MulticallResult, type ReadFairRatesReturnType } from '../read-fair-rates';
import { RESTAKING_SYMBOLS, RESTAKING_TOKENS } from '../tokens';
import type { ContractRead, RestakingSymbol } from '../types';
import { l2AavePlan, type L2AaveRead } from './aave-reads';
import { L2_CHAINS, type L2ChainId, type L2Token, type RateSource } from './registry';

/**
 * Holdings per chain (issue #18, item 3), the pure half: which reads one Multicall3 batch carries on a chain, and how
 * its results become a ChainHoldings. read-chain-holdings.ts sends the batch.
 */

export type HoldingsChainId = 1 | L2ChainId;

/** Where a token's rate on this chain comes from: the protocol on Ethereum, or the L2 rate source of the registry. */
export type RateRef =
  { kind: 'l1-fair-rate'; description: string } | { kind: RateSource['kind']; address: Address; description: string; reference: string };

export type TokenRate =
  { ok: true; rate: bigint; updatedAt: bigint | null; source: RateRef } | { ok: false; error: string; source: RateRef };

export type TokenHoldings = {
  /** The token's symbol on this chain (wrsETH on Base is its own token). */
  symbol: string;
  l1Symbol: RestakingSymbol;
  address: Address;
  /** One per account, in the order of ChainHoldings.accounts; null where balanceOf failed. */
  balances: (bigint | null)[];
  /** 1e18-scaled ETH per token here; updatedAt (unix s) where the source stamps it (L2 rate sources). */
  rate: TokenRate;
  /** Σ balances × rate, null when the rate or a balance could not be read. */
  valueEth: bigint | null;
};

export type ChainHoldings = {
  chainId: HoldingsChainId;
  accounts: readonly Address[];
  blockNumber: bigint;
  /** The block's timestamp (Multicall3.getCurrentBlockTimestamp, same batch): the "now" of a rate-lag check. */
  timestamp: bigint;
  /** Native ETH per account, null where the read failed. */
  eth: (bigint | null)[];
  tokens: TokenHoldings[];
  /** Ethereum only: the fair rate of every registry token, as readFairRates gives it (the L1 side of a rate-lag check). */
  fairRates?: ReadFairRatesReturnType;
  /** ETH plus every token value that could be read. */
  totalEth: bigint;
  /** What totalEth leaves out, one line each ("weETH: rate: …"). */
  unvalued: string[];
  /** An L2 with Aave v3: the accounts' Aave reads from the same batch (aave-reads.ts); not counted in totalEth. */
  aave?: L2AaveRead;
  /** The results of the caller's extra reads (e.g. pool quotes), in their order, from the same Multicall3 request. */
  extra?: readonly MulticallResult[];
};

const ONE = 10n ** 18n;
type Results = readonly MulticallResult[];
const read = (address: Address, abi: ContractRead['abi'], functionName: string, args: readonly unknown[] = []): ContractRead => ({
  address,
  abi,
  functionName,
  args,
});
const errorOf = (r: MulticallResult | undefined) => r?.error?.message.split('\n')[0] ?? 'call failed';
const okBig = (r: MulticallResult | undefined): bigint | null => (r?.status === 'success' ? (r.result as bigint) : null);

export type HoldingsPlan = { multicall3: Address; calls: ContractRead[]; decode(results: Results): ChainHoldings };

type TokenRow = { symbol: string; l1Symbol: RestakingSymbol; address: Address };
type RatePart = { calls: ContractRead[]; decode(results: Results): Map<string, TokenRate> };

/**
 * The batch of one chain: block number and time, ETH of each account, balanceOf of every token × account, the rates,
 * then `extra` (reads a higher layer wants in the same request, e.g. the tracker's pool quotes) whose raw results come
 * back in ChainHoldings.extra.
 */
export function holdingsPlan(chainId: HoldingsChainId, accounts: readonly Address[], extra: readonly ContractRead[] = []): HoldingsPlan {
  const l2 = chainId === 1 ? undefined : L2_CHAINS[chainId];
  const multicall3 = l2 ? l2.multicall3.address : MULTICALL3;
  const rows: TokenRow[] = l2
    ? l2.tokens.map((t) => ({ symbol: t.symbol, l1Symbol: t.l1Symbol, address: t.address }))
    : RESTAKING_SYMBOLS.map((s) => ({ symbol: s, l1Symbol: s, address: RESTAKING_TOKENS[s].address }));
  const rates = l2 ? l2RatePart(l2.tokens) : l1RatePart();
  const head = [
    read(multicall3, multicall3Abi, 'getBlockNumber'),
    read(multicall3, multicall3Abi, 'getCurrentBlockTimestamp'),
    ...accounts.map((a) => read(multicall3, multicall3Abi, 'getEthBalance', [a])),
  ];
  const balances = rows.flatMap((t) => accounts.map((a) => read(t.address, erc20Abi, 'balanceOf', [a])));
  const aave = l2 ? l2AavePlan(l2.chainId, accounts) : undefined;
  const calls = [...head, ...balances, ...rates.calls, ...(aave?.calls ?? []), ...extra];
  const ratesAt = head.length + balances.length;
  const aaveAt = ratesAt + rates.calls.length;
  const extraAt = aaveAt + (aave?.calls.length ?? 0);

  const decode = (results: Results): ChainHoldings => {
    const [blockNumber, timestamp] = [okBig(results[0]), okBig(results[1])];
    if (blockNumber === null || timestamp === null)
      throw new Error(`Multicall3 at ${multicall3} did not give the block: ${errorOf(results[0])}`);
    const eth = accounts.map((_, i) => okBig(results[2 + i]));
    const balanceResults = results.slice(head.length, head.length + balances.length);
    const rateMap = rates.decode(results.slice(ratesAt, aaveAt));
    const unvalued: string[] = eth.flatMap((e, i) => (e === null ? [`ETH of ${accounts[i]}: ${errorOf(results[2 + i])}`] : []));
    let totalEth = eth.reduce<bigint>((sum, e) => sum + (e ?? 0n), 0n);
    const tokens = rows.map((t, ti): TokenHoldings => {
      const mine = balanceResults.slice(ti * accounts.length, (ti + 1) * accounts.length);
      const held = mine.map(okBig);
      const rate = rateMap.get(t.symbol)!;
      const failed = held.findIndex((b) => b === null);
      if (failed !== -1) unvalued.push(`${t.symbol}: balanceOf(${accounts[failed]}): ${errorOf(mine[failed])}`);
      if (!rate.ok && held.some((b) => b !== null && b > 0n)) unvalued.push(`${t.symbol}: rate: ${rate.error}`);
      const amount = held.reduce<bigint>((sum, b) => sum + (b ?? 0n), 0n);
      const valueEth = rate.ok && failed === -1 ? (amount * rate.rate) / ONE : null;
      totalEth += rate.ok ? (amount * rate.rate) / ONE : 0n;
      return { ...t, balances: held, rate, valueEth };
    });
    const fairRates = l2 ? undefined : (rates as ReturnType<typeof l1RatePart>).fairRates;
    return {
      chainId,
      accounts,
      blockNumber,
      timestamp,
      eth,
      tokens,
      fairRates,
      totalEth,
      unvalued,
      ...(aave ? { aave: aave.decode(results.slice(aaveAt, extraAt)) } : {}),
      ...(extra.length ? { extra: results.slice(extraAt) } : {}),
    };
  };
  return { multicall3, calls, decode };
}

/** Ethereum: every registry token's fair rate, through the reads readFairRates makes. */
function l1RatePart(): RatePart & { fairRates?: ReadFairRatesReturnType } {
  const { calls, decode } = fairRatePlan(RESTAKING_SYMBOLS);
  const part: RatePart & { fairRates?: ReadFairRatesReturnType } = {
    calls,
    decode(results) {
      const fair = decode(results);
      part.fairRates = fair;
      return new Map(
        RESTAKING_SYMBOLS.map((s) => {
          const r = fair[s]!;
          const source: RateRef = { kind: 'l1-fair-rate', description: r.source };
          return [s, r.ok ? { ok: true, rate: r.rate, updatedAt: null, source } : { ok: false, error: r.error, source }];
        }),
      );
    },
  };
  return part;
}

/** An L2: each token's rate source (two reads each, shared by tokens on one source). */
function l2RatePart(tokens: readonly L2Token[]): RatePart {
  const sources = [...new Map(tokens.map((t) => [t.rateSource.address, t.rateSource])).values()];
  const calls = sources.flatMap((s) =>
    s.kind === 'kelp-rate-receiver'
      ? [read(s.address, kelpRateReceiverAbi, 'getRate'), read(s.address, kelpRateReceiverAbi, 'lastUpdated')]
      : [read(s.address, chainlinkAggregatorAbi, 'latestRoundData'), read(s.address, chainlinkAggregatorAbi, 'decimals')],
  );
  return {
    calls,
    decode(results) {
      const bySource = new Map(sources.map((s, i) => [s.address, decodeRate(s, results[2 * i], results[2 * i + 1])]));
      return new Map(tokens.map((t) => [t.symbol, bySource.get(t.rateSource.address)!]));
    },
  };
}

/** One rate source's two results → 1e18-scaled ETH per token and its update time. */
export function decodeRate(s: RateSource, first: MulticallResult | undefined, second: MulticallResult | undefined): TokenRate {
  const source: RateRef = { kind: s.kind, address: s.address, description: s.returns, reference: s.source };
  const bad = [first, second].find((r) => r?.status !== 'success');
  if (bad) return { ok: false, error: errorOf(bad), source };
  if (s.kind === 'kelp-rate-receiver') return { ok: true, rate: first!.result as bigint, updatedAt: second!.result as bigint, source };
  const [, answer, , updatedAt] = first!.result as readonly [bigint, bigint, bigint, bigint, bigint];
  const decimals = Number(second!.result);
  if (answer <= 0n) return { ok: false, error: `latestRoundData answered ${answer}: no usable rate`, source };
  const rate = decimals <= 18 ? answer * 10n ** BigInt(18 - decimals) : answer / 10n ** BigInt(decimals - 18);
  return { ok: true, rate, updatedAt, source };
}
