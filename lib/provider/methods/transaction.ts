import { hexToBigInt, type Address, type Hex, type TransactionSerializable } from 'viem';
import { rpcErrors } from '@metamask/rpc-errors';
import { AppError } from '../../errors';
import type { StoredFeeQuote } from '../../storage/fee-quote';
import { signTransactionWithKey } from '../../wallet/signing';
import { requireAuthorized, toHexQuantity, type MethodHandler, type ProviderRouterDeps } from '../context';
import { quoteTransactionFee } from '../fees';
import { askWithFee } from './ask-fee';
import { sendTransactionParams, type TransactionParams } from '../schemas';
import { assertNodeOnChain, broadcastOnce } from './broadcast';

const big = (v: string | undefined) => (v === undefined ? undefined : hexToBigInt(v as Hex));

/** Exactly the fee the user approved for one transaction, field for field: type, nonce, gas limit and fee per gas. */
export type ShownFee =
  | { type: 'eip1559'; nonce: number; gas: bigint; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
  | { type: 'legacy'; nonce: number; gas: bigint; gasPrice: bigint };

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

/**
 * Signs, broadcasts and records activity. With `fee` (what the approval window showed and the user
 * approved) the nonce, gas and fees are exactly its fields; without one (a batch stored before fees were
 * shown) they are filled from the node where the dApp left them out.
 */
export async function signAndSend(tx: TransactionParams, origin: string, deps: ProviderRouterDeps, fee?: ShownFee): Promise<Hex> {
  const client = await deps.client();
  const chainId = (await deps.networks.active()).chainId;
  await assertNodeOnChain(client, chainId);
  const from = tx.from as Address;
  const data = (tx.data ?? tx.input) as Hex | undefined;
  const value = big(tx.value) ?? 0n;
  const to = (tx.to ?? undefined) as Address | undefined;
  if (fee) return broadcastAndRecord({ ...fee, chainId, to, data, value }, from, origin, deps);
  const nonce =
    tx.nonce !== undefined ? Number(BigInt(tx.nonce)) : await client.getTransactionCount({ address: from, blockTag: 'pending' });
  const gas = big(tx.gas ?? tx.gasLimit) ?? (await client.estimateGas({ account: from, to, data, value }));
  const legacy = tx.type === '0x0' || tx.type === '0x00' || (tx.gasPrice !== undefined && tx.maxFeePerGas === undefined);
  let serializable: TransactionSerializable;
  if (legacy) {
    const gasPrice = big(tx.gasPrice) ?? (await client.getGasPrice());
    serializable = { type: 'legacy', chainId, nonce, to, data, value, gas, gasPrice };
  } else {
    const fees = tx.maxFeePerGas === undefined || tx.maxPriorityFeePerGas === undefined ? await client.estimateFeesPerGas() : undefined;
    const maxFeePerGas = big(tx.maxFeePerGas) ?? fees!.maxFeePerGas;
    const maxPriorityFeePerGas = big(tx.maxPriorityFeePerGas) ?? fees!.maxPriorityFeePerGas;
    serializable = {
      type: 'eip1559',
      chainId,
      nonce,
      to,
      data,
      value,
      gas,
      maxFeePerGas,
      maxPriorityFeePerGas: maxPriorityFeePerGas > maxFeePerGas ? maxFeePerGas : maxPriorityFeePerGas,
    };
  }
  return broadcastAndRecord(serializable, from, origin, deps);
}

async function broadcastAndRecord(
  serializable: TransactionSerializable,
  from: Address,
  origin: string,
  deps: ProviderRouterDeps,
): Promise<Hex> {
  const client = await deps.client();
  const signed = await signTransactionWithKey(await deps.wallet.privateKey(from), serializable);
  const hash = await broadcastOnce(client, signed);
  await deps.activity.add({
    hash,
    from,
    to: serializable.to ?? undefined,
    value: (serializable.value ?? 0n).toString(),
    chainId: serializable.chainId!,
    status: 'pending',
    submittedAt: (deps.now ?? Date.now)(),
    origin,
  });
  return hash;
}

export async function checkTransaction(tx: TransactionParams, origin: string, deps: ProviderRouterDeps): Promise<number> {
  await requireAuthorized(origin, tx.from as Address, deps);
  const chainId = (await deps.networks.active()).chainId;
  if (tx.chainId !== undefined && tx.chainId !== chainId) {
    throw rpcErrors.invalidParams({
      message: `Invalid params: chainId ${toHexQuantity(tx.chainId)} does not match the active chain ${toHexQuantity(chainId)}. Switch chains first.`,
    });
  }
  if (tx.to == null && !(tx.data ?? tx.input)) {
    throw rpcErrors.invalidParams({ message: 'Invalid params: a transaction without "to" deploys a contract and needs "data".' });
  }
  return chainId;
}

export const transactionMethods: Record<string, MethodHandler> = {
  /**
   * The fee is decided before the window shows the request; what the user approves is signed field for
   * field. If the chain moved too far in between (nonce taken, base fee above the max fee), nothing is
   * signed: the window shows a new fee with the reason and asks again.
   */
  async eth_sendTransaction({ origin, params, dedupeKey, method }, deps) {
    const [tx] = sendTransactionParams.parse(params);
    const chainId = await checkTransaction(tx, origin, deps);
    const network = { name: (await deps.networks.active()).name, chainId };
    const client = await deps.client();
    const now = deps.now ?? Date.now;
    const approved = await askWithFee({
      client,
      from: tx.from as Address,
      dedupeKey,
      what: 'transaction',
      fee: await quoteTransactionFee(client, tx, network, { now: now() }),
      ask: (fee, key) => deps.approvals.request({ origin, kind: 'transaction', method, params: [tx], chainId, dedupeKey: key, fee }),
      requote: (options) => quoteTransactionFee(client, tx, network, { ...options, now: now() }),
    });
    return signAndSend(tx, origin, deps, shownFeeOf(approved, 0));
  },
};
