import type { Address } from 'viem';
import type { L2AaveRead, L2AaveReserveRead } from '../restaking/l2';
import type { AavePricing } from '../restaking/deployments';
import { liquidationFacts, type ReserveFacts } from '../risk/liquidation-facts';
import { WAD } from '../risk/wad';

/** One collateral of an L2 Aave position: its aToken balance, value at Aave's price and depeg-to-liquidation facts. */
export type ChainAaveCollateral = {
  symbol: string;
  aToken: Address;
  amount: bigint;
  /** amount at Aave's price of it over Aave's WETH price (ETH); null when a price is missing. */
  valueEth: bigint | null;
  /** lib/risk/liquidation-facts.ts's details, as on Ethereum: liquidationDistanceWad… or liquidationError. */
  liquidation: Record<string, string>;
};

export type ChainAavePosition = {
  account: Address;
  /** failed: getUserAccountData (or a balance) could not be read; the position is unknown, never safe. */
  status: 'ok' | 'failed';
  error?: string;
  /** getUserAccountData's health factor (WAD; uint256 max without debt). */
  healthFactorWad: bigint | null;
  totalCollateralBase: bigint | null;
  totalDebtBase: bigint | null;
  /** The debt at Aave's WETH price (ETH). */
  debtEth: bigint | null;
  eModeId: number | null;
  collaterals: ChainAaveCollateral[];
};

/** The Aave v3 market of one L2, per account with a position there (or whose read failed). */
export type ChainAave = { status: 'ok' | 'failed'; error?: string; pool: Address; positions: ChainAavePosition[] };

/**
 * How Aave prices a reserve on the L2s: WETH by ETH/USD; every registry token by a CAPO adapter over the exchange-rate
 * feed registry.ts lists as its rate source (aave-capo's Deploy<Chain>.s.sol), so a market discount alone does not
 * move the health factor — as on Ethereum.
 */
const pricedByOf = (symbol: string): AavePricing => (symbol === 'WETH' ? 'eth-usd' : 'exchange-rate');

const reserveFacts = (r: L2AaveReserveRead | undefined, symbol: string): ReserveFacts => ({
  symbol,
  configuration: r?.reserve.ok ? r.reserve.value.configuration : undefined,
  id: r?.reserve.ok ? r.reserve.value.id : undefined,
  price: r?.price.ok ? r.price.value : undefined,
  priceError: !r ? `${symbol} is not a reserve read on this chain` : r.price.ok ? '' : r.price.error,
});

/** The raw reads of one chain's batch → positions with health factor and distance, computed by lib/risk as on Ethereum. */
export function chainAave(read: L2AaveRead): ChainAave {
  const weth = read.reserves.find((r) => r.symbol === 'WETH');
  const wethPrice = weth?.price.ok ? weth.price.value : null;
  const positions = read.accounts.flatMap((acc, j): ChainAavePosition[] => {
    const errors: string[] = [];
    if (!acc.data.ok) errors.push(`getUserAccountData: ${acc.data.error}`);
    if (!acc.eMode.ok) errors.push(`getUserEMode: ${acc.eMode.error}`);
    const data = acc.data.ok ? acc.data.value : undefined;
    const eModeId = acc.eMode.ok ? Number(acc.eMode.value) : null;
    const eMode = eModeId ? read.eModes.find((e) => e.id === eModeId) : undefined;
    const collaterals = read.reserves.flatMap((r): ChainAaveCollateral[] => {
      const b = r.balances[j]!;
      if (!b.ok) {
        errors.push(`${r.symbol} aToken balanceOf: ${b.error}`);
        return [];
      }
      if (b.value === 0n) return [];
      const liquidation = liquidationFacts({
        amount: b.value,
        account: data,
        reserve: reserveFacts(r, r.symbol),
        weth: reserveFacts(weth, 'WETH'),
        eModeId: eModeId === null ? undefined : BigInt(eModeId),
        eModeThresholdBps: eMode?.config.ok ? eMode.config.value.liquidationThreshold : undefined,
        eModeBitmap: eMode?.bitmap.ok ? eMode.bitmap.value : undefined,
        eModeBitmapError: !eModeId
          ? undefined
          : !eMode
            ? `e-mode ${eModeId} is not among the categories read (lib/restaking/l2/aave-markets.ts)`
            : [eMode.config, eMode.bitmap].flatMap((x) => (x.ok ? [] : [x.error])).join('; ') || undefined,
        pricedBy: pricedByOf(r.symbol),
      });
      const base = liquidation.collateralBase === undefined ? null : BigInt(liquidation.collateralBase);
      const valueEth = base !== null && wethPrice ? (base * WAD) / wethPrice : null;
      return [{ symbol: r.symbol, aToken: r.aToken, amount: b.value, valueEth, liquidation }];
    });
    if (data && data[0] === 0n && data[1] === 0n && collaterals.length === 0 && errors.length === 0) return [];
    return [
      {
        account: acc.account,
        status: errors.length ? 'failed' : 'ok',
        ...(errors.length ? { error: errors.join('; ') } : {}),
        healthFactorWad: data ? data[5] : null,
        totalCollateralBase: data ? data[0] : null,
        totalDebtBase: data ? data[1] : null,
        debtEth: data && wethPrice ? (data[1] * WAD) / wethPrice : null,
        eModeId,
        collaterals,
      },
    ];
  });
  const failed = positions.find((p) => p.status === 'failed');
  return {
    status: failed ? 'failed' : 'ok',
    ...(failed ? { error: failed.error } : {}),
    pool: read.pool,
    positions,
  };
}
