import { erc20Abi, parseUnits, type Abi, type Address } from 'viem';
import { PROTOCOL_CONTRACTS as P, TOKENS } from '../../../lib/restaking/addresses';
import type { RestakingSymbol } from '../../../lib/restaking/types';
import type { DevnetContext } from '../context';
import { doubleAbi } from './abi';

const ONE = 10n ** 18n;
const abi = (name: string): Abi => doubleAbi(name);
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** The admin-set figure behind a token's rate: the contract, its getter and setter, and the value now. */
export type RateBook = { contract: Address; artifact: string; getter: string; setter: string; value: bigint };

const supply = (ctx: DevnetContext, token: Address) =>
  ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'totalSupply' });
const get = (ctx: DevnetContext, address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
  ctx.client.readContract({ address, abi: abi(name), functionName, args }) as Promise<bigint>;

type Book = { contract: Address; artifact: string; getter: string; setter: string };
/** Where each protocol keeps the number its rate (or its rebasing balances) derive from. */
const BOOKS: Record<RestakingSymbol, Book> = {
  stETH: { contract: TOKENS.stETH, artifact: 'StETH', getter: 'getTotalPooledEther', setter: 'setTotalPooledEther' },
  wstETH: { contract: TOKENS.stETH, artifact: 'StETH', getter: 'getTotalPooledEther', setter: 'setTotalPooledEther' },
  rETH: { contract: TOKENS.rETH, artifact: 'RocketTokenRETH', getter: 'totalETHBalance', setter: 'setTotalETHBalance' },
  eETH: {
    contract: P.etherfiLiquidityPool,
    artifact: 'EtherFiLiquidityPool',
    getter: 'getTotalPooledEther',
    setter: 'setTotalPooledEther',
  },
  weETH: {
    contract: P.etherfiLiquidityPool,
    artifact: 'EtherFiLiquidityPool',
    getter: 'getTotalPooledEther',
    setter: 'setTotalPooledEther',
  },
  ezETH: { contract: P.renzoRestakeManager, artifact: 'RenzoRestakeManager', getter: 'totalTVL', setter: 'setTotalTVL' },
  rsETH: { contract: P.kelpOracle, artifact: 'KelpLRTOracle', getter: 'rsETHPrice', setter: 'setRSETHPrice' },
  pufETH: { contract: TOKENS.pufETH, artifact: 'PufferVault', getter: 'assetsElsewhere', setter: 'setAssetsElsewhere' },
  rswETH: { contract: TOKENS.rswETH, artifact: 'RswETH', getter: 'rswETHToETHRate', setter: 'reprice' },
  ETHx: { contract: P.staderStakePoolsManager, artifact: 'StaderStakePoolsManager', getter: 'getExchangeRate', setter: 'setExchangeRate' },
  cbETH: { contract: TOKENS.cbETH, artifact: 'CbETH', getter: 'exchangeRate', setter: 'updateExchangeRate' },
  osETH: {
    contract: P.stakewiseOsTokenVaultController,
    artifact: 'OsTokenVaultController',
    getter: 'totalAssets',
    setter: 'setTotalAssets',
  },
  mETH: { contract: P.mantleStaking, artifact: 'MantleStaking', getter: 'totalControlled', setter: 'setTotalControlled' },
};

export async function readBook(ctx: DevnetContext, symbol: RestakingSymbol): Promise<RateBook> {
  const b = BOOKS[symbol];
  if (symbol === 'ezETH') {
    const [, , tvl] = (await ctx.client.readContract({ address: b.contract, abi: abi(b.artifact), functionName: 'calculateTVLs' })) as [
      unknown,
      unknown,
      bigint,
    ];
    return { ...b, value: tvl };
  }
  return { ...b, value: await get(ctx, b.contract, b.artifact, b.getter) };
}

async function writeBook(ctx: DevnetContext, symbol: RestakingSymbol, value: bigint): Promise<void> {
  const b = BOOKS[symbol];
  // Swell's reprice(reserves, rewards, supply) sets rate = reserves × 1e18 / supply: pass supply = 1e18.
  const args = symbol === 'rswETH' ? [value, 0n, ONE] : [value];
  await ctx.write({ address: b.contract, abi: abi(b.artifact), functionName: b.setter, args });
}

/** Scales the book figure by (1 + percent/100): rewards (> 0) or losses (< 0). Percent has ≤ 6 decimals. */
export async function scaleBook(
  ctx: DevnetContext,
  symbol: RestakingSymbol,
  percent: string,
): Promise<{ before: RateBook; after: bigint }> {
  const before = await readBook(ctx, symbol);
  const scale = 100_000_000n + parseUnits(percent, 6); // 100 % in 1e-6 %
  const after = (before.value * scale) / 100_000_000n;
  await writeBook(ctx, symbol, after);
  return { before, after };
}

/** Sets the book so the token's fair rate reads exactly `rate` (1e18-scaled), using each protocol's formula. */
export async function setFairRate(ctx: DevnetContext, symbol: RestakingSymbol, rate: bigint): Promise<{ before: RateBook; after: bigint }> {
  const before = await readBook(ctx, symbol);
  let value: bigint;
  switch (symbol) {
    case 'stETH':
    case 'eETH':
      throw new Error(`${symbol} is pegged 1:1 to ETH by design; use "rebase ${symbol} <percent>" to change balances`);
    case 'wstETH':
      value = ceilDiv(rate * (await get(ctx, TOKENS.stETH, 'StETH', 'getTotalShares')), ONE);
      break;
    case 'weETH':
      value = ceilDiv(rate * (await get(ctx, TOKENS.eETH, 'EETH', 'totalShares')), ONE);
      break;
    case 'rETH':
      value = ceilDiv(rate * (await supply(ctx, TOKENS.rETH)), ONE);
      break;
    case 'ezETH':
      value = ceilDiv(rate * (await supply(ctx, TOKENS.ezETH)), ONE);
      break;
    case 'osETH':
      value = ceilDiv(rate * (await supply(ctx, TOKENS.osETH)), ONE);
      break;
    case 'mETH':
      value = ceilDiv(rate * (await supply(ctx, TOKENS.mETH)), ONE);
      break;
    case 'pufETH': {
      // OpenZeppelin ERC-4626: rate = 1e18 × (totalAssets + 1) / (supply + 1); totalAssets = held + elsewhere.
      const held = (await get(ctx, TOKENS.pufETH, 'PufferVault', 'totalAssets')) - before.value;
      const totalAssets = ceilDiv(rate * ((await supply(ctx, TOKENS.pufETH)) + 1n), ONE) - 1n;
      if (totalAssets < held) throw new Error(`pufETH rate ${rate} is below what the vault already holds`);
      value = totalAssets - held;
      break;
    }
    default:
      value = rate; // stored rates: rsETH, rswETH, ETHx, cbETH
  }
  await writeBook(ctx, symbol, value);
  return { before, after: value };
}
