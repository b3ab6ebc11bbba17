import type { Client } from 'viem';
import { multicall } from 'viem/actions';
import { AppError } from '../errors';
import { MULTICALL3 } from './addresses';
import { RESTAKING_SYMBOLS, RESTAKING_TOKENS } from './tokens';
import type { ContractRead, RestakingSymbol } from './types';

const ONE = 10n ** 18n;

export type FairRateResult = { ok: true; rate: bigint; source: string } | { ok: false; error: string; source: string };
export type ReadFairRatesParameters = { symbols?: readonly RestakingSymbol[]; blockNumber?: bigint };
export type ReadFairRatesReturnType = Partial<Record<RestakingSymbol, FairRateResult>>;

/** One Multicall3 aggregate3 result, as viem's multicall returns it with allowFailure. */
export type MulticallResult = { status: 'success' | 'failure'; result?: unknown; error?: Error };

/**
 * The reads behind the fair rates of `symbols`, and how to turn their results (in the same order) into rates. Lets a
 * caller put these calls into its own Multicall3 batch (lib/restaking/l2 reads Ethereum holdings and fair rates in one).
 */
export function fairRatePlan(symbols: readonly RestakingSymbol[] = RESTAKING_SYMBOLS): {
  calls: ContractRead[];
  decode(results: readonly MulticallResult[]): ReadFairRatesReturnType;
} {
  const plan = symbols.map((symbol) => ({ symbol, reader: RESTAKING_TOKENS[symbol].fairRate }));
  const calls: ContractRead[] = plan.flatMap(({ reader }) => (reader.kind === 'calls' ? [...reader.calls] : []));
  const decode = (results: readonly MulticallResult[]): ReadFairRatesReturnType => {
    const out: ReadFairRatesReturnType = {};
    let next = 0;
    for (const { symbol, reader } of plan) {
      if (reader.kind === 'pegged') {
        out[symbol] = { ok: true, rate: ONE, source: reader.source };
        continue;
      }
      const mine = results.slice(next, next + reader.calls.length);
      next += reader.calls.length;
      const failed = mine.find((r) => r.status !== 'success');
      if (failed) {
        out[symbol] = { ok: false, error: failed.error?.message.split('\n')[0] ?? 'call failed', source: reader.source };
        continue;
      }
      out[symbol] = { ok: true, rate: reader.toRate(mine.map((r) => r.result)), source: reader.source };
    }
    return out;
  };
  return { calls, decode };
}

/**
 * Reads the fair ETH rate (1e18-scaled ETH per token) of every requested token from the protocols
 * themselves, in ONE eth_call through Multicall3 (aggregate3 with allowFailure, unchunked). A token
 * whose call reverts gets `{ ok: false }` instead of failing the whole read.
 */
export async function readFairRates(
  client: Client,
  { symbols = RESTAKING_SYMBOLS, blockNumber }: ReadFairRatesParameters = {},
): Promise<ReadFairRatesReturnType> {
  const { calls, decode } = fairRatePlan(symbols);
  let results: MulticallResult[] = [];
  if (calls.length > 0) {
    try {
      results = (await multicall(client, {
        contracts: calls as never,
        allowFailure: true,
        batchSize: 0,
        multicallAddress: MULTICALL3,
        blockNumber,
      })) as MulticallResult[];
    } catch (cause) {
      throw new AppError('Could not read token rates', {
        details: 'The RPC did not answer the Multicall3 read. Check the network settings, or that Multicall3 exists on this chain.',
        cause,
      });
    }
  }
  return decode(results);
}
