import { encodeFunctionData, erc20Abi, getAddress, parseAbi, type Abi, type Address, type Hex } from 'viem';
import { AAVE_V3, PROTOCOL_CONTRACTS, TOKENS } from '../../../lib/restaking/addresses';
import { artifact, type DevnetContext } from '../context';

export const aavePoolAbi = () => artifact('AavePoolDouble').abi;
export const aaveOracleAbi = () => artifact('AaveOracleDouble').abi;

export type AaveReserveSymbol = 'WETH' | 'wstETH' | 'weETH' | 'rsETH' | 'ezETH';

/**
 * aToken addresses on the devnet (chosen, not mainnet's): 0xa70c…0001 onward, in reserve-id order.
 * Discover them like on mainnet through Pool.getReserveData(asset).aTokenAddress.
 */
export const AAVE_DEVNET_ATOKENS: Record<AaveReserveSymbol, Address> = {
  WETH: getAddress('0xa70c000000000000000000000000000000000001'),
  wstETH: getAddress('0xa70c000000000000000000000000000000000002'),
  weETH: getAddress('0xa70c000000000000000000000000000000000003'),
  rsETH: getAddress('0xa70c000000000000000000000000000000000004'),
  ezETH: getAddress('0xa70c000000000000000000000000000000000005'),
};

/** Outside e-mode, per reserve (bps; bonus is 10000 + bonus). Devnet values in the range of Aave Core, not read from chain. */
export const AAVE_RESERVE_CONFIG: Record<AaveReserveSymbol, { ltv: number; liquidationThreshold: number; liquidationBonus: number }> = {
  WETH: { ltv: 8050, liquidationThreshold: 8300, liquidationBonus: 10500 },
  wstETH: { ltv: 7850, liquidationThreshold: 8100, liquidationBonus: 10600 },
  weETH: { ltv: 7750, liquidationThreshold: 8000, liquidationBonus: 10700 },
  rsETH: { ltv: 7250, liquidationThreshold: 7500, liquidationBonus: 10750 },
  ezETH: { ltv: 7250, liquidationThreshold: 7500, liquidationBonus: 10750 },
};

/**
 * E-mode categories with the ids of AaveV3EthereumEModes and LTV/LT/LB from the governance payloads
 * in reference §5d (93 % / 95 % / 1 %). Category 22 (ezETH/wstETH) has no value in the reference:
 * it reuses 93/95/1 and is marked as an assumption.
 */
export const AAVE_EMODES = [
  {
    id: 1,
    label: 'WETH_wstETH_cbETH_rETH_weETH_osETH_ETHx__WETH',
    ltv: 9300,
    liquidationThreshold: 9500,
    liquidationBonus: 10100,
    collateral: ['WETH', 'wstETH', 'weETH'],
    borrowable: ['WETH'],
  },
  {
    id: 3,
    label: 'rsETH__WETH_wstETH_ETHx',
    ltv: 9300,
    liquidationThreshold: 9500,
    liquidationBonus: 10100,
    collateral: ['rsETH'],
    borrowable: ['WETH', 'wstETH'],
  },
  {
    id: 22,
    label: 'ezETH__wstETH (values assumed)',
    ltv: 9300,
    liquidationThreshold: 9500,
    liquidationBonus: 10100,
    collateral: ['ezETH'],
    borrowable: ['wstETH'],
  },
  {
    id: 26,
    label: 'weETH__WETH_wstETH',
    ltv: 9300,
    liquidationThreshold: 9500,
    liquidationBonus: 10100,
    collateral: ['weETH'],
    borrowable: ['WETH', 'wstETH'],
  },
] as const satisfies readonly {
  id: number;
  label: string;
  ltv: number;
  liquidationThreshold: number;
  liquidationBonus: number;
  collateral: readonly AaveReserveSymbol[];
  borrowable: readonly AaveReserveSymbol[];
}[];

/** ETH/USD in the oracle's base currency (USD, 8 decimals). */
export const AAVE_DEVNET_ETH_USD = 3_000n * 10n ** 8n;

/** Where the oracle reads an asset's ETH rate: a live call (CAPO-like) or a stored value. */
export type AaveRateSource = { source: Address; data: Hex } | { rate: bigint };

