import { isAddressEqual, zeroAddress, type Address } from 'viem';
import { allocationManagerAbi, delegationManagerAbi, strategyAbi } from '../../chain/abis';
import { EIGEN_STRATEGIES, EIGENLAYER } from '../../restaking/addresses';
import type { Position, ReadCall, Reads } from '../types';
import { depegWad, eigenSlashingExposure, mulWad, type SetAllocation } from '../valuation';
import { bigintOf, errorOf, positionId, type PositionReader, type RateBook } from './reader';

const STRATEGIES = Object.entries(EIGEN_STRATEGIES) as [keyof typeof EIGEN_STRATEGIES, Address][];
const STRATEGY_ADDRESSES = STRATEGIES.map(([, s]) => s);
const DM = EIGENLAYER.delegationManager;
const AM = EIGENLAYER.allocationManager;

type Withdrawal = { staker: Address; delegatedTo: Address; nonce: bigint; startBlock: number; strategies: readonly Address[] };
const k = {
  operator: (a: Address) => `el:delegatedTo:${a}`,
  shares: (a: Address) => `el:withdrawable:${a}`,
  queued: (a: Address) => `el:queued:${a}`,
  delay: 'el:minWithdrawalDelayBlocks',
  underlying: (a: Address, s: Address, tag: string) => `el:underlying:${a}:${s}:${tag}`,
  max: (o: Address, s: Address) => `el:max:${o}:${s}`,
  allocations: (o: Address, s: Address) => `el:alloc:${o}:${s}`,
};
const value = <T>(reads: Reads, key: string): T | undefined => {
  const r = reads.get(key);
  return r?.ok ? (r.value as T) : undefined;
};
const withdrawableOf = (reads: Reads, a: Address) => value<readonly [readonly bigint[], readonly bigint[]]>(reads, k.shares(a));
const queuedOf = (reads: Reads, a: Address) => value<readonly [readonly Withdrawal[], readonly (readonly bigint[])[]]>(reads, k.queued(a));

/** Operators whose magnitudes phase 2 must read: the current delegation and each queued withdrawal's. */
function operatorsOf(reads: Reads, a: Address): Address[] {
  const ops = new Set<Address>();
  const op = value<Address>(reads, k.operator(a));
  if (op && op !== zeroAddress) ops.add(op);
  for (const w of queuedOf(reads, a)?.[0] ?? []) if (w.delegatedTo !== zeroAddress) ops.add(w.delegatedTo);
  return [...ops];
}

function exposure(reads: Reads, operator: Address | undefined, strategy: Address, valueEth: bigint, block?: bigint) {
  if (!operator || operator === zeroAddress) return { worstCaseEth: 0n, perSet: [], method: 'eigenlayer-magnitudes' as const };
  const max = bigintOf(reads, k.max(operator, strategy));
  const alloc = value<
    readonly [readonly { avs: Address; id: number }[], readonly { currentMagnitude: bigint; pendingDiff: bigint; effectBlock: number }[]]
  >(reads, k.allocations(operator, strategy));
  if (max === undefined || !alloc) return null;
  const sets: SetAllocation[] = alloc[0].map((set, i) => ({
    avs: set.avs,
    id: set.id,
    currentMagnitude: alloc[1][i]?.currentMagnitude ?? 0n,
    pendingDiff: alloc[1][i]?.pendingDiff ?? 0n,
    effectBlock: BigInt(alloc[1][i]?.effectBlock ?? 0),
  }));
  return { ...eigenSlashingExposure(valueEth, max, sets, block), operator, method: 'eigenlayer-magnitudes' as const };
}

/**
 * Direct EigenLayer stake (reference §6): withdrawable shares per LST strategy, their underlying and
 * ETH value, ETH at risk per operator set and in the worst case; queued withdrawals with the block
 * they become claimable, still exposed to the operator they were delegated to until then.
 */
