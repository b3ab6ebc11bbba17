import { getAddress, isAddress } from 'viem';
import { z } from 'zod';
import { checksumProblem } from '../risk/traps/recipient';

/** zod schemas for every method's params; a failure becomes -32602 with the path and what to fix. */

export const addressSchema = z
  .string({ error: 'expected a 0x-prefixed 20-byte address string' })
  .refine((v) => isAddress(v, { strict: false }), { message: 'expected a 0x-prefixed 20-byte hex address (40 hex characters)' })
  .transform((v) => getAddress(v));

/** A recipient: like addressSchema, but a mixed-case address whose EIP-55 checksum does not match is refused. */
export const recipientSchema = z
  .string({ error: 'expected a 0x-prefixed 20-byte address string' })
  .refine((v) => isAddress(v, { strict: false }), { message: 'expected a 0x-prefixed 20-byte hex address (40 hex characters)' })
  .superRefine((v, ctx) => {
    const problem = checksumProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem}; nothing was sent` });
  })
  .transform((v) => getAddress(v));

export const hexSchema = z
  .string({ error: 'expected a 0x-prefixed hex string' })
  .regex(/^0x[0-9a-fA-F]*$/, 'expected a 0x-prefixed hex string');
export const hexDataSchema = hexSchema.refine((v) => v.length % 2 === 0, { message: 'expected hex data with an even number of digits' });
export const quantitySchema = z
  .string({ error: 'expected a 0x-prefixed hex quantity' })
  .regex(/^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})$/, 'expected a 0x-prefixed hex quantity without leading zeros, e.g. "0x1"');
export const chainIdSchema = quantitySchema
  .transform((v) => Number(BigInt(v)))
  .refine((n) => n > 0 && Number.isSafeInteger(n), { message: 'chain id out of range' });

export const noParams = z.union([z.tuple([]), z.undefined(), z.null()]);

export const transactionSchema = z.object({
  from: addressSchema,
  to: recipientSchema.nullish(),
  value: quantitySchema.optional(),
  data: hexDataSchema.optional(),
  input: hexDataSchema.optional(),
  gas: quantitySchema.optional(),
  gasLimit: quantitySchema.optional(),
  gasPrice: quantitySchema.optional(),
  maxFeePerGas: quantitySchema.optional(),
  maxPriorityFeePerGas: quantitySchema.optional(),
  nonce: quantitySchema.optional(),
  type: z.enum(['0x0', '0x2', '0x00', '0x02'], { error: 'type must be "0x0" (legacy) or "0x2" (EIP-1559)' }).optional(),
  chainId: chainIdSchema.optional(),
});
export type TransactionParams = z.infer<typeof transactionSchema>;
export const sendTransactionParams = z.tuple([transactionSchema], { error: 'expected [transaction]' });

const typedDataFieldSchema = z.object({ name: z.string(), type: z.string() });
export const typedDataSchema = z.object({
  types: z
    .record(z.string(), z.array(typedDataFieldSchema))
    .refine((t) => 'EIP712Domain' in t, { message: 'types must include EIP712Domain' }),
  primaryType: z.string({ error: 'primaryType is required' }).min(1),
  domain: z.object({ chainId: z.union([z.number(), z.string()]).optional() }).loose(),
  message: z.record(z.string(), z.unknown()),
});
/** Typed data arrives as a JSON string (MetaMask convention) or an object. */
export const typedDataParam = z.union([z.string(), z.record(z.string(), z.unknown())]).transform((v, ctx) => {
  let value: unknown = v;
  if (typeof v === 'string') {
    try {
      value = JSON.parse(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'typed data string is not valid JSON' });
      return z.NEVER;
    }
  }
  const parsed = typedDataSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    ctx.addIssue({
      code: 'custom',
      message: `typed data ${issue?.path.join('.') || ''}: ${issue?.message ?? 'invalid'}`.replace(' :', ':'),
    });
    return z.NEVER;
  }
  return parsed.data;
});
export const signTypedDataParams = z.tuple([addressSchema, typedDataParam]);

/** personal_sign: [message, address] per spec; some dApps swap them, and some add a password. */
export const personalSignParams = z.union([z.tuple([z.string(), z.string()]), z.tuple([z.string(), z.string(), z.unknown()])], {
  error: 'expected [message, address] or [message, address, password]',
});
export const ecRecoverParams = z.union([z.tuple([z.string(), hexDataSchema]), z.tuple([z.string(), hexDataSchema, z.unknown()])], {
  error: 'expected [message, signature]',
});

export const permissionsRequestParams = z.tuple([z.object({ eth_accounts: z.object({}).loose() }).loose()], {
  error: 'expected [{ eth_accounts: {} }]',
});

export const switchChainParams = z.tuple([z.object({ chainId: chainIdSchema })], { error: 'expected [{ chainId: "0x..." }]' });

/**
 * Everything a page sends is stored in the approval queue (session storage, 10 MB for the whole
 * extension) until the user answers: URL lists and free text are capped so one page cannot fill it.
 */
export const MAX_URL_LENGTH = 2_048;
export const MAX_URLS = 5;
const urlString = z.string().max(MAX_URL_LENGTH, `a URL is at most ${MAX_URL_LENGTH} characters`);
const urlList = z.array(urlString).max(MAX_URLS, `at most ${MAX_URLS} URLs`);

export const addChainParams = z.tuple([
  z.object({
    chainId: chainIdSchema,
    chainName: z.string({ error: 'chainName is required' }).min(1).max(100),
    rpcUrls: urlList.min(1, 'rpcUrls needs at least one http(s) URL'),
    nativeCurrency: z.object({
      name: z.string().max(100),
      symbol: z.string().min(1).max(12),
      decimals: z.literal(18, { error: 'nativeCurrency.decimals must be 18' }),
    }),
    blockExplorerUrls: urlList.nullish(),
    iconUrls: urlList.nullish(),
  }),
]);

/** Token decimals as a number or a decimal string ("4"): dApps send both (the MetaMask test dApp reads an input's value). */
const decimalsSchema = z
  .union([z.number(), z.string().regex(/^\d{1,2}$/, 'decimals must be a whole number from 0 to 36')])
  .transform(Number)
  .pipe(z.number().int().min(0).max(36));
const watchAssetOptions = z.object({
  address: addressSchema,
  symbol: z.string().min(1).max(11, 'symbol is at most 11 characters'),
  decimals: decimalsSchema,
  // A URL, not the picture itself: a data: URI of a large image would sit in the approval queue.
  image: urlString.optional(),
});
export const watchAssetParams = z.union([
  z.object({ type: z.literal('ERC20', { error: 'only ERC20 assets are supported' }), options: watchAssetOptions }),
  z.tuple([z.object({ type: z.literal('ERC20'), options: watchAssetOptions })]),
]);

export const sendCallsParams = z.tuple([
  z.object({
    version: z.string().optional(),
    id: z.string().max(4096).optional(),
    from: addressSchema.optional(),
    chainId: chainIdSchema,
    atomicRequired: z.boolean().optional(),
    calls: z
      .array(
        z.object({
          to: addressSchema.optional(),
          data: hexDataSchema.optional(),
          value: quantitySchema.optional(),
          capabilities: z.record(z.string(), z.unknown()).optional(),
        }),
      )
      .min(1, 'calls needs at least one call')
      .max(50, 'at most 50 calls per batch'),
    capabilities: z.record(z.string(), z.unknown()).optional(),
  }),
]);
export const getCallsStatusParams = z.tuple([z.string().min(1).max(4096)]);
export const getCapabilitiesParams = z.union([z.tuple([addressSchema]), z.tuple([addressSchema, z.array(hexSchema)])]);

export const anyArrayParams = z.union([z.array(z.unknown()), z.undefined()], { error: 'params must be an array' });
