import { isAddress, type Address, type Hex } from 'viem';
import { HARDWARE_ERROR_CODES } from '../errors';
import { z } from 'zod';
import type { AlertSettings } from '../alerts/types';
import type { BallastProtocol } from './protocol';

/**
 * One zod schema for the data of every UI protocol message. The handler layer parses with it before
 * any handler runs, so a handler only ever sees data of the declared shape. `satisfies` below ties
 * each schema to the message's declared data type: a protocol change that forgets its schema fails
 * the typecheck.
 */

/** Messages without data: the UI sends undefined (WXT messaging) — anything else is a bug or a probe. */
const none = z.union([z.undefined(), z.null()], { error: 'this message takes no data' }).transform(() => undefined);
const text = (max = 1_000) => z.string().max(max, `at most ${max} characters`);
const password = z.string().min(1, 'must not be empty').max(1_000, 'at most 1000 characters');
const address = z
  .string()
  .refine((v) => isAddress(v, { strict: false }), 'expected a 0x-prefixed 20-byte hex address')
  .transform((v) => v as Address);
const chainId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const networkKey = text(100).optional();
const id = text(200).min(1, 'must not be empty');
const theme = z.enum(['system', 'light', 'dark']);
/** wei or gas as a decimal integer string (bigint does not cross the message boundary). */
const wei = z.string().regex(/^\d{1,40}$/, 'expected a decimal integer string');

/**
 * The alert settings form: the schema checks it is an object; validateAlertSettings in lib/alerts checks
 * every field with the form's own words ("Rule "depeg" must be on or off") and is what the handler stores.
 */
const alertSettings = z.custom<AlertSettings>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  'expected the settings object',
);

type DataOf<K extends keyof BallastProtocol> = Parameters<BallastProtocol[K]>[0];
type SchemaTable = { [K in keyof BallastProtocol]: z.ZodType<DataOf<K>, unknown> };