export function eigenLayerReader(): PositionReader {
  return {
    family: 'eigenlayer',
    phase1: ({ accounts }) => [
      { key: k.delay, address: DM, abi: delegationManagerAbi, functionName: 'minWithdrawalDelayBlocks' },
      ...accounts.flatMap((a): ReadCall[] => [
        { key: k.operator(a), address: DM, abi: delegationManagerAbi, functionName: 'delegatedTo', args: [a] },
        {
          key: k.shares(a),
          address: DM,
          abi: delegationManagerAbi,
          functionName: 'getWithdrawableShares',
          args: [a, STRATEGY_ADDRESSES],
          gas: 300_000n,
        },
        { key: k.queued(a), address: DM, abi: delegationManagerAbi, functionName: 'getQueuedWithdrawals', args: [a], gas: 300_000n },
      ]),
    ],
    phase2: ({ accounts }, reads) => {
      const calls = new Map<string, ReadCall>();
      const add = (c: ReadCall) => calls.set(c.key, c);
      for (const a of accounts) {
        withdrawableOf(reads, a)?.[0].forEach((shares, i) => {
          const s = STRATEGY_ADDRESSES[i]!;
          if (shares > 0n)
            add({
              key: k.underlying(a, s, 'active'),
              address: s,
              abi: strategyAbi,
              functionName: 'sharesToUnderlyingView',
              args: [shares],
            });
        });
        const queued = queuedOf(reads, a);
        queued?.[0].forEach((w, wi) =>
          w.strategies.forEach((s, si) => {
            const shares = queued[1][wi]?.[si] ?? 0n;
            if (shares > 0n)
              add({
                key: k.underlying(a, s, `q${wi}`),
                address: s,
                abi: strategyAbi,
                functionName: 'sharesToUnderlyingView',
                args: [shares],
              });
          }),
        );
        for (const op of operatorsOf(reads, a))
          for (const s of STRATEGY_ADDRESSES) {
            add({ key: k.max(op, s), address: AM, abi: allocationManagerAbi, functionName: 'getMaxMagnitude', args: [op, s] });
            add({
              key: k.allocations(op, s),
              address: AM,
              abi: allocationManagerAbi,
              functionName: 'getStrategyAllocations',
              args: [op, s],
              gas: 300_000n,
            });
          }
      }
      return [...calls.values()];
    },
    positions: ({ accounts, blockNumber }, reads, rates) =>
      accounts.flatMap((a) => [...active(a, reads, rates, blockNumber), ...queuedPositions(a, reads, rates, blockNumber)]),
  };
}

const symbolOf = (s: Address) => STRATEGIES.find(([, addr]) => isAddressEqual(addr, s))?.[0] ?? s;

function valued(symbol: string, underlying: bigint, rates: RateBook) {
  const rate = rates.get(symbol);
  const fairValueEth = rate?.fairRate ? mulWad(underlying, rate.fairRate) : null;
  const marketValueEth = rate?.marketRate != null ? mulWad(underlying, rate.marketRate) : null;
  return { fairValueEth, marketValueEth, depegWad: depegWad(marketValueEth, fairValueEth), rateError: rate?.error };
}

