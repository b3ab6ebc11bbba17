import { zeroAddress, type Address } from 'viem';
import { allocationManagerAbi, delegationManagerAbi, erc20Abi, strategyAbi } from '../../chain/abis';
import { EIGEN_STRATEGIES, EIGENLAYER } from '../../restaking/addresses';
import type { LrtStructure, RateShowsSlash } from '../../restaking/lrt-structure';
import { RESTAKING_TOKENS } from '../../restaking/tokens';
import type { RestakingSymbol } from '../../restaking/types';
import { lrtLookThrough, mulWad, type LrtLookThroughReturnType, type LrtStakerPosition, type OperatorMagnitudes } from '../../risk';
import { BALANCE_READ_GAS } from '../batch-reads';
import type { ReadCall, Reads } from '../types';
import { discovered, firstDiscoveryCalls, type Coverage, type Discovered } from './discovery';
import type { EventStakers } from './event-scan';
import { queuedCalls, queuedOf } from './queued';

/**
 * The reads of an LRT look-through, in three rounds (each depends on the one before), and the views
 * built from their answers. Used by readLrtLookThrough (its own Multicall3 rounds) and by the tracker's
 * lrtExposureReader (phases 1–3 of a refresh).
 */
const WAD = 10n ** 18n;
const DM = EIGENLAYER.delegationManager;
const AM = EIGENLAYER.allocationManager;
const BEACON = EIGENLAYER.beaconChainETHStrategy;
/** LST strategies and native ETH (EigenPods: 1 share = 1 wei, reference §2.1). */
const LST = Object.entries(EIGEN_STRATEGIES) as [RestakingSymbol, Address][];
const STRATEGIES: Address[] = [...LST.map(([, s]) => s), BEACON];

export type Known = Extract<LrtStructure, { status: 'known' }>;
/** A staker and the strategies its shares are read in (every LST strategy and native ETH, or what its discovery names). */
export type StakerSpec = { staker: Address; strategies: readonly Address[]; queued?: boolean };
const specOf = (s: Known, staker: Address): StakerSpec => ({
  staker,
  strategies: strategiesOf(s),
  ...(s.queuedWithdrawals ? { queued: true } : {}),
});
const strategiesOf = (s: Known): readonly Address[] => (s.discovery.kind === 'events' ? s.discovery.strategies : STRATEGIES);
/** Event-announced stakers by LRT (the scan beside the refresh). */
export type EventLists = ReadonlyMap<RestakingSymbol, EventStakers>;
const k = {
  supply: (s: string) => `lt:supply:${s}`,
  // Same key and call as the tracker's rate book (rates.ts), so a refresh asks once.
  rate: (s: string, i: number) => `rate:${s}:${i}`,
  operator: (a: Address) => `lt:delegatedTo:${a}`,
  shares: (x: StakerSpec) => (x.strategies === STRATEGIES ? `lt:shares:${x.staker}` : `lt:shares:${x.staker}:${x.strategies.join(',')}`),
  underlying: (s: Address, shares: bigint) => `lt:underlying:${s}:${shares}`,
  max: (o: Address, s: Address) => `lt:max:${o}:${s}`,
  alloc: (o: Address, s: Address) => `lt:alloc:${o}:${s}`,
};
const val = <T>(reads: Reads, key: string): T | undefined => {
  const r = reads.get(key);
  return r?.ok ? (r.value as T) : undefined;
};
const err = (reads: Reads, key: string) => {
  const r = reads.get(key);
  return r && !r.ok ? r.error : 'not read';
};