/** Live rate sources backed by the token doubles' own rate functions (ezETH's TVL math is heavy: stored). */
export function liveAaveRateSources(ezETHRate: bigint): Record<AaveReserveSymbol, AaveRateSource> {
  const call = (sig: string) =>
    encodeFunctionData({ abi: parseAbi([sig] as [string]) as Abi, functionName: sig.slice(9, sig.indexOf('(')) });
  return {
    WETH: { rate: 10n ** 18n },
    wstETH: { source: TOKENS.wstETH, data: call('function stEthPerToken() view returns (uint256)') },
    weETH: { source: TOKENS.weETH, data: call('function getRate() view returns (uint256)') },
    rsETH: { source: PROTOCOL_CONTRACTS.kelpOracle, data: call('function rsETHPrice() view returns (uint256)') },
    ezETH: { rate: ezETHRate },
  };
}

/** Places Pool, Oracle and one aToken per reserve, lists the reserves and the e-mode categories. */
export async function placeAave(
  ctx: DevnetContext,
  rates: Record<AaveReserveSymbol, AaveRateSource>,
  ethUsd = AAVE_DEVNET_ETH_USD,
): Promise<void> {
  const pool = AAVE_V3.pool;
  const oracle = AAVE_V3.oracle;
  await ctx.place('AavePoolDouble', pool);
  await ctx.place('AaveOracleDouble', oracle);
  await ctx.write({ address: oracle, abi: aaveOracleAbi(), functionName: 'initialize', args: [ethUsd] });
  await ctx.write({ address: pool, abi: aavePoolAbi(), functionName: 'initialize', args: [oracle] });
  for (const symbol of Object.keys(AAVE_DEVNET_ATOKENS) as AaveReserveSymbol[]) {
    const aToken = AAVE_DEVNET_ATOKENS[symbol];
    const asset = TOKENS[symbol];
    await ctx.place('AaveAToken', aToken);
    await ctx.write({
      address: aToken,
      abi: artifact('AaveAToken').abi,
      functionName: 'initialize',
      args: [pool, asset, `Aave Ethereum ${symbol}`, `aEth${symbol}`],
    });
    const c = AAVE_RESERVE_CONFIG[symbol];
    await ctx.write({
      address: pool,
      abi: aavePoolAbi(),
      functionName: 'initReserve',
      args: [asset, aToken, c.ltv, c.liquidationThreshold, c.liquidationBonus],
    });
    const r = rates[symbol];
    if ('rate' in r) await ctx.write({ address: oracle, abi: aaveOracleAbi(), functionName: 'setAssetEthRate', args: [asset, r.rate] });
    else await ctx.write({ address: oracle, abi: aaveOracleAbi(), functionName: 'setAssetRateSource', args: [asset, r.source, r.data] });
  }
  for (const e of AAVE_EMODES) {
    await ctx.write({
      address: pool,
      abi: aavePoolAbi(),
      functionName: 'configureEModeCategory',
      args: [e.id, e.ltv, e.liquidationThreshold, e.liquidationBonus, e.label],
    });
    const symbols = new Set<AaveReserveSymbol>([...e.collateral, ...e.borrowable]);
    for (const s of symbols) {
      const flags = [(e.collateral as readonly string[]).includes(s), (e.borrowable as readonly string[]).includes(s)];
      await ctx.write({ address: pool, abi: aavePoolAbi(), functionName: 'setAssetEModeFlags', args: [e.id, TOKENS[s], ...flags] });
    }
  }
}

/** Approves and supplies `amount` of `asset` from `from` (onBehalfOf = from); returns the aToken balance after. */
export async function supplyToAave(ctx: DevnetContext, from: Address, asset: Address, amount: bigint): Promise<bigint> {
  await ctx.write({ address: asset, abi: erc20Abi, functionName: 'approve', args: [AAVE_V3.pool, amount], from });
  await ctx.write({ address: AAVE_V3.pool, abi: aavePoolAbi(), functionName: 'supply', args: [asset, amount, from, 0], from });
  const aToken = (await ctx.client.readContract({
    address: AAVE_V3.pool,
    abi: aavePoolAbi(),
    functionName: 'getReserveAToken',
    args: [asset],
  })) as Address;
  return ctx.client.readContract({ address: aToken, abi: erc20Abi, functionName: 'balanceOf', args: [from] });
}
