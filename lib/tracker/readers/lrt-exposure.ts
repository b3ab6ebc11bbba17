import { isAddressEqual, type Address } from 'viem';
import { erc20Abi } from '../../chain/abis';
import { LRT_STAKERS } from '../../restaking/deployments';
import { PROTOCOLS } from '../../restaking/protocols';
import { RESTAKING_SYMBOLS, RESTAKING_TOKENS } from '../../restaking/tokens';
import type { RestakingSymbol } from '../../restaking/types';
import type { Position, ReadCall, Reads } from '../types';
import { lrtShareExposure } from '../valuation';
import { eigenLayerReader } from './eigenlayer';
import { bigintOf, errorOf, type PositionReader, type ReaderContext } from './reader';

const supplyKey = (s: RestakingSymbol) => `lrt:totalSupply:${s}`;
const LRTS = RESTAKING_SYMBOLS.filter((s) => RESTAKING_TOKENS[s].kind === 'lrt');

/** Families whose amount is a number of LRT tokens the holder has a claim on. */
const lrtOf = (p: Position): RestakingSymbol | undefined => {
  const symbol = p.family === 'token' ? p.asset : p.family === 'aave' ? p.details.underlying : undefined;
  return LRTS.find((s) => s === symbol);
};

type ProtocolRisk = { atRiskEth: bigint } | { error: string };

/**
 * An LRT holder's share of the protocol's slashing exposure (reference §6 step 6):
 * balance / totalSupply × Σ ETH at risk of the contracts that restake for the LRT. Those stakers
 * are read as EigenLayer accounts (same reads, same §6 math as direct stake). Where the registry
 * knows no stakers the exposure is reported as "unknown" in details — never as 0.
 * It adds no positions: it annotates token and Aave positions of LRTs.
 */
export function lrtExposureReader(stakers: Partial<Record<RestakingSymbol, readonly Address[]>> = LRT_STAKERS): PositionReader {
  const eigen = eigenLayerReader();
  const known = LRTS.filter((s) => (stakers[s]?.length ?? 0) > 0);
  const stakerAccounts = [...new Set(known.flatMap((s) => stakers[s] ?? []))];
  const asStakers = (ctx: ReaderContext): ReaderContext => ({ ...ctx, accounts: stakerAccounts });
  return {
    family: 'lrt-exposure',
    phase1: (ctx) => [
      ...known.map((s): ReadCall => ({
        key: supplyKey(s),
        address: RESTAKING_TOKENS[s].address,
        abi: erc20Abi,
        functionName: 'totalSupply',
      })),
      ...(stakerAccounts.length ? eigen.phase1(asStakers(ctx)) : []),
    ],
    phase2: (ctx, reads, rates) => (stakerAccounts.length ? (eigen.phase2?.(asStakers(ctx), reads, rates) ?? []) : []),
    positions: () => [],
    annotate: (ctx, reads, rates, positions) => {
      const stakerPositions = stakerAccounts.length ? eigen.positions(asStakers(ctx), reads, rates) : [];
      const risk = new Map(known.map((s) => [s, protocolRisk(stakers[s] ?? [], stakerPositions)]));
      return positions.map((p) => {
        const symbol = lrtOf(p);
        if (!symbol || p.status !== 'ok') return p;
        const r = risk.get(symbol);
        if (!r)
          return unknown(
            p,
            `the contracts that restake for ${PROTOCOLS[RESTAKING_TOKENS[symbol].protocol].name} (${symbol}) are not in the registry (LRT_STAKERS)`,
          );
        if ('error' in r) return unknown(p, r.error);
        return withShare(p, symbol, r.atRiskEth, reads);
      });
    },
  };
}

/** Σ worst-case ETH at risk over the stakers' EigenLayer positions (active and queued). */
function protocolRisk(stakers: readonly Address[], stakerPositions: readonly Position[]): ProtocolRisk {
  const mine = stakerPositions.filter((p) => stakers.some((s) => isAddressEqual(s, p.account)));
  const broken = mine.find((p) => p.status !== 'ok');
  if (broken) return { error: `staker ${broken.account}: ${broken.error ?? 'unreadable'}` };
  return { atRiskEth: mine.reduce((sum, p) => sum + (p.slashing?.worstCaseEth ?? 0n), 0n) };
}

function withShare(p: Position, symbol: RestakingSymbol, atRiskEth: bigint, reads: Reads): Position {
  const supply = bigintOf(reads, supplyKey(symbol));
  if (supply === undefined) return unknown(p, `${symbol} totalSupply: ${errorOf(reads, supplyKey(symbol))}`);
  const share = lrtShareExposure(p.amount, supply, atRiskEth);
  if (!share) return unknown(p, `${symbol} totalSupply ${supply} cannot be split for a balance of ${p.amount}`);
  return {
    ...p,
    slashing: { worstCaseEth: share.holderAtRiskEth, method: 'lrt-share' },
    details: {
      ...p.details,
      lrtExposure: 'known',
      lrtProtocolAtRiskEth: String(atRiskEth),
      lrtTotalSupply: String(supply),
      lrtShareOfSupplyWad: String(share.shareOfSupplyWad),
    },
  };
}

function unknown(p: Position, reason: string): Position {
  return { ...p, details: { ...p.details, lrtExposure: 'unknown', lrtExposureReason: reason } };
}
