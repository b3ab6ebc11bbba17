import type { Address } from 'viem';
import { curveStableSwapAbi, erc20Abi } from '../../chain/abis';
import { CURVE_LP_POOLS, type CurveLpPool } from '../../restaking/deployments';
import { BALANCE_READ_GAS } from '../batch-reads';
import type { Position, ReadCall, Reads } from '../types';
import { depegWad, lpUnderlying } from '../valuation';
import { curveLpIl } from './curve-il';
import { bigintOf, errorOf, positionId, type PositionReader, type RateBook } from './reader';
import { valueIn } from './value';

const k = {
  balance: (p: CurveLpPool, i: number) => `curve:${p.pool}:balances:${i}`,
  supply: (p: CurveLpPool) => `curve:${p.pool}:totalSupply`,
  virtualPrice: (p: CurveLpPool) => `curve:${p.pool}:virtualPrice`,
  A: (p: CurveLpPool) => `curve:${p.pool}:A`,
  fee: (p: CurveLpPool) => `curve:${p.pool}:fee`,
  lp: (p: CurveLpPool, a: Address) => `curve:${p.pool}:lp:${a}`,
};

/** Pool-wide reads: each coin's balance, LP supply, virtual price, A and fee (for the IL model). */
function poolCalls(p: CurveLpPool): ReadCall[] {
  const pool = (key: string, functionName: string, args: readonly unknown[] = []): ReadCall => ({
    key,
    address: p.pool,
    abi: curveStableSwapAbi,
    functionName,
    args,
  });
  return [
    ...p.coins.map((_, i) => pool(k.balance(p, i), 'balances', [BigInt(i)])),
    { key: k.supply(p), address: p.lpToken, abi: erc20Abi, functionName: 'totalSupply' },
    { ...pool(k.virtualPrice(p), 'get_virtual_price'), gas: 200_000n },
    pool(k.A(p), 'A'),
    pool(k.fee(p), 'fee'),
  ];
}

/**
 * Curve LP shares (reference §3.1, §5c): the LP balance, its claim on each coin
 * (balances × share / totalSupply), that claim at fair and at market rates, and IL against holding
 * a balanced entry made at the peg (no entry is recorded yet), measured and modelled (lib/risk).
 */
export function curveLpReader(pools: readonly CurveLpPool[] = CURVE_LP_POOLS): PositionReader {
  return {
    family: 'curve-lp',
    phase1: ({ accounts }) =>
      pools.flatMap((p) => [
        ...poolCalls(p),
        ...accounts.map((a): ReadCall => ({
          key: k.lp(p, a),
          address: p.lpToken,
          abi: erc20Abi,
          functionName: 'balanceOf',
          args: [a],
          gas: BALANCE_READ_GAS,
        })),
      ]),
    positions: ({ accounts }, reads, rates) => pools.flatMap((p) => accounts.flatMap((a) => position(p, a, reads, rates))),
  };
}

function position(p: CurveLpPool, a: Address, reads: Reads, rates: RateBook): Position[] {
  const asset = p.label;
  const base = {
    id: positionId('curve-lp', a, p.lpToken),
    family: 'curve-lp' as const,
    account: a,
    asset,
    sources: [
      { contract: p.lpToken, call: 'balanceOf' },
      { contract: p.pool, call: 'balances' },
      { contract: p.lpToken, call: 'totalSupply' },
    ],
  };
  const fail = (error: string, amount = 0n): Position[] => [
    { ...base, status: 'failed', error, amount, fairValueEth: null, marketValueEth: null, depegWad: null, details: {} },
  ];
  const amount = bigintOf(reads, k.lp(p, a));
  if (amount === undefined) return fail(`LP balanceOf: ${errorOf(reads, k.lp(p, a))}`);
  if (amount === 0n) return [];
  const balances = p.coins.map((_, i) => bigintOf(reads, k.balance(p, i)));
  const supply = bigintOf(reads, k.supply(p));
  const missing = balances.findIndex((b) => b === undefined);
  if (missing >= 0) return fail(`balances(${missing}): ${errorOf(reads, k.balance(p, missing))}`, amount);
  if (supply === undefined || supply === 0n)
    return fail(`LP totalSupply: ${supply === 0n ? 'read as 0' : errorOf(reads, k.supply(p))}`, amount);

  const underlying = lpUnderlying(balances as bigint[], amount, supply);
  const values = p.coins.map((coin, i) => valueIn(coin, underlying[i]!, rates));
  const unknown = values.findIndex((v) => v.fairValueEth === null);
  if (unknown >= 0) return fail(`fair rate of ${p.coins[unknown]}: ${values[unknown]!.rates.error ?? 'unknown'}`, amount);
  const fairValueEth = values.reduce((sum, v) => sum + v.fairValueEth!, 0n);
  const marketValueEth = values.every((v) => v.marketValueEth !== null) ? values.reduce((sum, v) => sum + v.marketValueEth!, 0n) : null;

  const il = curveLpIl({
    pool: p,
    amount,
    underlying,
    values,
    reads: { virtualPrice: bigintOf(reads, k.virtualPrice(p)), A: bigintOf(reads, k.A(p)), fee: bigintOf(reads, k.fee(p)) },
  });
  return [
    {
      ...base,
      status: 'ok',
      amount,
      fairValueEth,
      marketValueEth,
      depegWad: depegWad(marketValueEth, fairValueEth),
      marketSource: `underlying at each coin's 1-token market rate (${values.map((v, i) => `${p.coins[i]}: ${v.rates.marketSource ?? 'none'}`).join(', ')})`,
      ...(il.il ? { il: il.il } : {}),
      details: {
        pool: p.pool,
        lpToken: p.lpToken,
        lpTotalSupply: String(supply),
        shareOfPoolWad: String((amount * 10n ** 18n) / supply),
        ...Object.fromEntries(
          p.coins.flatMap((coin, i) => [
            [`underlying${i}`, `${underlying[i]} ${coin}`],
            [`poolBalance${i}`, String(balances[i])],
          ]),
        ),
        ...il.details,
      },
    },
  ];
}