function rateCalls(symbol: RestakingSymbol): ReadCall[] {
  const fr = RESTAKING_TOKENS[symbol].fairRate;
  if (fr.kind === 'pegged') return [];
  return fr.calls.map((c, i) => ({ ...c, key: k.rate(symbol, i), gas: c.functionName === 'calculateTVLs' ? 2_000_000n : 200_000n }));
}
function rateOf(symbol: RestakingSymbol, reads: Reads): bigint | undefined {
  const fr = RESTAKING_TOKENS[symbol].fairRate;
  if (fr.kind === 'pegged') return WAD;
  const values = fr.calls.map((_, i) => reads.get(k.rate(symbol, i)));
  return values.every((r) => r?.ok) ? fr.toRate(values.map((r) => (r as { value: unknown }).value)) : undefined;
}

export type LrtLookThroughView =
  | {
      symbol: RestakingSymbol;
      status: 'known';
      supply: bigint;
      fairRate: bigint;
      stakers: { staker: Address; operator: Address | null; ethValue: bigint }[];
      exposure: LrtLookThroughReturnType;
      rateShowsSlash: RateShowsSlash;
      /** Event-announced stakers only: how many were read and how complete the list is. */
      coverage?: Coverage;
    }
  | {
      symbol: RestakingSymbol;
      status: 'unknown';
      /** Technical: the calls and what they answered. */
      reason: string;
      /** For the user, in words: why the operators behind it are not shown. */
      plain: string;
      rateShowsSlash: RateShowsSlash;
    };

/**
 * A supply read is one storage slot behind a proxy (a cold account, a delegatecall, a cold slot: ~10k); declared as
 * an ERC-20 balance read so phase 1, the refresh's largest batch (~29.8M of its 30M), keeps room.
 */
const SUPPLY_GAS = BALANCE_READ_GAS;

/** Round 1: the LRTs' supplies and fair rates, the strategy tokens' fair rates, the staker listings. */
export function round1Calls(known: readonly Known[]): ReadCall[] {
  const rated = [...new Set<RestakingSymbol>([...known.map((s) => s.symbol), ...LST.map(([sym]) => sym)])];
  return [
    ...known.map((s): ReadCall =>
      s.supply
        ? { key: k.supply(s.symbol), address: s.supply.address, abi: s.supply.abi, functionName: s.supply.functionName, gas: SUPPLY_GAS }
        : {
            key: k.supply(s.symbol),
            address: RESTAKING_TOKENS[s.symbol].address,
            abi: erc20Abi,
            functionName: 'totalSupply',
            gas: SUPPLY_GAS,
          },
    ),
    ...rated.flatMap(rateCalls),
    ...known.flatMap(firstDiscoveryCalls),
  ];
}

export type Listing = { lists: Map<RestakingSymbol, Discovered>; stakers: StakerSpec[]; more: ReadCall[] };

export function listing(known: readonly Known[], reads: Reads, events?: EventLists): Listing {
  const lists = new Map(known.map((s) => [s.symbol, discovered(s, reads, events)]));
  const specs = new Map<Address, StakerSpec>();
  for (const s of known) {
    const d = lists.get(s.symbol);
    if (d && 'stakers' in d) for (const staker of d.stakers) if (!specs.has(staker)) specs.set(staker, specOf(s, staker));
  }
  return { lists, stakers: [...specs.values()], more: [...lists.values()].flatMap((d) => ('more' in d ? d.more : [])) };
}

/** Round 2: each staker's operator and withdrawable shares in its strategies (every LST strategy and native ETH by default). */
export function round2Calls(stakers: readonly StakerSpec[]): ReadCall[] {
  return [...stakers.flatMap(stakerCalls), ...queuedCalls(stakers.filter((x) => x.queued).map((x) => x.staker))];
}

function stakerCalls(x: StakerSpec): ReadCall[] {
  return [
    { key: k.operator(x.staker), address: DM, abi: delegationManagerAbi, functionName: 'delegatedTo', args: [x.staker], gas: 10_000n },
    {
      key: k.shares(x),
      address: DM,
      abi: delegationManagerAbi,
      functionName: 'getWithdrawableShares',
      args: [x.staker, x.strategies],
      // ~28k a strategy on mainnet (cold slots in DelegationManager, EigenPodManager/StrategyManager, AllocationManager).
      gas: x.strategies === STRATEGIES ? 400_000n : 30_000n * BigInt(x.strategies.length),
    },
  ];
}

