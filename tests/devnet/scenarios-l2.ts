import { type Address } from 'viem';
import { L2_CHAINS, type L2Token, type RateSource } from '../../lib/restaking/l2';
import { readFairRates } from '../../lib/restaking/read-fair-rates';
import type { DevnetContext } from './context';
import { L2_DEVNET_CHAIN_IDS, type L2DevnetChainId } from './l2-devnet';
import { doubleAbi } from './seed/abi';
import { parseNumber, ScenarioInputError } from './scenarios';

/** Chain names the l2-rate-lag scenario takes (or the chain id itself). */
export const L2_CHAIN_ALIASES: Record<string, L2DevnetChainId> = { arbitrum: 42161, arb: 42161, base: 8453 };

export function parseL2Chain(input: string | undefined): L2DevnetChainId {
  const text = (input ?? '').trim().toLowerCase();
  const id = L2_CHAIN_ALIASES[text] ?? Number(text);
  if ((L2_DEVNET_CHAIN_IDS as readonly number[]).includes(id)) return id as L2DevnetChainId;
  throw new ScenarioInputError(
    `chain must be one of ${Object.keys(L2_CHAIN_ALIASES).join(', ')}, ${L2_DEVNET_CHAIN_IDS.join(', ')}; got "${input ?? ''}"`,
  );
}

export function parseL2Token(chainId: L2DevnetChainId, input: string | undefined): L2Token {
  const tokens = L2_CHAINS[chainId].tokens;
  const found = tokens.find((t) => t.symbol.toLowerCase() === (input ?? '').trim().toLowerCase());
  if (!found)
    throw new ScenarioInputError(
      `token on ${L2_CHAINS[chainId].name} must be one of ${tokens.map((t) => t.symbol).join(', ')}; got "${input ?? ''}"`,
    );
  return found;
}

/** How far behind: `fraction` under the L1 fair rate (text, exact), and/or stamped `ageSeconds` before the L2 block time. */
export type RateLag = { fraction?: string; ageSeconds?: bigint };

const UNIT_SECONDS: Record<string, bigint> = { s: 1n, m: 60n, h: 3600n, d: 86_400n };
const MAX_AGE = 365n * 86_400n;

/** "0.02" (2 % under L1), "36h" / "90m" / "2d" / "600s" (that old), or both as "0.02,36h". */
export function parseRateLag(input: string | undefined): RateLag {
  const parts = (input ?? '').split(',').map((p) => p.trim());
  const lag: RateLag = {};
  for (const part of parts) {
    const age = /^(\d{1,9})([smhd])$/.exec(part);
    if (age && lag.ageSeconds === undefined) {
      const seconds = BigInt(age[1]!) * UNIT_SECONDS[age[2]!]!;
      if (seconds < 1n || seconds > MAX_AGE) throw new ScenarioInputError(`age must be in [1s, 365d]; got "${part}"`);
      lag.ageSeconds = seconds;
    } else if (!age && lag.fraction === undefined && /^[\d.]+$/.test(part)) {
      lag.fraction = parseNumber(part, 'fraction', 0, 1);
    } else {
      throw new ScenarioInputError(
        `lag must be a fraction in (0, 1) (e.g. 0.02), an age (e.g. 36h, 90m, 2d, 600s), or both as "0.02,36h"; got "${input ?? ''}"`,
      );
    }
  }
  return lag;
}

const sourceDouble = (s: RateSource) => (s.kind === 'kelp-rate-receiver' ? 'L2RateReceiver' : 'ChainlinkAggregator');

async function readSource(ctx: DevnetContext, s: RateSource): Promise<{ rate: bigint; updatedAt: bigint }> {
  const abi = doubleAbi(sourceDouble(s));
  if (s.kind === 'kelp-rate-receiver') {
    const [rate, updatedAt] = await Promise.all(
      ['rate', 'lastUpdated'].map((functionName) => ctx.client.readContract({ address: s.address, abi, functionName }) as Promise<bigint>),
    );
    return { rate: rate!, updatedAt: updatedAt! };
  }
  const [, rate, , updatedAt] = (await ctx.client.readContract({ address: s.address, abi, functionName: 'latestRoundData' })) as bigint[];
  return { rate: rate!, updatedAt: updatedAt! };
}

/**
 * An L2 rate lags behind the L1 fair rate, as when the push from Ethereum (Chainlink's feed update, Kelp's LayerZero
 * message) stops or trails: every rate source of the token on that L2 (the registry's primary one and its
 * alternatives) gets the L1 fair rate × (1 − fraction), stamped `ageSeconds` before the L2's latest block. Tokens that
 * share the source (rsETH and wrsETH on Base) lag together; the output lists them.
 */
export async function l2RateLag(l1: DevnetContext, l2: DevnetContext, chainId: L2DevnetChainId, token: L2Token, lag: RateLag) {
  if (lag.fraction === undefined && lag.ageSeconds === undefined)
    throw new ScenarioInputError('l2-rate-lag needs a fraction, an age, or both');
  if ((await l2.client.getChainId()) !== chainId) throw new Error(`The L2 RPC ${l2.rpcUrl} is not chain ${chainId}`);
  const fair = (await readFairRates(l1.client, { symbols: [token.l1Symbol] }))[token.l1Symbol];
  if (!fair?.ok) throw new Error(`Could not read the L1 fair rate of ${token.l1Symbol}: ${fair?.error ?? 'no result'}`);
  const micros = lag.fraction === undefined ? 0n : BigInt(Math.round(Number(lag.fraction) * 1e6));
  const rate = (fair.rate * (1_000_000n - micros)) / 1_000_000n;
  const { timestamp: now } = await l2.client.getBlock({ blockTag: 'latest' });
  const updatedAt = now - (lag.ageSeconds ?? 0n);
  const sources = [token.rateSource, ...(token.altRateSources ?? [])];
  const changed = [];
  for (const s of sources) {
    const before = await readSource(l2, s);
    const abi = doubleAbi(sourceDouble(s));
    if (s.kind === 'kelp-rate-receiver') await l2.write({ address: s.address, abi, functionName: 'deliverRate', args: [rate, updatedAt] });
    else await l2.write({ address: s.address, abi, functionName: 'setAnswer', args: [rate, updatedAt] });
    const after = await readSource(l2, s);
    changed.push({
      address: s.address as Address,
      kind: s.kind,
      before: { rate: before.rate.toString(), updatedAt: before.updatedAt.toString() },
      after: { rate: after.rate.toString(), updatedAt: after.updatedAt.toString() },
    });
  }
  const shared = L2_CHAINS[chainId].tokens.filter((t) => sources.some((s) => s.address === t.rateSource.address)).map((t) => t.symbol);
  return {
    scenario: 'l2-rate-lag',
    chainId,
    chain: L2_CHAINS[chainId].name,
    token: token.symbol,
    l1Symbol: token.l1Symbol,
    l1FairRate: fair.rate.toString(),
    l1Source: fair.source,
    lag: { fraction: lag.fraction ?? '0', ageSeconds: (lag.ageSeconds ?? 0n).toString() },
    l2Rate: rate.toString(),
    updatedAt: updatedAt.toString(),
    l2BlockTime: now.toString(),
    sources: changed,
    affects: shared,
  };
}
