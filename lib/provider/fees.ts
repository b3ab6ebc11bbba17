import { hexToBigInt, type Address, type Client, type Hex } from 'viem';
import { getFeeHistory, getTransactionCount } from 'viem/actions';
import { AppError } from '../errors';
import { formatGwei } from '../format';
import { quoteFee, siteOrPresetFee, type SiteFee } from '../preview/fee-quote';
import { simulateCalls } from '../preview/simulate';
import { storedFeeDangerFlags } from '../risk/fee-caps';
import { checkBatchGas, checkBatchNonce, checkFeeEdit, type FeeEditField } from '../risk/fee-edit';
import { FEE_PRESETS, feeFieldsOf, marketOf, presetFor, storedFeeFields, type FeeFields, type FeePreset } from '../risk/fees';
import type { FeeChoice, StoredFeeQuote } from '../storage/fee-quote';
import type { StoredPending } from '../storage/items';
import { sendTransactionParams, type TransactionParams } from './schemas';

const big = (v: string | undefined) => (v === undefined ? undefined : hexToBigInt(v as Hex));

/** The fee fields a dApp put in its transaction (kept and signed as they are unless the user picks another fee). */
export function siteFeeOf(tx: TransactionParams): SiteFee {
  const legacy = tx.type === '0x0' || tx.type === '0x00';
  return {
    ...(legacy ? { type: 'legacy' as const } : tx.type ? { type: 'eip1559' as const } : {}),
    ...(tx.maxFeePerGas ? { maxFeePerGas: big(tx.maxFeePerGas) } : {}),
    ...(tx.maxPriorityFeePerGas ? { maxPriorityFeePerGas: big(tx.maxPriorityFeePerGas) } : {}),
    ...(tx.gasPrice ? { gasPrice: big(tx.gasPrice) } : {}),
    ...(tx.nonce ? { nonce: Number(BigInt(tx.nonce)) } : {}),
  };
}

export type QuoteTransactionOptions = { preset?: FeePreset; useSiteFee?: boolean; notice?: string; now: number };

/** The fee of one dApp transaction, decided before the approval window shows it. */
export function quoteTransactionFee(
  client: Client,
  tx: TransactionParams,
  network: { name: string; chainId: number },
  options: QuoteTransactionOptions,
): Promise<StoredFeeQuote> {
  return quoteFee(client, {
    from: tx.from as Address,
    network,
    txs: [
      {
        to: (tx.to ?? undefined) as Address | undefined,
        data: (tx.data ?? tx.input) as Hex | undefined,
        value: big(tx.value) ?? 0n,
        gas: big(tx.gas ?? tx.gasLimit),
      },
    ],
    site: siteFeeOf(tx),
    ...options,
  });
}

/**
 * A later call of a batch may need the earlier ones' effects (approve, then deposit): estimated alone on
 * today's state it fails. Its gas limit is then the gas the whole batch, simulated in order
 * (eth_simulateV1), says it uses, + 50 % (room for refunds and the 63/64 rule; unused gas is not charged).
 */
export const BATCH_SIMULATED_GAS_PERCENT = 150n;

export type QuoteBatchParameters = {
  from: Address;
  network: { name: string; chainId: number };
  calls: readonly { to?: Address; data?: Hex; value: bigint }[];
  preset?: FeePreset;
  notice?: string;
  now: number;
};

/** The fee of a wallet_sendCalls batch: one fee per gas for every call, each call's gas limit, consecutive nonces. */
export async function quoteBatchFee(client: Client, p: QuoteBatchParameters): Promise<StoredFeeQuote> {
  const quote = await quoteFee(client, { from: p.from, network: p.network, txs: p.calls, preset: p.preset, notice: p.notice, now: p.now });
  if (!quote.txs.some((tx, i) => i > 0 && tx.gas === '0')) return quote;
  const { simulation } = await simulateCalls(client, p.from, p.calls);
  const txs = quote.txs.map((tx, i) => {
    const outcome = simulation.calls[i];
    if (tx.gas !== '0' || i === 0 || outcome?.status !== 'ok' || !outcome.gasUsed) return tx;
    const used = BigInt(outcome.gasUsed);
    const { gasEstimateError: _alone, ...rest } = tx;
    return { ...rest, gas: ((used * BATCH_SIMULATED_GAS_PERCENT + 99n) / 100n).toString(), gasEstimate: used.toString() };
  });
  return { ...quote, txs };
}