/** Round 3: shares → tokens per strategy, and the magnitudes of every operator a staker (or its queued withdrawal) is with. */
export function round3Calls(stakers: readonly StakerSpec[], reads: Reads): ReadCall[] {
  const calls = new Map<string, ReadCall>();
  const need = (op: Address | null | undefined, s: Address, n: bigint) => {
    if (n === 0n) return;
    if (s !== BEACON)
      calls.set(k.underlying(s, n), {
        key: k.underlying(s, n),
        address: s,
        abi: strategyAbi,
        functionName: 'sharesToUnderlyingView',
        args: [n],
      });
    if (!op || op === zeroAddress) return;
    calls.set(k.max(op, s), { key: k.max(op, s), address: AM, abi: allocationManagerAbi, functionName: 'getMaxMagnitude', args: [op, s] });
    calls.set(k.alloc(op, s), {
      key: k.alloc(op, s),
      address: AM,
      abi: allocationManagerAbi,
      functionName: 'getStrategyAllocations',
      args: [op, s],
      gas: 300_000n,
    });
  };
  for (const x of stakers) {
    const shares = val<readonly [readonly bigint[]]>(reads, k.shares(x))?.[0];
    const op = val<Address>(reads, k.operator(x.staker));
    shares?.forEach((n, i) => need(op, x.strategies[i]!, n));
    if (!x.queued) continue;
    // Every queued withdrawal (the block decides later which are still slashable): a few extra reads at most.
    const q = queuedOf(reads, x.staker);
    if (Array.isArray(q)) for (const w of q) if (isKnownStrategy(w.strategy)) need(w.operator, w.strategy, w.shares);
  }
  return [...calls.values()];
}

const isKnownStrategy = (s: Address) => s === BEACON || LST.some(([, x]) => x === s);

/** Every wanted LRT's view from the three rounds' answers; anything missing makes that LRT `unknown` with the reason. */
export function lookThroughViews(
  wanted: readonly LrtStructure[],
  lists: Listing['lists'],
  reads: Reads,
  blockNumber?: bigint,
): LrtLookThroughView[] {
  return wanted.map((s): LrtLookThroughView => {
    if (s.status === 'unknown')
      return { symbol: s.symbol, status: 'unknown', reason: s.reason, plain: s.plain, rateShowsSlash: s.rateShowsSlash };
    const d = lists.get(s.symbol);
    const fail = (reason: string, plain?: string): LrtLookThroughView => ({
      symbol: s.symbol,
      status: 'unknown',
      reason,
      plain: plain ?? `The ${s.symbol} contracts could not be read at this refresh; Ballast tries again at the next one.`,
      rateShowsSlash: s.rateShowsSlash,
    });
    if (!d) return fail('not read');
    if ('error' in d) return fail(`listing the ${s.stakerKind}s failed: ${d.error}`, d.plain);
    if ('more' in d) return fail(`more ${s.stakerKind}s than one batch lists (${d.more.length} left to read)`);
    const supply = val<bigint>(reads, k.supply(s.symbol));
    const fairRate = rateOf(s.symbol, reads);
    if (supply === undefined) return fail(`${s.supply?.what ?? `${s.symbol} totalSupply`}: ${err(reads, k.supply(s.symbol))}`);
    if (fairRate === undefined) return fail(`${s.symbol} fair rate could not be read (${RESTAKING_TOKENS[s.symbol].fairRate.source})`);
    const built = positionsOf(
      d.stakers.map((staker) => specOf(s, staker)),
      reads,
      blockNumber,
    );
    if ('error' in built) return fail(built.error);
    return {
      symbol: s.symbol,
      status: 'known',
      supply,
      fairRate,
      stakers: summarize(built.positions),
      exposure: lrtLookThrough({ supply, fairRate, positions: built.positions, magnitudes: built.magnitudes, currentBlock: blockNumber }),
      rateShowsSlash: s.rateShowsSlash,
      ...(d.coverage ? { coverage: d.coverage } : {}),
    };
  });
}

