import { encodeFunctionData, parseAbi, type Address, type Hex } from 'viem';
import { L2_AAVE_MARKETS, L2_CHAINS, type L2AaveReserveSymbol, type L2ChainId } from '../../../lib/restaking/l2';
import type { DevnetContext } from '../context';
import { doubleAbi, placeDouble } from './abi';
import { writeMany, type BatchCall } from './batch';
import { AAVE_RESERVE_CONFIG } from './defi-aave';
import { DEVNET_ETH_USD } from './eth-usd';

/**
 * Aave v3 on an L2 devnet (issue #18, item 4): the Pool, Oracle and aToken doubles (contracts/defi/aave) at the
 * addresses of lib/restaking/l2 (registry.ts's pool, aave-markets.ts's oracle and aTokens), a WETH9 double at the
 * chain's WETH, each registry-token reserve priced as Aave prices it there: ETH/USD × the exchange-rate feed that
 * registry.ts lists as the token's rate source, read live (so a move of that feed moves the health factor), WETH at 1.
 * The PoolAddressesProvider itself is not placed: nothing reads it (the Pool double is given its oracle directly); the
 * Pool's ADDRESSES_PROVIDER() names it, as the smoke check expects.
 */

/** Outside e-mode (devnet values): the L1 seed's, by the L1 token an L2 token stands for; rETH and cbETH as wstETH. */
const reserveConfig = (s: L2AaveReserveSymbol) =>
  AAVE_RESERVE_CONFIG[s === 'wrsETH' ? 'rsETH' : s === 'rETH' || s === 'cbETH' ? 'wstETH' : s];

/**
 * The ETH e-modes seeded, named as AaveV3<Chain>EModes names them ("collateral__borrowable"), with the L1 seed's
 * assumed 93 % / 95 % / 1 % (the address book gives ids and names, not parameters).
 */
const DEVNET_EMODES: Partial<Record<L2ChainId, { id: number; label: string }[]>> = {
  42161: [
    { id: 2, label: 'WETH_wstETH_weETH__WETH' },
    { id: 3, label: 'ezETH__WETH_wstETH' },
    { id: 5, label: 'rsETH__WETH_wstETH' },
    { id: 7, label: 'wstETH__WETH' },
  ],
  8453: [
    { id: 1, label: 'WETH_cbETH_wstETH_weETH__WETH' },
    { id: 2, label: 'ezETH__wstETH' },
    { id: 5, label: 'wrsETH__WETH_wstETH' },
    { id: 7, label: 'weETH__WETH' },
    { id: 8, label: 'wstETH__WETH' },
    { id: 9, label: 'cbETH__WETH' },
  ],
};

/** WETH supplied by the liquidity account so loops can borrow. */
export const L2_AAVE_WETH_LIQUIDITY = 500n * 10n ** 18n;
/** anvil account 9 supplies the WETH liquidity (not a demo user). */
export const L2_AAVE_LP_INDEX = 9;

const callData = (sig: string): Hex => {
  const abi = parseAbi([sig] as [string]);
  return encodeFunctionData({ abi, functionName: (abi[0] as { name: string }).name } as never);
};

export type L2AaveSeed = { pool: Address; oracle: Address; weth: Address; reserves: { symbol: string; asset: Address; aToken: Address }[] };

