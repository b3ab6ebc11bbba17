import type { Address } from 'viem';
import { sameAddress } from '../format';
import * as abi from '../chain/abis';
import { PROTOCOL_CONTRACTS as P, TOKENS } from './addresses';
import { MARKETS } from './markets';
import { DEPOSITS } from './deposits';
import type { ContractRead, FairRateReader, RestakingSymbol, TokenInfo } from './types';

const ONE = 10n ** 18n;
const read = (address: Address, a: ContractRead['abi'], functionName: string, args: readonly unknown[] = []): ContractRead => ({
  address,
  abi: a,
  functionName,
  args,
});
const first = (results: readonly unknown[]) => results[0] as bigint;

/** One view call whose uint256 result already is ETH per 1e18 token. */
const single = (call: ContractRead, source: string): FairRateReader => ({ kind: 'calls', calls: [call], toRate: first, source });

const FAIR_RATES: Record<RestakingSymbol, FairRateReader> = {
  stETH: { kind: 'pegged', source: '1 stETH = 1 ETH by design; balances rebase (shares × getPooledEthByShares)' },
  eETH: { kind: 'pegged', source: '1 eETH = 1 ETH by design; balances rebase (LiquidityPool.amountForShare)' },
  wstETH: single(
    read(TOKENS.stETH, abi.lidoStethAbi, 'getPooledEthByShares', [ONE]),
    'stETH.getPooledEthByShares(1e18) (= wstETH.stEthPerToken, as Aave CAPO reads it)',
  ),
  rETH: single(read(TOKENS.rETH, abi.rethAbi, 'getExchangeRate'), 'rETH.getExchangeRate()'),
  cbETH: single(read(TOKENS.cbETH, abi.cbethAbi, 'exchangeRate'), 'cbETH.exchangeRate()'),
  weETH: single(read(TOKENS.weETH, abi.weethAbi, 'getRate'), 'weETH.getRate() = LiquidityPool.amountForShare(1e18)'),
  ezETH: {
    kind: 'calls',
    calls: [read(P.renzoRestakeManager, abi.renzoRestakeManagerAbi, 'calculateTVLs'), read(TOKENS.ezETH, abi.erc20Abi, 'totalSupply')],
    toRate: ([tvls, supply]) => {
      const totalTVL = (tvls as readonly [unknown, unknown, bigint])[2];
      return (supply as bigint) === 0n ? ONE : (ONE * totalTVL) / (supply as bigint);
    },
    source: '1e18 × RestakeManager.calculateTVLs().totalTVL / ezETH.totalSupply() (Renzo BalancerRateProvider)',
  },
  rsETH: single(read(P.kelpOracle, abi.kelpOracleAbi, 'rsETHPrice'), 'LRTOracle.rsETHPrice() (stored)'),
  pufETH: single(read(TOKENS.pufETH, abi.pufferVaultAbi, 'convertToAssets', [ONE]), 'PufferVault.convertToAssets(1e18)'),
  rswETH: single(read(TOKENS.rswETH, abi.rswethAbi, 'rswETHToETHRate'), 'rswETH.rswETHToETHRate() (stored)'),
  ETHx: single(
    read(P.staderStakePoolsManager, abi.staderStakePoolsManagerAbi, 'getExchangeRate'),
    'StaderStakePoolsManager.getExchangeRate()',
  ),
  osETH: single(
    read(P.stakewiseOsTokenVaultController, abi.osTokenVaultControllerAbi, 'convertToAssets', [ONE]),
    'OsTokenVaultController.convertToAssets(1e18)',
  ),
  mETH: single(read(P.mantleStaking, abi.mantleStakingAbi, 'mETHToETH', [ONE]), 'Staking.mETHToETH(1e18)'),
};

type Static = Pick<TokenInfo, 'name' | 'protocol' | 'kind' | 'rebasing' | 'wraps'>;
const STATIC: Record<RestakingSymbol, Static> = {
  stETH: { name: 'Liquid staked Ether 2.0', protocol: 'lido', kind: 'lst', rebasing: true },
  wstETH: { name: 'Wrapped liquid staked Ether 2.0', protocol: 'lido', kind: 'lst', rebasing: false, wraps: 'stETH' },
  rETH: { name: 'Rocket Pool ETH', protocol: 'rocketpool', kind: 'lst', rebasing: false },
  cbETH: { name: 'Coinbase Wrapped Staked ETH', protocol: 'coinbase', kind: 'lst', rebasing: false },
  eETH: { name: 'ether.fi ETH', protocol: 'etherfi', kind: 'lrt', rebasing: true },
  weETH: { name: 'Wrapped eETH', protocol: 'etherfi', kind: 'lrt', rebasing: false, wraps: 'eETH' },
  ezETH: { name: 'Renzo Restaked ETH', protocol: 'renzo', kind: 'lrt', rebasing: false },
  rsETH: { name: 'rsETH', protocol: 'kelp', kind: 'lrt', rebasing: false },
  pufETH: { name: 'pufETH', protocol: 'puffer', kind: 'lrt', rebasing: false },
  rswETH: { name: 'rswETH', protocol: 'swell', kind: 'lrt', rebasing: false },
  ETHx: { name: 'ETHx', protocol: 'stader', kind: 'lst', rebasing: false },
  osETH: { name: 'Staked ETH', protocol: 'stakewise', kind: 'lst', rebasing: false },
  mETH: { name: 'mETH', protocol: 'mantle', kind: 'lst', rebasing: false },
};

export const RESTAKING_SYMBOLS = Object.keys(STATIC) as RestakingSymbol[];

/** The registry: one entry per liquid (re)staking token, the same on mainnet and the devnet. */
export const RESTAKING_TOKENS: Record<RestakingSymbol, TokenInfo> = Object.fromEntries(
  RESTAKING_SYMBOLS.map((symbol) => [
    symbol,
    {
      symbol,
      address: TOKENS[symbol],
      decimals: 18,
      ...STATIC[symbol],
      fairRate: FAIR_RATES[symbol],
      deposit: DEPOSITS[symbol],
      markets: MARKETS[symbol] ?? [],
    },
  ]),
) as Record<RestakingSymbol, TokenInfo>;

export const isRestakingSymbol = (s: string): s is RestakingSymbol => (RESTAKING_SYMBOLS as string[]).includes(s);

/** Looks a token up by address (any case); undefined when it is not a registry token. */
export function tokenByAddress(address: string): TokenInfo | undefined {
  return RESTAKING_SYMBOLS.map((s) => RESTAKING_TOKENS[s]).find((t) => sameAddress(t.address, address));
}