function positionsOf(
  stakers: readonly StakerSpec[],
  reads: Reads,
  blockNumber?: bigint,
): { positions: LrtStakerPosition[]; magnitudes: OperatorMagnitudes[] } | { error: string } {
  const positions: LrtStakerPosition[] = [];
  const magnitudes = new Map<string, OperatorMagnitudes>();
  /** One position: its ETH value (LST shares → tokens × the token's fair rate), and its operator's magnitudes. */
  const add = (a: Address, operator: Address | null, strategy: Address, n: bigint): string | undefined => {
    let ethValue = n;
    if (strategy !== BEACON) {
      const underlying = val<bigint>(reads, k.underlying(strategy, n));
      const lst = LST.find(([, s]) => s === strategy);
      if (!lst) return `strategy ${strategy} of ${a} is not one Ballast prices`;
      const rate = rateOf(lst[0], reads);
      if (underlying === undefined) return `sharesToUnderlyingView on ${strategy}: ${err(reads, k.underlying(strategy, n))}`;
      if (rate === undefined) return `fair rate of ${lst[0]} (strategy ${strategy}) could not be read`;
      ethValue = mulWad(underlying, rate);
    }
    positions.push({ staker: a, operator, strategy, ethValue });
    if (!operator) return undefined;
    const max = val<bigint>(reads, k.max(operator, strategy));
    const alloc = val<
      readonly [readonly { avs: Address; id: number }[], readonly { currentMagnitude: bigint; pendingDiff: bigint; effectBlock: number }[]]
    >(reads, k.alloc(operator, strategy));
    if (max === undefined || !alloc) return `magnitudes of operator ${operator}: ${err(reads, k.alloc(operator, strategy))}`;
    magnitudes.set(`${operator}:${strategy}`, {
      operator,
      strategy,
      maxMagnitude: max,
      allocations: alloc[0].map((set, j) => ({
        operatorSet: { avs: set.avs, id: set.id },
        currentMagnitude: alloc[1][j]?.currentMagnitude ?? 0n,
        pendingDiff: alloc[1][j]?.pendingDiff ?? 0n,
        effectBlock: BigInt(alloc[1][j]?.effectBlock ?? 0),
      })),
    });
    return undefined;
  };
  for (const x of stakers) {
    const a = x.staker;
    const shares = val<readonly [readonly bigint[]]>(reads, k.shares(x))?.[0];
    if (!shares) return { error: `getWithdrawableShares(${a}): ${err(reads, k.shares(x))}` };
    const raw = val<Address>(reads, k.operator(a));
    if (raw === undefined) return { error: `delegatedTo(${a}): ${err(reads, k.operator(a))}` };
    const operator = raw === zeroAddress ? null : raw;
    for (const [i, n] of shares.entries()) {
      if (n === 0n) continue;
      const e = add(a, operator, x.strategies[i]!, n);
      if (e) return { error: e };
    }
    if (!x.queued) continue;
    const queued = queuedOf(reads, a, blockNumber);
    if (!Array.isArray(queued)) return queued;
    for (const w of queued) {
      const e = add(a, w.operator, w.strategy, w.shares);
      if (e) return { error: `queued withdrawal of ${a}: ${e}` };
    }
  }
  return { positions, magnitudes: [...magnitudes.values()] };
}

function summarize(positions: readonly LrtStakerPosition[]) {
  const by = new Map<Address, { staker: Address; operator: Address | null; ethValue: bigint }>();
  for (const p of positions) {
    const e = by.get(p.staker) ?? { staker: p.staker, operator: p.operator, ethValue: 0n };
    e.ethValue += p.ethValue;
    by.set(p.staker, e);
  }
  return [...by.values()];
}
