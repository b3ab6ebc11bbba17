import type { Address } from 'viem';
import { erc20Abi, pendleMarketAbi, pendleOracleAbi } from '../../chain/abis';
import { PENDLE } from '../../restaking/addresses';
import { PENDLE_MARKETS, type PendleMarket } from '../../restaking/deployments';
import { BALANCE_READ_GAS } from '../batch-reads';
import type { Position, ReadCall } from '../types';
import { mulWad, WAD } from '../valuation';
import { bigintOf, errorOf, positionId, type PositionReader } from './reader';
import { coinRates } from './value';

/** Pendle's recommended TWAP window; the oracle reverts if the market's observation buffer is too short. */
export const PENDLE_TWAP_SECONDS = 900;
const YEAR_SECONDS = 365 * 24 * 3600;

const k = {
  rate: (m: PendleMarket) => `pendle:${m.market}:ptToAssetRate`,
  expiry: (m: PendleMarket) => `pendle:${m.market}:expiry`,
  balance: (m: PendleMarket, a: Address) => `pendle:${m.pt}:bal:${a}`,
};

/**
 * Implied fixed APY of a PT priced at `ptRate` (asset per PT, WAD) with `secondsToExpiry` left:
 * (1 / rate)^(1y / t) − 1 (reference §5d, zero-coupon math). Null at or after maturity.
 */
export function impliedApy(ptRate: bigint, secondsToExpiry: bigint): number | null {
  if (secondsToExpiry <= 0n || ptRate <= 0n) return null;
  const price = Number((ptRate * 10n ** 12n) / WAD) / 1e12;
  return Math.pow(1 / price, YEAR_SECONDS / Number(secondsToExpiry)) - 1;
}

/**
 * Pendle PT (reference §5d): the PT balance valued through PYYtLpOracle.getPtToAssetRate (a TWAP of
 * the market, so it is the market value) times the accounting asset's fair rate; maturity, time
 * left and the implied fixed APY. At maturity 1 PT redeems for 1 asset: that face value is shown too.
 * Devnet-only markets whose reads fail are skipped: on mainnet they have no code.
 */
export function pendleReader(markets: readonly PendleMarket[] = PENDLE_MARKETS): PositionReader {
  return {
    family: 'pendle-pt',
    phase1: ({ accounts }) =>
      markets.flatMap((m): ReadCall[] => [
        {
          key: k.rate(m),
          address: PENDLE.ptOracle,
          abi: pendleOracleAbi,
          functionName: 'getPtToAssetRate',
          args: [m.market, PENDLE_TWAP_SECONDS],
          gas: 300_000n,
        },
        { key: k.expiry(m), address: m.market, abi: pendleMarketAbi, functionName: 'expiry' },
        ...accounts.map((a): ReadCall => ({
          key: k.balance(m, a),
          address: m.pt,
          abi: erc20Abi,
          functionName: 'balanceOf',
          args: [a],
          gas: BALANCE_READ_GAS,
        })),
      ]),
    positions: ({ accounts, blockTimestamp }, reads, rates) =>
      markets.flatMap((m) =>
        accounts.flatMap((a): Position[] => {
          const base = {
            id: positionId('pendle-pt', a, m.pt),
            family: 'pendle-pt' as const,
            account: a,
            asset: m.label,
            sources: [
              { contract: m.pt, call: 'balanceOf' },
              { contract: PENDLE.ptOracle, call: 'getPtToAssetRate' },
              { contract: m.market, call: 'expiry' },
            ],
          };
          const fail = (error: string, amount = 0n): Position[] =>
            m.devnetOnly && amount === 0n
              ? []
              : [{ ...base, status: 'failed', error, amount, fairValueEth: null, marketValueEth: null, depegWad: null, details: {} }];
          const amount = bigintOf(reads, k.balance(m, a));
          if (amount === undefined) return fail(`PT balanceOf: ${errorOf(reads, k.balance(m, a))}`);
          if (amount === 0n) return [];
          const ptRate = bigintOf(reads, k.rate(m));
          const expiry = bigintOf(reads, k.expiry(m));
          const asset = coinRates(m.asset, rates);
          if (ptRate === undefined) return fail(`getPtToAssetRate: ${errorOf(reads, k.rate(m))}`, amount);
          if (expiry === undefined) return fail(`market expiry: ${errorOf(reads, k.expiry(m))}`, amount);
          if (asset.fairRate === null) return fail(`fair rate of ${m.asset}: ${asset.error ?? 'unknown'}`, amount);
          const assetAmount = mulWad(amount, ptRate);
          const valueEth = mulWad(assetAmount, asset.fairRate);
          const left = blockTimestamp === undefined ? undefined : expiry - blockTimestamp;
          const apy = left === undefined ? null : impliedApy(ptRate, left);
          return [
            {
              ...base,
              status: 'ok',
              amount,
              fairValueEth: valueEth,
              marketValueEth: valueEth,
              depegWad: null,
              marketSource: `pendle PYYtLpOracle ${PENDLE.ptOracle} getPtToAssetRate(${m.market}, ${PENDLE_TWAP_SECONDS}s TWAP)`,
              details: {
                market: m.market,
                pt: m.pt,
                accountingAsset: m.asset,
                ...(m.lrt ? { ptLrt: m.lrt } : {}),
                ptToAssetRate: String(ptRate),
                assetAmount: String(assetAmount),
                faceValueEth: String(mulWad(amount, asset.fairRate)),
                maturity: String(expiry),
                matured: String(left !== undefined && left <= 0n),
                ...(left !== undefined ? { secondsToMaturity: String(left > 0n ? left : 0n) } : {}),
                impliedApy: apy === null ? 'n/a (matured or no block time)' : apy.toFixed(8),
              },
            },
          ];
        }),
      ),
  };
}
