import type { Address } from 'viem';
import type { TokenSymbol } from '../../../lib/restaking/addresses';
import type { DevnetContext } from '../context';

/** Tokens with a fair ETH rate (every registry token but WETH). */
export type RatedSymbol = Exclude<TokenSymbol, 'WETH'>;

/** What seedTokens placed: addresses and the fair rates it set (wei of ETH per 1e18 token units). */
export type TokensSeed = {
  tokens: Record<TokenSymbol, Address>;
  /** Protocol contracts (deposit pools, oracles, managers) by registry name, plus multicall3. */
  contracts: Record<string, Address>;
  /** Fair ETH per 1e18 of each token, exactly as the doubles report it after seeding. */
  rates: Record<RatedSymbol, bigint>;
  /** Chainlink market feeds placed (18-decimal answers = ETH per token). */
  feeds: Record<string, { address: Address; answer: bigint; decimals: number }>;
};

// The implementation lands in the next commit; the type is published first so other seeds can import it.
export async function seedTokens(_ctx: DevnetContext): Promise<TokensSeed> {
  throw new Error('seedTokens: not implemented yet');
}