/** Places and lists the market of `chainId`; undefined where the registry has no Aave there. */
export async function seedL2Aave(ctx: DevnetContext, chainId: L2ChainId, lp: Address): Promise<L2AaveSeed | undefined> {
  const chain = L2_CHAINS[chainId];
  const market = L2_AAVE_MARKETS[chainId];
  if (!chain.aaveV3 || !market) return undefined;
  const { pool } = chain.aaveV3;
  const { oracle, reserves } = market;
  const weth = reserves.find((r) => r.symbol === 'WETH')!.asset;
  await Promise.all([
    placeDouble(ctx, 'AavePoolDouble', pool),
    placeDouble(ctx, 'AaveOracleDouble', oracle),
    placeDouble(ctx, 'WETH9', weth),
    ...reserves.map((r) => placeDouble(ctx, 'AaveAToken', r.aToken)),
  ]);
  const poolAbi = doubleAbi('AavePoolDouble');
  const oracleAbi = doubleAbi('AaveOracleDouble');
  const calls: BatchCall[] = [
    { address: oracle, abi: oracleAbi, functionName: 'initialize', args: [DEVNET_ETH_USD] },
    { address: pool, abi: poolAbi, functionName: 'initialize', args: [oracle] },
    { address: pool, abi: poolAbi, functionName: 'setAddressesProvider', args: [chain.aaveV3.poolAddressesProvider] },
  ];
  for (const r of reserves) {
    const c = reserveConfig(r.symbol);
    calls.push(
      {
        address: r.aToken,
        abi: doubleAbi('AaveAToken'),
        functionName: 'initialize',
        args: [pool, r.asset, `Aave ${chain.name} ${r.symbol}`, `a${r.symbol}`],
      },
      {
        address: pool,
        abi: poolAbi,
        functionName: 'initReserve',
        args: [r.asset, r.aToken, c.ltv, c.liquidationThreshold, c.liquidationBonus],
      },
    );
    const source = chain.tokens.find((t) => t.symbol === r.symbol)?.rateSource;
    if (!source) calls.push({ address: oracle, abi: oracleAbi, functionName: 'setAssetEthRate', args: [r.asset, 10n ** 18n] });
    else {
      const data = callData(
        source.kind === 'kelp-rate-receiver'
          ? 'function getRate() view returns (uint256)'
          : 'function latestAnswer() view returns (int256)',
      );
      calls.push({ address: oracle, abi: oracleAbi, functionName: 'setAssetRateSource', args: [r.asset, source.address, data] });
    }
  }
  const idOf = new Map(reserves.map((r) => [r.symbol as string, r.asset]));
  for (const e of DEVNET_EMODES[chainId] ?? []) {
    calls.push({
      address: pool,
      abi: poolAbi,
      functionName: 'configureEModeCategory',
      args: [e.id, 9300, 9500, 10100, `${e.label} (values assumed)`],
    });
    const [collateral, borrowable] = e.label.split('__').map((side) => side.split('_'));
    for (const s of new Set([...collateral!, ...borrowable!])) {
      const asset = idOf.get(s);
      if (!asset) throw new Error(`e-mode ${e.label}: ${s} is not a seeded reserve on ${chain.name}`);
      calls.push({
        address: pool,
        abi: poolAbi,
        functionName: 'setAssetEModeFlags',
        args: [e.id, asset, collateral!.includes(s), borrowable!.includes(s)],
      });
    }
  }
  await writeMany(ctx, calls);
  const wethAbi = doubleAbi('WETH9');
  await writeMany(
    ctx,
    [
      { address: weth, abi: wethAbi, functionName: 'deposit', value: L2_AAVE_WETH_LIQUIDITY },
      { address: weth, abi: wethAbi, functionName: 'approve', args: [pool, L2_AAVE_WETH_LIQUIDITY] },
      { address: pool, abi: poolAbi, functionName: 'supply', args: [weth, L2_AAVE_WETH_LIQUIDITY, lp, 0] },
    ],
    { from: lp },
  );
  return { pool, oracle, weth, reserves: reserves.map((r) => ({ symbol: r.symbol, asset: r.asset, aToken: r.aToken })) };
}

export type L2AaveLoopParameters = {
  user: Address;
  /** The LRT supplied as collateral (minted to the user by the bridge double first). */
  collateral: L2AaveReserveSymbol;
  supply: bigint;
  /** WETH borrowed against it. */
  borrow: bigint;
  /** An e-mode category to enter before borrowing (0: none). */
  eModeId?: number;
};

/** A user's loop on the L2 double: bridge-mint the collateral, supply it, enter the e-mode, borrow WETH. */
export async function seedL2AaveLoop(ctx: DevnetContext, chainId: L2ChainId, p: L2AaveLoopParameters): Promise<void> {
  const market = L2_AAVE_MARKETS[chainId];
  const pool = L2_CHAINS[chainId].aaveV3?.pool;
  if (!market || !pool) throw new Error(`No Aave v3 on chain ${chainId} in the registry`);
  const asset = market.reserves.find((r) => r.symbol === p.collateral)?.asset;
  const weth = market.reserves.find((r) => r.symbol === 'WETH')!.asset;
  if (!asset) throw new Error(`${p.collateral} is not an Aave reserve on chain ${chainId}`);
  const poolAbi = doubleAbi('AavePoolDouble');
  await writeMany(ctx, [{ address: asset, abi: doubleAbi('L2BridgedToken'), functionName: 'bridgeMint', args: [p.user, p.supply] }]);
  await writeMany(
    ctx,
    [
      { address: asset, abi: doubleAbi('L2BridgedToken'), functionName: 'approve', args: [pool, p.supply] },
      { address: pool, abi: poolAbi, functionName: 'supply', args: [asset, p.supply, p.user, 0] },
      ...(p.eModeId ? [{ address: pool, abi: poolAbi, functionName: 'setUserEMode', args: [p.eModeId] }] : []),
      { address: pool, abi: poolAbi, functionName: 'borrow', args: [weth, p.borrow, 2n, 0, p.user] },
    ],
    { from: p.user },
  );
}
