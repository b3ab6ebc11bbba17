import { zeroAddress, type Address } from 'viem';
import { aaveOracleAbi, aavePoolAbi, erc20Abi } from '../../chain/abis';
import { AAVE_V3, TOKENS, type TokenSymbol } from '../../restaking/addresses';
import { AAVE_V3_RESERVES } from '../../restaking/deployments';
import { liquidationFacts, type ReserveFacts } from '../../risk/liquidation-facts';
import { BALANCE_READ_GAS } from '../batch-reads';
import type { Position, ReadCall, Reads } from '../types';
import { bigintOf, errorOf, positionId, valueOf, type PositionReader } from './reader';
import { valueIn } from './value';

const POOL = AAVE_V3.pool;

const k = {
  reserve: (s: TokenSymbol) => `aave:reserve:${s}`,
  account: (a: Address) => `aave:account:${a}`,
  eMode: (a: Address) => `aave:emode:${a}`,
  balance: (s: TokenSymbol, a: Address) => `aave:bal:${s}:${a}`,
  eModeConfig: (id: bigint) => `aave:emode-config:${id}`,
  eModeBitmap: (id: bigint) => `aave:emode-bitmap:${id}`,
  price: (s: TokenSymbol) => `aave:price:${s}`,
};

type AccountData = readonly [bigint, bigint, bigint, bigint, bigint, bigint];
type CollateralConfig = { ltv: number; liquidationThreshold: number; liquidationBonus: number };

/** aToken of a listed reserve; undefined for an unlisted one (mainnet: zero address, double: revert). */
type ReserveData = { aTokenAddress: Address; configuration: bigint; id: number };
const aTokenOf = (reads: Reads, s: TokenSymbol): Address | undefined => {
  const data = valueOf<ReserveData>(reads, k.reserve(s));
  return data && data.aTokenAddress !== zeroAddress ? data.aTokenAddress : undefined;
};
const eModeOf = (reads: Reads, a: Address) => bigintOf(reads, k.eMode(a));

/**
 * Aave v3 supplies of registry tokens (reference §5d): the aToken balance per reserve, valued at the
 * underlying's fair and market rate, with the account's health factor and e-mode (its LTV / LT / LB
 * read live, as the reference asks). aToken addresses come from getReserveData in phase 1, balances
 * and the e-mode config in phase 2.
 */
export function aaveReader(reserves: readonly TokenSymbol[] = AAVE_V3_RESERVES): PositionReader {
  return {
    family: 'aave',
    phase1: ({ accounts }) => [
      ...reserves.map((s): ReadCall => ({
        key: k.reserve(s),
        address: POOL,
        abi: aavePoolAbi,
        functionName: 'getReserveData',
        args: [TOKENS[s]],
        gas: 60_000n,
      })),
      ...accounts.flatMap((a): ReadCall[] => [
        // Walks the user's reserves and calls each one's price adapter: the heaviest read per account.
        { key: k.account(a), address: POOL, abi: aavePoolAbi, functionName: 'getUserAccountData', args: [a], gas: 300_000n },
        { key: k.eMode(a), address: POOL, abi: aavePoolAbi, functionName: 'getUserEMode', args: [a], gas: BALANCE_READ_GAS },
      ]),
    ],
    phase2: ({ accounts }, reads) => {
      const balances = reserves.flatMap((s) => {
        const aToken = aTokenOf(reads, s);
        return aToken
          ? accounts.map((a): ReadCall => ({
              key: k.balance(s, a),
              address: aToken,
              abi: erc20Abi,
              functionName: 'balanceOf',
              args: [a],
              gas: BALANCE_READ_GAS,
            }))
          : [];
      });
      const ids = new Set(accounts.map((a) => eModeOf(reads, a)).filter((id): id is bigint => id !== undefined && id > 0n));
      const configs = [...ids].flatMap((id): ReadCall[] => [
        { key: k.eModeConfig(id), address: POOL, abi: aavePoolAbi, functionName: 'getEModeCategoryCollateralConfig', args: [Number(id)] },
        { key: k.eModeBitmap(id), address: POOL, abi: aavePoolAbi, functionName: 'getEModeCategoryCollateralBitmap', args: [Number(id)] },
      ]);
      // Aave's own prices (its oracle, not the market) of every listed reserve and of WETH: the liquidation distance.
      const priced = [...new Set<TokenSymbol>([...reserves.filter((s) => aTokenOf(reads, s)), 'WETH'])];
      const prices = priced.map((s): ReadCall => ({
        key: k.price(s),
        address: AAVE_V3.oracle,
        abi: aaveOracleAbi,
        functionName: 'getAssetPrice',
        args: [TOKENS[s]],
        gas: 80_000n,
      }));
      return [...balances, ...configs, ...prices];
    },
    positions: ({ accounts }, reads, rates) =>
      accounts.flatMap((a): Position[] => {
        const listed = reserves.filter((s) => aTokenOf(reads, s));
        if (listed.length === 0) {
          // No reserve answered: the Pool is unreachable, or the chain has no Aave. Say so only if the account's own read failed too.
          return reads.get(k.account(a))?.ok
            ? []
            : [failed(a, 'Aave v3', `getReserveData and getUserAccountData: ${errorOf(reads, k.account(a))}`)];
        }
        const account = accountFacts(a, reads);
        return listed.flatMap((s): Position[] => {
          const aToken = aTokenOf(reads, s)!;
          const asset = `aEth${s}`;
          const amount = bigintOf(reads, k.balance(s, a));
          if (amount === undefined) return [failed(a, asset, `balanceOf on ${aToken}: ${errorOf(reads, k.balance(s, a))}`, aToken)];
          if (amount === 0n) return [];
          const v = valueIn(s, amount, rates);
          const error = v.fairValueEth === null ? `fair rate of ${s}: ${v.rates.error ?? 'unknown'}` : account.error;
          return [
            {
              id: positionId('aave', a, asset),
              family: 'aave',
              account: a,
              asset,
              status: error ? 'failed' : 'ok',
              ...(error ? { error } : {}),
              amount,
              fairValueEth: v.fairValueEth,
              marketValueEth: v.marketValueEth,
              depegWad: v.depegWad,
              marketSource: `${s} 1-token market rate (${v.rates.marketSource ?? 'none'}); Aave itself prices collateral from the exchange rate`,
              details: { underlying: s, aToken, ...account.details, ...liquidation(s, amount, a, reads) },
              sources: [
                { contract: POOL, call: 'getReserveData' },
                { contract: aToken, call: 'balanceOf' },
                { contract: POOL, call: 'getUserAccountData' },
                { contract: POOL, call: 'getUserEMode' },
                ...liquidationSources(s, eModeOf(reads, a)),
              ],
            },
          ];
        });
      }),
  };
}

