import type { Address } from 'viem';
import { aaveOracleAbi, aavePoolAbi, erc20Abi } from '../../chain/abis';
import type { MulticallResult } from '../read-fair-rates';
import type { ContractRead } from '../types';
import { L2_AAVE_MARKETS, type L2AaveReserveSymbol } from './aave-markets';
import { L2_CHAINS, type L2ChainId } from './registry';

/**
 * Aave v3 on an L2, the pure half (issue #18, item 4): the reads one account set needs, put into the chain's single
 * Multicall3 batch by holdings.ts, and their results as raw facts. No second round: the aTokens come from
 * aave-markets.ts, and every e-mode category listed there is read, so the user's is among them whatever it is.
 * lib/tracker turns the facts into health factor and depeg-to-liquidation distance (lib/risk, as on Ethereum).
 */

export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

export type L2AaveReserveRead = {
  symbol: L2AaveReserveSymbol;
  asset: Address;
  aToken: Address;
  /** getReserveData: configuration bitmap and reserve id (its bit in the e-mode bitmaps). */
  reserve: Read<{ configuration: bigint; id: number }>;
  /** AaveOracle.getAssetPrice, base currency (USD, 8 decimals). */
  price: Read<bigint>;
  /** aToken balanceOf per account, in the order of L2AaveRead.accounts. */
  balances: Read<bigint>[];
};

export type L2AaveAccountRead = {
  account: Address;
  /** getUserAccountData: collateral, debt, available (base), LT, LTV (bps), health factor (WAD). */
  data: Read<readonly [bigint, bigint, bigint, bigint, bigint, bigint]>;
  eMode: Read<bigint>;
};

export type L2AaveEModeRead = {
  id: number;
  config: Read<{ ltv: number; liquidationThreshold: number; liquidationBonus: number }>;
  bitmap: Read<bigint>;
};

export type L2AaveRead = {
  pool: Address;
  oracle: Address;
  reserves: L2AaveReserveRead[];
  accounts: L2AaveAccountRead[];
  eModes: L2AaveEModeRead[];
};

export type L2AavePlan = { calls: ContractRead[]; decode(results: readonly MulticallResult[]): L2AaveRead };

const call = (address: Address, abi: ContractRead['abi'], functionName: string, args: readonly unknown[]): ContractRead => ({
  address,
  abi,
  functionName,
  args,
});

const readOf = <T>(r: MulticallResult | undefined, map: (v: unknown) => T = (v) => v as T): Read<T> =>
  r?.status === 'success' ? { ok: true, value: map(r.result) } : { ok: false, error: r?.error?.message.split('\n')[0] ?? 'call failed' };

/** The Aave reads of `chainId` for `accounts`; undefined where the chain has no Aave v3 in the registry. */
export function l2AavePlan(chainId: L2ChainId, accounts: readonly Address[]): L2AavePlan | undefined {
  const deployment = L2_CHAINS[chainId].aaveV3;
  const market = L2_AAVE_MARKETS[chainId];
  if (!deployment || !market) return undefined;
  const { pool } = deployment;
  const { oracle, reserves, eModeIds } = market;
  // Per reserve: getReserveData, getAssetPrice, then balanceOf per account — a fixed stride the decode walks.
  const perReserve = 2 + accounts.length;
  const calls: ContractRead[] = [
    ...reserves.flatMap((r) => [
      call(pool, aavePoolAbi, 'getReserveData', [r.asset]),
      call(oracle, aaveOracleAbi, 'getAssetPrice', [r.asset]),
      ...accounts.map((a) => call(r.aToken, erc20Abi, 'balanceOf', [a])),
    ]),
    ...accounts.flatMap((a) => [call(pool, aavePoolAbi, 'getUserAccountData', [a]), call(pool, aavePoolAbi, 'getUserEMode', [a])]),
    ...eModeIds.flatMap((id) => [
      call(pool, aavePoolAbi, 'getEModeCategoryCollateralConfig', [id]),
      call(pool, aavePoolAbi, 'getEModeCategoryCollateralBitmap', [id]),
    ]),
  ];
  const decode = (results: readonly MulticallResult[]): L2AaveRead => {
    const accountsAt = reserves.length * perReserve;
    const eModesAt = accountsAt + 2 * accounts.length;
    return {
      pool,
      oracle,
      reserves: reserves.map((r, i): L2AaveReserveRead => {
        const at = i * perReserve;
        return {
          ...r,
          reserve: readOf(results[at], (v) => {
            const d = v as { configuration: bigint; id: number };
            return { configuration: d.configuration, id: Number(d.id) };
          }),
          price: readOf<bigint>(results[at + 1]),
          balances: accounts.map((_, j) => readOf<bigint>(results[at + 2 + j])),
        };
      }),
      accounts: accounts.map((account, j): L2AaveAccountRead => ({
        account,
        data: readOf(results[accountsAt + 2 * j]),
        eMode: readOf<bigint>(results[accountsAt + 2 * j + 1]),
      })),
      eModes: eModeIds.map((id, k): L2AaveEModeRead => ({
        id,
        config: readOf(results[eModesAt + 2 * k]),
        bitmap: readOf<bigint>(results[eModesAt + 2 * k + 1]),
      })),
    };
  };
  return { calls, decode };
}
