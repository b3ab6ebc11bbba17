import { decodeFunctionData, type Address, type Hex, type PublicClient } from 'viem';
import { erc20Abi } from '../../chain/abis';
import { AppError } from '../../errors';
import type { StoredActivity, StoredActivityFee } from '../../storage/items';
import type { ActivityService } from '../activity';
import { assertNodeOnChain, broadcastOnce } from './broadcast';
import { toSerializable, type PreparedTransaction } from './prepared';
import type { TransactionSigner } from './signer';

export type SendPreparedParameters = {
  client: PublicClient;
  /** The active network's chain id now: a transaction approved for another chain is never signed. */
  activeChainId: number;
  signer: TransactionSigner;
  tx: PreparedTransaction;
  activity: Pick<ActivityService, 'add'>;
  /** Who asked: a dApp's origin, or "Ballast · Send" / "Ballast · Stake & deploy". */
  origin: string;
  /** A speed-up or cancel names the pending transaction it replaces. */
  replaces?: { hash: Hex; kind: 'speed-up' | 'cancel' };
  now?: () => number;
};

export function activityFeeOf(tx: PreparedTransaction): StoredActivityFee {
  return tx.type === 'legacy'
    ? { type: 'legacy', gas: tx.gas.toString(), gasPrice: tx.gasPrice.toString() }
    : {
        type: 'eip1559',
        gas: tx.gas.toString(),
        maxFeePerGas: tx.maxFeePerGas.toString(),
        maxPriorityFeePerGas: tx.maxPriorityFeePerGas.toString(),
      };
}

/**
 * An ERC-20 `transfer(to, amount)` call: whom the tokens go to, the token and the amount, for Activity (its `to` is
 * the token contract). Any other call, or data that does not decode as a transfer, gives nothing.
 */
export function tokenTransferOf(
  tx: Pick<PreparedTransaction, 'to' | 'data'>,
): { recipient: Address; token: Address; amount: string } | undefined {
  if (!tx.to || !tx.data || tx.data === '0x') return undefined;
  try {
    const call = decodeFunctionData({ abi: erc20Abi, data: tx.data });
    if (call.functionName !== 'transfer') return undefined;
    const [recipient, amount] = call.args;
    return { recipient, token: tx.to, amount: amount.toString() };
  } catch {
    return undefined;
  }
}

/**
 * The one way a transaction leaves Ballast, whoever asked (a dApp, a batch, a Stake & deploy step, Send,
 * a speed-up or cancel): checked against the active chain and the node's chain, signed exactly as prepared
 * by the account's signer, broadcast once (a lost answer is looked up by hash, never re-sent), and listed
 * in Activity with what a replacement needs (nonce, fee, call data) and, for an ERC-20 transfer, its real recipient.
 */
export async function sendPrepared(p: SendPreparedParameters): Promise<Hex> {
  const { tx } = p;
  if (tx.chainId !== p.activeChainId) {
    throw new AppError(`Switch back to chain ${tx.chainId} to send this`, {
      code: 'tx.wrong-chain',
      details: `It was approved for chain ${tx.chainId}; the active network is chain ${p.activeChainId}. Nothing was signed.`,
    });
  }
  await assertNodeOnChain(p.client, tx.chainId);
  const signed = await p.signer.signTransaction(toSerializable(tx));
  const hash = await broadcastOnce(p.client, signed);
  // Kept whole while pending (a speed-up must re-sign the same call; requests are capped at 128 KiB upstream).
  const keepData = Boolean(tx.data && tx.data !== '0x');
  const entry: StoredActivity = {
    hash,
    from: tx.from,
    ...(tx.to ? { to: tx.to } : {}),
    value: tx.value.toString(),
    chainId: tx.chainId,
    status: 'pending',
    submittedAt: (p.now ?? Date.now)(),
    origin: p.origin,
    nonce: tx.nonce,
    fee: activityFeeOf(tx),
    ...(keepData ? { data: tx.data } : {}),
    kind: p.replaces?.kind ?? 'transaction',
    ...(p.replaces ? { replaces: p.replaces.hash } : {}),
    ...tokenTransferOf(tx),
  };
  await p.activity.add(entry);
  return hash;
}