const reserveFacts = (reads: Reads, s: TokenSymbol): ReserveFacts => {
  const data = valueOf<ReserveData>(reads, k.reserve(s));
  return {
    symbol: s,
    configuration: data?.configuration,
    id: data?.id,
    price: bigintOf(reads, k.price(s)),
    priceError: errorOf(reads, k.price(s)),
  };
};

/** The depeg-to-liquidation facts of one collateral (see aave-liquidation.ts), from this refresh's reads. */
function liquidation(s: TokenSymbol, amount: bigint, a: Address, reads: Reads): Record<string, string> {
  const eMode = eModeOf(reads, a);
  return liquidationFacts({
    amount,
    account: valueOf<AccountData>(reads, k.account(a)),
    reserve: reserveFacts(reads, s),
    weth: reserveFacts(reads, 'WETH'),
    eModeId: eMode,
    eModeThresholdBps: eMode ? valueOf<CollateralConfig>(reads, k.eModeConfig(eMode))?.liquidationThreshold : undefined,
    eModeBitmap: eMode ? bigintOf(reads, k.eModeBitmap(eMode)) : undefined,
    eModeBitmapError: eMode ? errorOf(reads, k.eModeBitmap(eMode)) : undefined,
  });
}

const liquidationSources = (s: TokenSymbol, eMode: bigint | undefined) => [
  { contract: AAVE_V3.oracle, call: `getAssetPrice(${s})` },
  ...(s === 'WETH' ? [] : [{ contract: AAVE_V3.oracle, call: 'getAssetPrice(WETH)' }]),
  ...(eMode ? [{ contract: POOL, call: 'getEModeCategoryCollateralBitmap' }] : []),
];

/** Health factor, base-currency totals and e-mode of one account, as decimal strings. */
function accountFacts(a: Address, reads: Reads): { details: Record<string, string>; error?: string } {
  const data = valueOf<AccountData>(reads, k.account(a));
  const eMode = eModeOf(reads, a);
  const details: Record<string, string> = {};
  const errors: string[] = [];
  if (data) {
    const [collateral, debt, available, lt, ltv, hf] = data;
    Object.assign(details, {
      // uint256 max when there is no debt: nothing can be liquidated.
      healthFactor: String(hf),
      totalCollateralBase: String(collateral),
      totalDebtBase: String(debt),
      availableBorrowsBase: String(available),
      liquidationThresholdBps: String(lt),
      ltvBps: String(ltv),
    });
  } else errors.push(`getUserAccountData: ${errorOf(reads, k.account(a))}`);
  if (eMode === undefined) errors.push(`getUserEMode: ${errorOf(reads, k.eMode(a))}`);
  else {
    details.eModeId = String(eMode);
    if (eMode > 0n) {
      const c = valueOf<CollateralConfig>(reads, k.eModeConfig(eMode));
      if (c)
        Object.assign(details, {
          eModeLtvBps: String(c.ltv),
          eModeLiquidationThresholdBps: String(c.liquidationThreshold),
          eModeLiquidationBonusBps: String(c.liquidationBonus),
        });
      else errors.push(`getEModeCategoryCollateralConfig(${eMode}): ${errorOf(reads, k.eModeConfig(eMode))}`);
    }
  }
  return { details, ...(errors.length ? { error: errors.join('; ') } : {}) };
}

function failed(a: Address, asset: string, error: string, contract: Address = POOL): Position {
  return {
    id: positionId('aave', a, asset),
    family: 'aave',
    account: a,
    asset,
    status: 'failed',
    error,
    amount: 0n,
    fairValueEth: null,
    marketValueEth: null,
    depegWad: null,
    details: {},
    sources: [{ contract, call: 'balanceOf' }],
  };
}