/**
 * Whether the chain moved too far since the fee was shown to sign it as shown: the (chain-chosen) nonce
 * is no longer the account's next one, or the next base fee rose above the max fee. Undefined: sign it.
 */
export async function chainMovedReason(client: Client, from: Address, fee: StoredFeeQuote): Promise<string | undefined> {
  const [pending, history] = await Promise.all([
    getTransactionCount(client, { address: from, blockTag: 'pending' }),
    getFeeHistory(client, { blockCount: 1, blockTag: 'latest', rewardPercentiles: [] }),
  ]);
  const nonce = fee.txs[0]!.nonce;
  // A batch never replaces a pending transaction: a nonce the user set is re-checked as well.
  if ((fee.nonceSource === 'chain' && pending !== nonce) || (fee.txs.length > 1 && pending > nonce)) {
    return pending > nonce
      ? `Nonce ${nonce} was used by another transaction from this account after the fee was shown (the account is at nonce ${pending} now).`
      : `The account's next nonce went back to ${pending} (a pending transaction left the pool) after nonce ${nonce} was shown.`;
  }
  const nextBase = history.baseFeePerGas[history.baseFeePerGas.length - 1] ?? 0n;
  const fields = feeFieldsOf(fee);
  const max = fields.type === 'legacy' ? fields.gasPrice : fields.maxFeePerGas;
  if (fee.market.eip1559 && nextBase > max) {
    return `The base fee rose to ${formatGwei(nextBase, { maxFractionDigits: 4 })}, above the ${fields.type === 'legacy' ? 'gas price' : 'max fee'} you approved (${formatGwei(max, { maxFractionDigits: 4 })}): it could not be included.`;
  }
  return undefined;
}

/** What the approval window sends with an approval: the fee version it showed and the user's second step. */
export type FeeConfirmation = { feeVersion?: number; acceptFeeDanger?: boolean };

/**
 * Run by the queue with the stored entry, in the same turn as the answer: an approval stands only for the
 * fee version the window showed, with a known gas limit, and with the danger flags' second step taken.
 */
export function confirmFee(entry: StoredPending, confirmation: FeeConfirmation): void {
  const fee = entry.fee;
  if (!fee) return;
  if (confirmation.feeVersion !== fee.version) {
    throw new AppError('The network fee changed', {
      details: 'The fee on screen is not the one stored for this request any more. Read it again, then approve.',
      code: 'fee.changed',
    });
  }
  if (fee.txs.some((tx) => tx.gas === '0')) {
    throw new AppError('Enter a gas limit', {
      details: 'Ballast could not estimate the gas of this transaction (it may fail). Set a gas limit under "Edit fee" to send it anyway.',
      code: 'fee.gas-unknown',
    });
  }
  const danger = storedFeeDangerFlags(fee);
  if (danger.length > 0 && !confirmation.acceptFeeDanger) {
    throw new AppError('Confirm the fee warning first', {
      details: `${danger.map((f) => f.title).join('; ')}. Tick "I understand this fee" to send it anyway, or pick a preset.`,
      code: 'fee.danger-unconfirmed',
    });
  }
}

/** An edit the approval window sends: a preset, the site's own fee, or custom fields (wei and gas as decimal strings). */
export type FeeEdit = {
  version: number;
  choice: FeeChoice;
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  gasPrice?: string;
  gas?: string;
  /** A batch: each call's gas limit, in call order. */
  gases?: string[];
  /** A single transaction's nonce, or a batch's first (its calls take the next ones in order). */
  nonce?: number;
};

const FIELD_NAMES: Record<FeeEditField, string> = {
  maxFee: 'max fee',
  priorityFee: 'priority fee',
  gasPrice: 'gas price',
  gas: 'gas limit',
  nonce: 'nonce',
};

function refuse(message: string, details: string): never {
  throw new AppError(message, { details, code: 'fee.edit.invalid' });
}

