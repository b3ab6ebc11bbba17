import type { Client } from 'viem';
import { serializeError } from '../errors';
import { readYield, type ReadYieldReturnType, type WindowYield } from '../insights/yield';
import { RESTAKING_SYMBOLS, type RestakingSymbol } from '../restaking';

/** Expected yield of one recipe as the picker shows it (JSON-safe: amounts as decimal strings). */
export type RecipeYieldView = {
  recipeId: string;
  /** The staked token whose APR this is; absent when the recipe ends in no staked token (Pendle PT). */
  symbol?: string;
  /** The token whose rate is compared (a rebasing token grows in its wrapper: stETH → wstETH). */
  measuredOn?: string;
  status: 'measured' | 'unknown';
  /** Simple APR, WAD (5e16 = 5 %), from `windowDays` of fair-rate growth. */
  aprWad?: string;
  windowDays?: number;
  fromBlock?: string;
  toBlock?: string;
  /** Short reason for "unknown", e.g. "chain too young". */
  reason?: string;
  /** The long why, and what the user can do about it. */
  detail?: string;
  /** The contract call whose growth gives the figure. */
  source?: string;
  /** What the figure leaves out for this recipe (lending interest, pool fees, rewards). */
  excludes?: string;
};

const REASON_TEXT: Record<Extract<WindowYield, { ok: false }>['reason'], string> = {
  'chain-too-young': 'chain too young',
  'state-unavailable': 'RPC keeps no old state',
  'rate-failed': 'rate could not be read',
};

/** The staked token a recipe id ends in ("aave:rsETH" → rsETH); undefined for recipes without one. */
export function stakedTokenOf(recipeId: string): RestakingSymbol | undefined {
  const [kind, symbol] = recipeId.split(':');
  if (kind === 'pendle') return undefined;
  return RESTAKING_SYMBOLS.find((s) => s === symbol);
}

function excludesOf(recipeId: string, symbol: string): string | undefined {
  const kind = recipeId.split(':')[0];
  if (kind === 'aave') return `Staking APR of ${symbol} only: Aave's supply interest on top is not counted.`;
  if (kind === 'curve')
    return `Staking APR of ${symbol} only: Curve fees and rewards are not counted, and the pool's ETH side earns no staking yield.`;
  if (kind === 'eigen') return `Staking APR of ${symbol} only: EigenLayer rewards from the operator's AVSs are not counted.`;
  return undefined;
}

/**
 * Maps one readYield answer (or its failure) onto the recipes: the longest window that has a figure,
 * else "unknown" with the shortest window's reason (if even 7 days are missing, that is the story).
 */
export function recipeYieldsFrom(recipeIds: readonly string[], read: ReadYieldReturnType | { error: unknown }): RecipeYieldView[] {
  return recipeIds.map((recipeId): RecipeYieldView => {
    const symbol = stakedTokenOf(recipeId);
    if (!symbol) {
      return {
        recipeId,
        status: 'unknown',
        reason: 'fixed yield set by the PT price',
        detail:
          'A Pendle PT pays the difference between its price now and 1 underlying at maturity; the preview shows the PT you get for your ETH. Ballast does not read the market’s implied APY.',
      };
    }
    const excludes = excludesOf(recipeId, symbol);
    const base = { recipeId, symbol, ...(excludes ? { excludes } : {}) };
    if ('error' in read) {
      return {
        ...base,
        status: 'unknown',
        reason: 'could not read the chain',
        detail: `${serializeError(read.error).message}. Check the RPC in Networks, then open Stake again.`,
      };
    }
    const token = read.tokens.find((t) => t.symbol === symbol);
    if (!token) return { ...base, status: 'unknown', reason: 'not read', detail: `The yield of ${symbol} was not part of the read.` };
    const measured = { ...base, measuredOn: token.measuredOn, source: token.source };
    const windows = [...token.windows].sort((a, b) => b.days - a.days);
    const best = windows.find((w): w is Extract<WindowYield, { ok: true }> => w.ok);
    if (best) {
      return {
        ...measured,
        status: 'measured',
        aprWad: best.aprWad.toString(),
        windowDays: best.days,
        fromBlock: best.pastBlock.number.toString(),
        toBlock: read.latest.number.toString(),
      };
    }
    const shortest = windows.at(-1);
    if (!shortest || shortest.ok)
      return { ...measured, status: 'unknown', reason: 'no window read', detail: 'No yield window was asked for.' };
    return { ...measured, status: 'unknown', reason: REASON_TEXT[shortest.reason], detail: shortest.detail };
  });
}

/** One readYield over every staked token the recipes end in (one head read, a few block searches). */
export async function readRecipeYields(client: Client, recipeIds: readonly string[]): Promise<RecipeYieldView[]> {
  const symbols = [...new Set(recipeIds.map(stakedTokenOf).filter((s): s is RestakingSymbol => s !== undefined))];
  const read = await readYield(client, { symbols }).catch((error: unknown) => ({ error }));
  return recipeYieldsFrom(recipeIds, read);
}
