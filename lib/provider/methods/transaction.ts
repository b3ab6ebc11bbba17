import { hexToBigInt, type Address, type Hex, type TransactionSerializable } from 'viem';
import { rpcErrors } from '@metamask/rpc-errors';
import { AppError } from '../../errors';
import { FEE_PRESETS, type FeePreset } from '../../risk/fees';
import type { StoredFeeQuote } from '../../storage/fee-quote';
import { signTransactionWithKey } from '../../wallet/signing';
import { rejectedByUser } from '../approvals';
import { requireAuthorized, toHexQuantity, type MethodHandler, type ProviderRouterDeps } from '../context';
import { chainMovedReason, quoteTransactionFee } from '../fees';
import { sendTransactionParams, type TransactionParams } from '../schemas';
import { assertNodeOnChain, broadcastOnce } from './broadcast';

const big = (v: string | undefined) => (v === undefined ? undefined : hexToBigInt(v as Hex));

/** How many times the window asks again when the chain moves between the approval and the signature. */
const MAX_ASKS = 3;

/** Exactly the fee the user approved, field for field: type, nonce, gas limit and fee per gas. */
type SignedBase = { chainId: number; to?: Address; data?: Hex; value: bigint };

function signedAsShown(fee: StoredFeeQuote, index: number, base: SignedBase): TransactionSerializable {
  const tx = fee.txs[index]!;
  const gas = BigInt(tx.gas);
  if (gas === 0n)
    throw new AppError('No gas limit', { details: 'The approved fee has no gas limit; nothing was signed.', code: 'fee.gas-unknown' });
  const common = { ...base, nonce: tx.nonce, gas };
  return fee.type === 'legacy'
    ? { ...common, type: 'legacy', gasPrice: BigInt(fee.gasPrice!) }
    : { ...common, type: 'eip1559', maxFeePerGas: BigInt(fee.maxFeePerGas!), maxPriorityFeePerGas: BigInt(fee.maxPriorityFeePerGas!) };
}

/**
 * Signs, broadcasts and records activity. With `fee` (what the approval window showed and the user
 * approved) the nonce, gas and fees are exactly its fields; without one (a batch call signed by the flow
 * executor) they are filled from the node where the dApp left them out.
 */
export async function signAndSend(tx: TransactionParams, origin: string, deps: ProviderRouterDeps, fee?: StoredFeeQuote): Promise<Hex> {
  const client = await deps.client();
  const chainId = (await deps.networks.active()).chainId;
  await assertNodeOnChain(client, chainId);
  const from = tx.from as Address;
  const data = (tx.data ?? tx.input) as Hex | undefined;
  const value = big(tx.value) ?? 0n;
  const to = (tx.to ?? undefined) as Address | undefined;
  if (fee) return broadcastAndRecord(signedAsShown(fee, 0, { chainId, to, data, value }), from, origin, deps);
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
    const network = await deps.networks.active();
    const client = await deps.client();
    const now = deps.now ?? Date.now;
    let fee = await quoteTransactionFee(client, tx, { name: network.name, chainId }, { now: now() });
    for (let ask = 1; ; ask++) {
      const key = ask === 1 || !dedupeKey ? dedupeKey : `${dedupeKey}#ask${ask}`;
      const decision = await deps.approvals.request({ origin, kind: 'transaction', method, params: [tx], chainId, dedupeKey: key, fee });
      if (!decision.approved) throw rejectedByUser('transaction');
      const approved = decision.fee ?? fee;
      const moved = await chainMovedReason(client, tx.from as Address, approved);
      if (!moved) return signAndSend(tx, origin, deps, approved);
      if (ask >= MAX_ASKS)
        throw new AppError('The network kept moving', {
          details: `${moved} Nothing was signed after ${MAX_ASKS} approvals; send the transaction again.`,
          code: 'fee.chain-moved',
        });
      const preset = (FEE_PRESETS as readonly string[]).includes(approved.choice) ? (approved.choice as FeePreset) : 'normal';
      fee = await quoteTransactionFee(
        client,
        tx,
        { name: network.name, chainId },
        { preset, useSiteFee: !/base fee/.test(moved), notice: `${moved} Nothing was signed: review the new fee.`, now: now() },
      );
    }
  },
};
