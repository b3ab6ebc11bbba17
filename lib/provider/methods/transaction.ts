import { hexToBigInt, type Address, type Hex, type TransactionSerializable } from 'viem';
import { rpcErrors } from '@metamask/rpc-errors';
import { signTransactionWithKey } from '../../wallet/signing';
import { rejectedByUser } from '../approvals';
import { requireAuthorized, toHexQuantity, type MethodHandler, type ProviderRouterDeps } from '../context';
import { sendTransactionParams, type TransactionParams } from '../schemas';
import { assertNodeOnChain, broadcastOnce } from './broadcast';

const big = (v: string | undefined) => (v === undefined ? undefined : hexToBigInt(v as Hex));

/** Fills nonce, gas and fees from the node where the dApp left them out, signs, broadcasts, records activity. */
export async function signAndSend(tx: TransactionParams, origin: string, deps: ProviderRouterDeps): Promise<Hex> {
  const client = await deps.client();
  const chainId = (await deps.networks.active()).chainId;
  await assertNodeOnChain(client, chainId);
  const from = tx.from as Address;
  const data = (tx.data ?? tx.input) as Hex | undefined;
  const value = big(tx.value) ?? 0n;
  const to = (tx.to ?? undefined) as Address | undefined;
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
  const signed = await signTransactionWithKey(await deps.wallet.privateKey(from), serializable);
  const hash = await broadcastOnce(client, signed);
  await deps.activity.add({
    hash,
    from,
    to,
    value: value.toString(),
    chainId,
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
  async eth_sendTransaction({ origin, params, dedupeKey, method }, deps) {
    const [tx] = sendTransactionParams.parse(params);
    const chainId = await checkTransaction(tx, origin, deps);
    const decision = await deps.approvals.request({ origin, kind: 'transaction', method, params: [tx], chainId, dedupeKey });
    if (!decision.approved) throw rejectedByUser('transaction');
    return signAndSend(tx, origin, deps);
  },
};