function active(a: Address, reads: Reads, rates: RateBook, block?: bigint): Position[] {
  const shares = withdrawableOf(reads, a);
  if (!shares) return [failed(a, 'EigenLayer', `getWithdrawableShares: ${errorOf(reads, k.shares(a))}`)];
  const operator = value<Address>(reads, k.operator(a));
  return STRATEGIES.flatMap(([symbol, s], i): Position[] => {
    const withdrawable = shares[0][i] ?? 0n;
    if (withdrawable === 0n) return [];
    const asset = `${symbol} strategy`;
    const underlying = bigintOf(reads, k.underlying(a, s, 'active'));
    if (underlying === undefined) return [failed(a, asset, `sharesToUnderlyingView: ${errorOf(reads, k.underlying(a, s, 'active'))}`)];
    const v = valued(symbol, underlying, rates);
    const slashing = v.fairValueEth === null ? null : exposure(reads, operator, s, v.fairValueEth, block);
    const error =
      v.fairValueEth === null
        ? `fair rate: ${v.rateError ?? 'unknown'}`
        : slashing === null
          ? `operator magnitudes of ${operator}: ${errorOf(reads, k.allocations(operator!, s))}`
          : undefined;
    return [
      {
        id: positionId('eigenlayer', a, asset),
        family: 'eigenlayer',
        account: a,
        asset,
        status: error ? 'failed' : 'ok',
        ...(error ? { error } : {}),
        amount: withdrawable,
        fairValueEth: v.fairValueEth,
        marketValueEth: v.marketValueEth,
        depegWad: v.depegWad,
        marketSource: `${symbol} market rate (exit needs the withdrawal delay first)`,
        ...(slashing ? { slashing } : {}),
        details: {
          depositShares: String(shares[1][i] ?? 0n),
          underlying: String(underlying),
          delegatedTo: operator ?? 'unknown',
          strategy: s,
        },
        sources: [
          { contract: DM, call: 'getWithdrawableShares' },
          { contract: s, call: 'sharesToUnderlyingView' },
          { contract: AM, call: 'getStrategyAllocations' },
        ],
      },
    ];
  });
}

function queuedPositions(a: Address, reads: Reads, rates: RateBook, block?: bigint): Position[] {
  const queued = queuedOf(reads, a);
  if (!queued) return [failed(a, 'EigenLayer queue', `getQueuedWithdrawals: ${errorOf(reads, k.queued(a))}`, 'eigenlayer-queued')];
  const delay = bigintOf(reads, k.delay) ?? BigInt(value<number>(reads, k.delay) ?? 0);
  return queued[0].flatMap((w, wi) =>
    w.strategies.map((s, si): Position => {
      const symbol = symbolOf(s);
      const asset = `${symbol} withdrawal #${wi} @${w.startBlock}`;
      const shares = queued[1][wi]?.[si] ?? 0n;
      const underlying = shares === 0n ? 0n : bigintOf(reads, k.underlying(a, s, `q${wi}`));
      if (underlying === undefined)
        return failed(a, asset, `sharesToUnderlyingView: ${errorOf(reads, k.underlying(a, s, `q${wi}`))}`, 'eigenlayer-queued');
      const v = valued(symbol, underlying, rates);
      const claimableBlock = BigInt(w.startBlock) + delay;
      const claimable = block !== undefined && block >= claimableBlock;
      // Until completable the withdrawal takes any slash of the operator it left (reference §6).
      const slashing = claimable || v.fairValueEth === null ? null : exposure(reads, w.delegatedTo, s, v.fairValueEth, block);
      return {
        id: positionId('eigenlayer-queued', a, `${symbol}:${w.startBlock}:${wi}`),
        family: 'eigenlayer-queued',
        account: a,
        asset,
        status: v.fairValueEth === null ? 'failed' : 'ok',
        ...(v.fairValueEth === null ? { error: `fair rate: ${v.rateError ?? 'unknown'}` } : {}),
        amount: shares,
        fairValueEth: v.fairValueEth,
        marketValueEth: v.marketValueEth,
        depegWad: v.depegWad,
        ...(slashing ? { slashing } : {}),
        details: {
          underlying: String(underlying),
          startBlock: String(w.startBlock),
          // With startBlock and strategy: which queued withdrawal the one-click completion rebuilds.
          nonce: String(w.nonce),
          claimableBlock: String(claimableBlock),
          claimable: String(claimable),
          delegatedTo: w.delegatedTo,
          strategy: s,
        },
        sources: [
          { contract: DM, call: 'getQueuedWithdrawals' },
          { contract: DM, call: 'minWithdrawalDelayBlocks' },
        ],
      };
    }),
  );
}

function failed(a: Address, asset: string, error: string, family: Position['family'] = 'eigenlayer'): Position {
  return {
    id: positionId(family, a, asset),
    family,
    account: a,
    asset,
    status: 'failed',
    error,
    amount: 0n,
    fairValueEth: null,
    marketValueEth: null,
    depegWad: null,
    details: {},
    sources: [{ contract: DM, call: 'getWithdrawableShares' }],
  };
}
