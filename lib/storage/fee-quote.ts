import { z } from 'zod';
import type { Address } from 'viem';

/**
 * The network fee of a pending transaction (or of each call of a batch) as the approval window shows it
 * and as it will be signed, field for field. Decided when the request is queued, before it is shown;
 * changed only by the user's edits (each bumps `version`). lib/risk/fees holds the model (presets, cost,
 * caps); this is its stored form: wei and gas as decimal strings (session storage is JSON).
 */
export type FeeChoice = 'slow' | 'normal' | 'fast' | 'site' | 'custom';

/** One transaction of the request: a dApp transaction has one, a wallet_sendCalls batch one per call. */
export type StoredFeeTx = {
  nonce: number;
  /** Gas limit signed; '0' while unknown (the estimate failed and the user has not entered one). */
  gas: string;
  /** eth_estimateGas: the gas the call is likely to use. */
  gasEstimate?: string;
  /** Why the estimate failed (usually the call reverts); the user then sets the gas limit. */
  gasEstimateError?: string;
  /** wei sent with the call. */
  value: string;
};

/** What the chain said when the fee was quoted. The presets and the caps are computed from it. */
export type StoredFeeMarket = {
  /** The chain has EIP-1559 base fees (eth_feeHistory answers a non-zero base fee). */
  eip1559: boolean;
  /** The next block's base fee, as the node computed it from the latest block. */
  nextBaseFee: string;
  /** nextBaseFee raised by the recent trend (never lowered): what the presets plan for. */
  plannedBaseFee: string;
  /** Median over the window of each block's 10th / 50th / 90th percentile priority fee. */
  priority: [string, string, string];
  /** eth_gasPrice: the node's legacy gas price. */
  gasPrice: string;
  /** Blocks of history read, and the newest one. */
  blocks: number;
  newestBlock: string;
  /** eth_getTransactionCount(from, 'pending') when quoted. */
  pendingNonce: number;
};

/** ETH/USD from the Chainlink feed on chain (8 decimals on mainnet), read with the quote. */
export type StoredEthUsd = { answer: string; decimals: number; updatedAt: number; feed: Address };

export type StoredFeeQuote = {
  /** Bumped on every change; an approval names the version it was given for. */
  version: number;
  network: { name: string; chainId: number };
  type: 'eip1559' | 'legacy';
  choice: FeeChoice;
  /** Where the (first) nonce came from: the chain's pending count, the dApp, or the user's edit. */
  nonceSource: 'chain' | 'site' | 'user';
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  gasPrice?: string;
  txs: StoredFeeTx[];
  market: StoredFeeMarket;
  ethUsd?: StoredEthUsd;
  /** Why there is no USD price (no feed on this chain, the read failed, a stale answer). */
  ethUsdError?: string;
  quotedAt: number;
  /** Shown above the fee: e.g. the chain moved since the user last approved and this is a new quote. */
  notice?: string;
};

const wei = z.string().regex(/^\d+$/, 'not a decimal integer');
const address = z.custom<Address>((v) => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v), 'not an address');

export const storedFeeQuoteSchema = z.object({
  version: z.number().int().nonnegative(),
  network: z.object({ name: z.string(), chainId: z.number().int().positive() }),
  type: z.enum(['eip1559', 'legacy']),
  choice: z.enum(['slow', 'normal', 'fast', 'site', 'custom']),
  nonceSource: z.enum(['chain', 'site', 'user']),
  maxFeePerGas: wei.optional(),
  maxPriorityFeePerGas: wei.optional(),
  gasPrice: wei.optional(),
  txs: z
    .array(
      z.object({
        nonce: z.number().int().nonnegative(),
        gas: wei,
        gasEstimate: wei.optional(),
        gasEstimateError: z.string().optional(),
        value: wei,
      }),
    )
    .min(1),
  market: z.object({
    eip1559: z.boolean(),
    nextBaseFee: wei,
    plannedBaseFee: wei,
    priority: z.tuple([wei, wei, wei]),
    gasPrice: wei,
    blocks: z.number().int().nonnegative(),
    newestBlock: wei,
    pendingNonce: z.number().int().nonnegative(),
  }),
  ethUsd: z.object({ answer: wei, decimals: z.number().int().nonnegative(), updatedAt: z.number(), feed: address }).optional(),
  ethUsdError: z.string().optional(),
  quotedAt: z.number(),
  notice: z.string().optional(),
}) satisfies z.ZodType<StoredFeeQuote, unknown>;