/** The fee after the user's edit, checked; the version is bumped. Throws AppError naming the field. */
export function applyFeeEdit(fee: StoredFeeQuote, entry: StoredPending, edit: FeeEdit): StoredFeeQuote {
  if (edit.version !== fee.version) {
    throw new AppError('The network fee changed', { details: 'Another window changed this fee; edit it again.', code: 'fee.changed' });
  }
  const single = fee.txs.length === 1;
  if (!single && edit.gas !== undefined)
    refuse('Set each call’s gas limit', 'A batch takes one gas limit per call (gases), in call order.');
  if (single && edit.gases !== undefined) refuse('Not a batch', 'A single transaction takes one gas limit (gas).');
  const fields = feeFieldsFor(fee, entry, edit);
  const gas = edit.gas === undefined ? BigInt(fee.txs[0]!.gas) : BigInt(edit.gas);
  const nonce = edit.nonce ?? fee.txs[0]!.nonce;
  const errors = checkFeeEdit(fields, single ? gas : 21_000n, nonce, marketOf(fee.market));
  // A gas limit still unknown (0) may stay so while the user picks a preset; only a typed one is checked.
  if (edit.gas === undefined && gas === 0n) delete errors.gas;
  const [field, message] = Object.entries(errors)[0] ?? [];
  if (field) refuse(`Check the ${FIELD_NAMES[field as FeeEditField]}`, `field "${field}": ${message}`);
  const txs = single ? [{ ...fee.txs[0]!, gas: gas.toString(), nonce }] : batchTxs(fee, edit);
  const nonceChanged = edit.nonce !== undefined && edit.nonce !== fee.txs[0]!.nonce;
  const { maxFeePerGas: _max, maxPriorityFeePerGas: _tip, gasPrice: _price, ...rest } = fee;
  return {
    ...rest,
    ...storedFeeFields(fields),
    choice: edit.choice,
    txs,
    nonceSource: nonceChanged ? 'user' : fee.nonceSource,
    version: fee.version + 1,
  };
}

/**
 * A batch's calls after the user's edit: each call's gas limit (never below its estimate) and consecutive
 * nonces from the starting one (never below the account's pending nonce when the fee was quoted; the
 * chain's own is checked again before signing, see chainMovedReason).
 */
function batchTxs(fee: StoredFeeQuote, edit: FeeEdit): StoredFeeQuote['txs'] {
  if (edit.gases !== undefined && edit.gases.length !== fee.txs.length)
    refuse('Check the gas limits', `The batch has ${fee.txs.length} calls; ${edit.gases.length} gas limits were sent.`);
  const gases = edit.gases?.map((g) => BigInt(g));
  if (gases) {
    const errors = checkBatchGas(
      gases,
      fee.txs.map((tx) => (tx.gasEstimate === undefined ? undefined : BigInt(tx.gasEstimate))),
    );
    const bad = errors.findIndex((e) => e !== undefined);
    if (bad >= 0) refuse(`Check the gas limit of call ${bad + 1}`, `field "gas" of call ${bad + 1}: ${errors[bad]}`);
  }
  const start = edit.nonce ?? fee.txs[0]!.nonce;
  if (edit.nonce !== undefined) {
    const error = checkBatchNonce(start, fee.market.pendingNonce);
    if (error) refuse('Check the nonce', `field "nonce": ${error}`);
  }
  return fee.txs.map((tx, i) => ({ ...tx, gas: gases ? gases[i]!.toString() : tx.gas, nonce: start + i }));
}

function feeFieldsFor(fee: StoredFeeQuote, entry: StoredPending, edit: FeeEdit): FeeFields {
  if ((FEE_PRESETS as readonly string[]).includes(edit.choice)) return presetFor(fee, edit.choice)!;
  if (edit.choice === 'site') {
    const parsed = entry.kind === 'transaction' ? sendTransactionParams.safeParse(entry.params) : undefined;
    const site = siteOrPresetFee(marketOf(fee.market), fee.type, parsed?.success ? siteFeeOf(parsed.data[0]) : undefined, 'normal');
    if (site.choice !== 'site') refuse('The site set no fee', 'Pick a preset or enter your own fee.');
    return site.fee;
  }
  const wei = (v: string | undefined, name: FeeEditField) =>
    v !== undefined && /^\d{1,40}$/.test(v)
      ? BigInt(v)
      : refuse(`Check the ${FIELD_NAMES[name]}`, `field "${name}": enter an amount in gwei.`);
  if (fee.type === 'legacy') return { type: 'legacy', gasPrice: wei(edit.gasPrice, 'gasPrice') };
  return {
    type: 'eip1559',
    maxFeePerGas: wei(edit.maxFeePerGas, 'maxFee'),
    maxPriorityFeePerGas: wei(edit.maxPriorityFeePerGas, 'priorityFee'),
  };
}
