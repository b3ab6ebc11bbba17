import { z } from 'zod';
import type { Address, Hex } from 'viem';
import { storedFeeQuoteSchema } from './fee-quote';

/**
 * Shapes of the wallet core's stored items, checked on every read (see defineCheckedItem). Lists and
 * maps whose entries are independent keep their readable entries and drop the damaged ones; an entry
 * the user would miss silently (an account) is never dropped: its item fails as a whole instead.
 */

export const addressSchema = z.custom<Address>((v) => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v), 'not an address');
export const hexSchema = z.custom<Hex>((v) => typeof v === 'string' && /^0x[0-9a-fA-F]*$/.test(v), 'not hex');

/** An array whose unreadable entries are dropped (a non-array still fails). */
export function salvagedArray<T>(entry: z.ZodType<T, unknown>) {
  return z.array(z.unknown()).transform((list) =>
    list.flatMap((e) => {
      const parsed = entry.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    }),
  );
}

/** A string-keyed map whose unreadable entries are dropped (a non-object still fails). */
export function salvagedRecord<T>(entry: z.ZodType<T, unknown>) {
  return z.record(z.string(), z.unknown()).transform((map) => {
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(map)) {
      const parsed = entry.safeParse(v);
      if (parsed.success) out[k] = parsed.data;
    }
    return out;
  });
}

export const storedAccountSchema = z.object({
  address: addressSchema,
  name: z.string(),
  kind: z.enum(['hd', 'imported', 'watch', 'ledger', 'keystone']),
  hidden: z.boolean(),
  index: z.number().int().nonnegative().optional(),
  hardware: z
    .object({
      path: z.string().regex(/^(\d+'?\/)*\d+'?$/),
      xfp: z
        .string()
        .regex(/^[0-9a-f]{8}$/i)
        .optional(),
    })
    .optional(),
});
export const accountsSchema = z.array(storedAccountSchema);

/** Each field falls back alone: a damaged auto-lock time does not cost the selected account. */
export const walletMetaSchema = z.object({
  selectedAddress: addressSchema.optional().catch(undefined),
  autoLockMinutes: z.number().positive().catch(15),
  backupPending: z.boolean().catch(false),
});

export const sessionSecretsSchema = z
  .object({
    mnemonic: z.string().optional(),
    importedKeys: z.record(z.string(), hexSchema),
    exportedKey: z.string(),
    salt: z.string(),
  })
  .nullable();

/**
 * `chainId`: the network the site switched to (EIP-3326/3085); absent, the site follows the wallet's network.
 * A damaged chain id alone falls back to following the wallet (logged): the connection and its accounts stay.
 */
export const permissionSchema = z.object({
  origin: z.string(),
  accounts: z.array(addressSchema),
  connectedAt: z.number(),
  chainId: z
    .number()
    .int()
    .positive()
    .optional()
    .catch((ctx) => {
      console.warn(
        `[ballast] a connected site's stored chain id is unreadable (${JSON.stringify(ctx.value)}); it follows the wallet's network`,
      );
      return undefined;
    }),
});
export const permissionsSchema = salvagedRecord(permissionSchema);

export const storedNetworkSchema = z.object({
  key: z.string().min(1),
  chainId: z.number().int().positive(),
  name: z.string(),
  rpcUrls: z.array(z.string()),
  nativeSymbol: z.string(),
  explorerUrl: z.string().optional(),
  builtIn: z.boolean(),
});
export const networkStateSchema = z.object({ networks: salvagedArray(storedNetworkSchema), activeKey: z.string().catch('') }).nullable();

export const pendingKindSchema = z.enum([
  'connect',
  'transaction',
  'signature',
  'batch',
  'addChain',
  'switchChain',
  'watchAsset',
  'unlock',
]);
export const storedPendingSchema = z.object({
  id: z.string(),
  origin: z.string(),
  kind: pendingKindSchema,
  method: z.string(),
  params: z.unknown(),
  createdAt: z.number(),
  chainId: z.number(),
  dedupeKey: z.string().optional(),
  fee: storedFeeQuoteSchema.optional(),
  decision: z
    .object({ approved: z.boolean(), accounts: z.array(addressSchema).optional(), fee: storedFeeQuoteSchema.optional() })
    .optional(),
  handedOver: z.boolean().optional(),
});
export const pendingSchema = salvagedArray(storedPendingSchema);

const decimal = z.string().regex(/^\d+$/);

export const activityItemSchema = z.object({
  hash: hexSchema,
  from: addressSchema,
  to: addressSchema.optional(),
  value: z.string().regex(/^\d+$/),
  chainId: z.number(),
  status: z.enum(['pending', 'confirmed', 'failed', 'replaced', 'cancelled']),
  submittedAt: z.number(),
  origin: z.string(),
  blockNumber: z.string().optional(),
  nonce: z.number().int().nonnegative().optional(),
  fee: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('eip1559'), gas: decimal, maxFeePerGas: decimal, maxPriorityFeePerGas: decimal }),
      z.object({ type: z.literal('legacy'), gas: decimal, gasPrice: decimal }),
    ])
    .optional(),
  data: hexSchema.optional(),
  kind: z.enum(['transaction', 'speed-up', 'cancel']).optional(),
  replaces: hexSchema.optional(),
  replacedBy: hexSchema.optional(),
  recipient: addressSchema.optional(),
  token: addressSchema.optional(),
  amount: decimal.optional(),
});
export const activitySchema = salvagedArray(activityItemSchema);

export const settingsSchema = z.object({
  defaultWallet: z.boolean().catch(false),
  guardMode: z.boolean().catch(true),
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
  txNotifications: z.boolean().catch(true),
});

export const watchedAssetSchema = z.object({
  chainId: z.number(),
  address: addressSchema,
  symbol: z.string(),
  decimals: z.number().int().nonnegative(),
  image: z.string().optional(),
});
export const watchedAssetsSchema = salvagedArray(watchedAssetSchema);

export const callBundleSchema = z.object({
  id: z.string(),
  origin: z.string(),
  chainId: z.number(),
  from: addressSchema,
  hashes: z.array(hexSchema),
  error: z.string().optional(),
  createdAt: z.number(),
  flowId: z.string().optional(),
});
export const callBundlesSchema = salvagedArray(callBundleSchema);
