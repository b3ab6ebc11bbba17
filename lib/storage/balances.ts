import type { Address } from 'viem';
import { z } from 'zod';
import { defineCheckedItem } from './checked-item';
import type { StoredEthUsd } from './fee-quote';
import { addressSchema, salvagedArray, salvagedRecord } from './schemas';

/** A token the user added on Home by its address; symbol, decimals and name were read from the chain. */
export type StoredCustomToken = { chainId: number; address: Address; symbol: string; decimals: number; name?: string; addedAt: number };

/** Where a Home row comes from: the native coin, Ballast's registry, a dApp's wallet_watchAsset, the user's own add. */
export type BalanceSource = 'native' | 'registry' | 'watched' | 'custom';

/**
 * How a row was priced in ETH: the native coin itself, a 1:1 peg (WETH), the tracker's 1-token market rate or,
 * without a market, the fair (protocol) rate. `fairWad` / `marketWad` are both kept so the row shows fair vs market.
 */
export type StoredRowPrice = { basis: 'native' | 'peg' | 'market' | 'fair'; rateWad: string; fairWad?: string; marketWad?: string };

/** One Home row. Amounts in the token's smallest unit, values in wei and in the feed's USD units, as decimal strings. */
export type StoredBalanceRow = {
  /** 'native' or the token's lower-case address. */
  id: string;
  symbol: string;
  name?: string;
  address?: Address;
  decimals: number;
  source: BalanceSource;
  kind?: 'lst' | 'lrt';
  /** null when balanceOf failed (see error). */
  amount: string | null;
  error?: string;
  price: StoredRowPrice | null;
  valueEth: string | null;
  valueUsd: string | null;
  /** Under $1 (or a zero balance without a price): behind "Show small balances". */
  dust: boolean;
};

/** The last Home read of one account on one network, shown at once when Home opens. */
export type StoredBalances = {
  networkKey: string;
  chainId: number;
  account: Address;
  blockNumber: string;
  takenAt: number;
  rows: StoredBalanceRow[];
  /** ETH plus every priced token's value, wei. Unpriced and failed rows are not in it (they are named). */
  totalEth: string;
  /** totalEth × ETH/USD in the feed's units (usdDecimals), or null without a price. */
  totalUsd: string | null;
  usdDecimals: number;
  ethUsd?: StoredEthUsd;
  ethUsdError?: string;
};

const MAX_DECIMALS = 36;
const decimal = z.string().regex(/^\d{1,80}$/);
const symbol = z.string().min(1).max(32);

const customTokenSchema = z.object({
  chainId: z.number().int().positive(),
  address: addressSchema,
  symbol,
  decimals: z.number().int().min(0).max(MAX_DECIMALS),
  name: z.string().max(64).optional(),
  addedAt: z.number().int().nonnegative(),
}) satisfies z.ZodType<StoredCustomToken, unknown>;

/**
 * Tokens added by address, every chain in one list (each entry names its chain). A damaged entry is dropped
 * alone; a damaged whole reads as empty (the user adds the address again: nothing but a label is lost, the
 * tokens stay on chain).
 */
export const customTokensItem = defineCheckedItem<StoredCustomToken[]>('local:ballast.customTokens', {
  label: 'custom tokens',
  schema: salvagedArray(customTokenSchema),
  fallback: [],
  version: 1,
  onCorrupt: 'reset',
});

const rowSchema = z.object({
  id: z.string().min(1).max(64),
  symbol,
  name: z.string().max(64).optional(),
  address: addressSchema.optional(),
  decimals: z.number().int().min(0).max(MAX_DECIMALS),
  source: z.enum(['native', 'registry', 'watched', 'custom']),
  kind: z.enum(['lst', 'lrt']).optional(),
  amount: decimal.nullable(),
  error: z.string().max(2_000).optional(),
  price: z
    .object({
      basis: z.enum(['native', 'peg', 'market', 'fair']),
      rateWad: decimal,
      fairWad: decimal.optional(),
      marketWad: decimal.optional(),
    })
    .nullable(),
  valueEth: decimal.nullable(),
  valueUsd: decimal.nullable(),
  dust: z.boolean(),
}) satisfies z.ZodType<StoredBalanceRow, unknown>;

const balancesSchema = z.object({
  networkKey: z.string(),
  chainId: z.number().int().positive(),
  account: addressSchema,
  blockNumber: decimal,
  takenAt: z.number(),
  rows: z.array(rowSchema),
  totalEth: decimal,
  totalUsd: decimal.nullable(),
  usdDecimals: z.number().int().min(0).max(MAX_DECIMALS),
  ethUsd: z.object({ answer: decimal, decimals: z.number().int().nonnegative(), updatedAt: z.number(), feed: addressSchema }).optional(),
  ethUsdError: z.string().optional(),
}) satisfies z.ZodType<StoredBalances, unknown>;

/** Keyed by `${networkKey}:${account lower-case}`; derived data: a damaged snapshot is dropped and Home reads again. */
export const balancesSnapshotsItem = defineCheckedItem<Record<string, StoredBalances>>('local:ballast.homeBalances', {
  label: 'home balances',
  schema: salvagedRecord(balancesSchema),
  fallback: {},
  version: 1,
  onCorrupt: 'reset',
});