export const MESSAGE_SCHEMAS = {
  'wallet:getState': none,
  'wallet:create': z.object({ password }),
  'wallet:confirmBackup': z.object({ words: z.record(z.string().regex(/^\d{1,2}$/, 'word positions are numbers'), text(50)) }),
  'wallet:importMnemonic': z.object({ mnemonic: text(1_000), password }),
  'wallet:importPrivateKey': z.object({ privateKey: text(200), name: text(100).optional(), password: password.optional() }),
  'wallet:addWatchOnly': z.object({ address: text(200), name: text(100).optional() }),
  'wallet:unlock': z.object({ password }),
  'wallet:lock': none,
  'wallet:changePassword': z.object({ oldPassword: password, newPassword: password }),
  'wallet:revealMnemonic': z.object({ password }),
  // Range (1–1440) checked by the wallet service, with its own message.
  'wallet:setAutoLock': z.object({ minutes: z.number() }),
  'accounts:add': z.object({ name: text(100).optional() }),
  'accounts:rename': z.object({ address, name: text(100) }),
  'accounts:setHidden': z.object({ address, hidden: z.boolean() }),
  'accounts:select': z.object({ address }),
  'accounts:addHardware': z.object({
    device: z.enum(['ledger', 'keystone']),
    accounts: z
      .array(
        z.object({
          address,
          path: z.string().regex(/^(\d{1,10}'?\/){1,9}\d{1,10}'?$/, "expected a derivation path such as 44'/60'/0'/0/0"),
          name: text(100).optional(),
          xfp: z
            .string()
            .regex(/^[0-9a-fA-F]{8}$/, 'expected a master fingerprint of 8 hex digits')
            .optional(),
        }),
      )
      .min(1, 'pick at least one account')
      .max(20, 'at most 20 accounts at a time'),
  }),
  'devices:pending': none,
  'devices:answer': z.object({
    id,
    signed: z
      .string()
      .regex(/^0x[0-9a-fA-F]{130,}$/, 'expected a 0x-prefixed signature or signed transaction')
      .max(300_000)
      .transform((v) => v as Hex),
  }),
  'devices:fail': z.object({ id, code: z.enum(HARDWARE_ERROR_CODES), extra: text(300).optional() }),
  'sites:list': none,
  'sites:revoke': z.object({ origin: text(2_000) }),
  'sites:followWallet': z.object({ origin: text(2_000) }),
  'networks:list': none,
  'networks:setRpcUrls': z.object({ chainId, rpcUrls: z.array(text(2_000)).max(20, 'at most 20 RPC URLs'), key: networkKey }),
  'networks:switch': z.object({ chainId, key: networkKey }),
  'pending:list': none,
  'pending:resolve': z.object({
    id,
    approved: z.boolean(),
    accounts: z.array(address).max(100).optional(),
    feeVersion: z.number().int().nonnegative().optional(),
    acceptFeeDanger: z.boolean().optional(),
  }),
  'pending:setFee': z.object({
    id,
    version: z.number().int().nonnegative(),
    choice: z.enum(['slow', 'normal', 'fast', 'site', 'custom']),
    maxFeePerGas: wei.optional(),
    maxPriorityFeePerGas: wei.optional(),
    gasPrice: wei.optional(),
    gas: wei.optional(),
    gases: z.array(wei).max(100).optional(),
    nonce: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  }),
  'preview:get': z.object({ id, wait: z.boolean().optional() }),
  'activity:list': none,
  'activity:replace': z.object({
    hash: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte transaction hash')
      .transform((v) => v as `0x${string}`),
    mode: z.enum(['speed-up', 'cancel']),
  }),
  'addressBook:list': none,
  // The address stays text here: the service reads it with its checksum and names what is wrong.
  'addressBook:add': z.object({ address: text(200), name: text(200), note: text(1_000).optional() }),
  'addressBook:update': z.object({ address, name: text(200), note: text(1_000).optional() }),
  'addressBook:remove': z.object({ address }),
  'settings:get': none,
  'settings:set': z.object({
    defaultWallet: z.boolean().optional(),
    guardMode: z.boolean().optional(),
    theme: theme.optional(),
    txNotifications: z.boolean().optional(),
  }),
  'portfolio:get': none,
  'portfolio:refresh': none,
  'balances:get': none,
  'balances:ethOf': z.object({ addresses: z.array(address).min(1, 'at least one address').max(20, 'at most 20 addresses') }),
  'balances:refresh': none,
  // The address stays text: the service reads it with its checksum and names what is wrong.
  'balances:addToken': z.object({ address: text(200) }),
  'balances:removeToken': z.object({ address }),
  'insights:get': z.object({ symbol: text(20), amount: text(100) }),
  'alerts:list': none,
  'alerts:markRead': z.object({ ids: z.union([z.literal('all'), z.array(id).max(1_000)]) }),
  'alerts:getSettings': none,
  'alerts:updateSettings': alertSettings,
  'flows:recipes': none,
  'flows:yields': none,
  'flows:account': none,
  'flows:plan': z.object({
    recipeId: text(100),
    amountText: text(100),
    slippageBps: z.number().int().min(0).max(10_000).optional(),
    operator: text(200).optional(),
  }),
  'flows:start': z.object({ previewId: id, acceptFeeDanger: z.boolean().optional() }),
  'flows:get': z.object({ id }),
  'flows:list': none,
  'flows:retry': z.object({ id, acceptFee: id.optional(), acceptFeeDanger: z.boolean().optional() }),
  'flows:unwind': z.object({ id }),
  'flows:withdraw': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('request'), symbol: text(20), amountText: text(100), account: address.optional() }),
    z.object({ kind: z.literal('claim'), queue: text(40), requestId: wei, account: address.optional() }),
    z.object({
      kind: z.literal('eigen-complete'),
      account: address.optional(),
      startBlock: z
        .number()
        .int()
        .min(0)
        .max(2 ** 32 - 1),
      strategy: address,
      nonce: wei.optional(),
    }),
  ]),
  'send:options': none,
  // Recipient and amount stay text: the send service reads them and names what is wrong (checksum, ENS, decimals).
  'send:resolve': z.object({ to: text(300) }),
  'send:start': z.object({
    token: z.union([z.literal('ETH'), address]),
    amount: text(100),
    unit: z.enum(['token', 'usd']),
    to: text(300),
  }),
} satisfies SchemaTable;

export type MessageName = keyof typeof MESSAGE_SCHEMAS;
export const MESSAGE_NAMES = Object.keys(MESSAGE_SCHEMAS) as MessageName[];
