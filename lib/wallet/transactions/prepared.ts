import type { Address, Hex, PublicClient, TransactionSerializable } from 'viem';
import { AppError } from '../../errors';
import type { StoredFeeQuote } from '../../storage/fee-quote';

/** Exactly the fee the user approved for one transaction, field for field: type, nonce, gas limit and fee per gas. */
export type ShownFee =
  | { type: 'eip1559'; nonce: number; gas: bigint; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
  | { type: 'legacy'; nonce: number; gas: bigint; gasPrice: bigint };

/** What a transaction does: the same for the original and for its speed-up. */
export type TransactionCall = { chainId: number; from: Address; to?: Address; data?: Hex; value: bigint };

/** A transaction with every field decided: what is signed, and what Activity keeps to replace it later. */
export type PreparedTransaction = TransactionCall & ShownFee;

/** Transaction `index` of an approved fee quote. */
export function shownFeeOf(fee: StoredFeeQuote, index: number): ShownFee {
  const tx = fee.txs[index]!;
  const gas = BigInt(tx.gas);
  if (gas === 0n)
    throw new AppError('No gas limit', { details: 'The approved fee has no gas limit; nothing was signed.', code: 'fee.gas-unknown' });
  return fee.type === 'legacy'
    ? { type: 'legacy', nonce: tx.nonce, gas, gasPrice: BigInt(fee.gasPrice!) }
    : {
        type: 'eip1559',
        nonce: tx.nonce,
        gas,
        maxFeePerGas: BigInt(fee.maxFeePerGas!),
        maxPriorityFeePerGas: BigInt(fee.maxPriorityFeePerGas!),
      };
}

/** Fee fields a caller already has (a dApp's own, a flow step's); the node fills the rest. */
export type PartialFee = {
  nonce?: number;
  gas?: bigint;
  legacy?: boolean;
  gasPrice?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  /** Gas estimated on today's state is raised by this percentage (a later step runs on a changed state). */
  gasHeadroomPercent?: bigint;
};

/**
 * Fills what the caller left open from the node: the pending nonce, the gas estimate, the node's fees.
 * Only for requests stored before fees were shown (an old batch); everything new is prepared from the
 * fee model's quote before the user sees it (shownFeeOf).
 */
export async function prepareFromNode(client: PublicClient, call: TransactionCall, given: PartialFee = {}): Promise<PreparedTransaction> {
  const { from, to, data, value } = call;
  const nonce = given.nonce ?? (await client.getTransactionCount({ address: from, blockTag: 'pending' }));
  const estimate = given.gas ?? (await client.estimateGas({ account: from, to, data, value }));
  const gas = given.gas ?? (estimate * (given.gasHeadroomPercent ?? 100n)) / 100n;
  if (given.legacy || (given.gasPrice !== undefined && given.maxFeePerGas === undefined)) {
    return { ...call, type: 'legacy', nonce, gas, gasPrice: given.gasPrice ?? (await client.getGasPrice()) };
  }
  const node = given.maxFeePerGas === undefined || given.maxPriorityFeePerGas === undefined ? await client.estimateFeesPerGas() : undefined;
  const maxFeePerGas = given.maxFeePerGas ?? node!.maxFeePerGas;
  const tip = given.maxPriorityFeePerGas ?? node!.maxPriorityFeePerGas;
  return { ...call, type: 'eip1559', nonce, gas, maxFeePerGas, maxPriorityFeePerGas: tip > maxFeePerGas ? maxFeePerGas : tip };
}

export function toSerializable(tx: PreparedTransaction): TransactionSerializable {
  const base = { chainId: tx.chainId, nonce: tx.nonce, to: tx.to, data: tx.data, value: tx.value, gas: tx.gas };
  return tx.type === 'legacy'
    ? { ...base, type: 'legacy', gasPrice: tx.gasPrice }
    : { ...base, type: 'eip1559', maxFeePerGas: tx.maxFeePerGas, maxPriorityFeePerGas: tx.maxPriorityFeePerGas };
}
