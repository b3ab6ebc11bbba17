import { hexToBigInt, type Address, type Hex } from 'viem';
import { rpcErrors } from '@metamask/rpc-errors';
import { prepareFromNode, sendPrepared, shownFeeOf, walletSigners, type ShownFee } from '../../wallet/transactions';
import { requireAuthorized, toHexQuantity, type MethodHandler, type ProviderRouterDeps } from '../context';
import { quoteTransactionFee } from '../fees';
import { askWithFee } from './ask-fee';
import { sendTransactionParams, type TransactionParams } from '../schemas';

const big = (v: string | undefined) => (v === undefined ? undefined : hexToBigInt(v as Hex));

export { shownFeeOf, type ShownFee } from '../../wallet/transactions';

/**
 * Sends a dApp transaction through the one transaction path (lib/wallet/transactions). With `fee` (what the
 * approval window showed and the user approved) the nonce, gas and fees are exactly its fields; without one
 * (a batch stored before fees were shown) they are filled from the node where the dApp left them out.
 */
export async function signAndSend(tx: TransactionParams, origin: string, deps: ProviderRouterDeps, fee?: ShownFee): Promise<Hex> {
  const client = await deps.client();
  const activeChainId = (await deps.networks.active()).chainId;
  const from = tx.from as Address;
  const call = {
    chainId: activeChainId,
    from,
    to: (tx.to ?? undefined) as Address | undefined,
    data: (tx.data ?? tx.input) as Hex | undefined,
    value: big(tx.value) ?? 0n,
  };
  const prepared = fee
    ? { ...call, ...fee }
    : await prepareFromNode(client, call, {
        nonce: tx.nonce !== undefined ? Number(BigInt(tx.nonce)) : undefined,
        gas: big(tx.gas ?? tx.gasLimit),
        legacy: tx.type === '0x0' || tx.type === '0x00',
        gasPrice: big(tx.gasPrice),
        maxFeePerGas: big(tx.maxFeePerGas),
        maxPriorityFeePerGas: big(tx.maxPriorityFeePerGas),
      });
  return sendPrepared({
    client,
    activeChainId,
    signer: walletSigners(deps.wallet, deps.devices)(from),
    tx: prepared,
    activity: deps.activity,
    origin,
    now: deps.now,
  });
}

export async function checkTransaction(tx: TransactionParams, origin: string, deps: ProviderRouterDeps): Promise<number> {
  await requireAuthorized(origin, tx.from as Address, deps);
  const chainId = (await deps.networks.active()).chainId;
  if (tx.chainId !== undefined && tx.chainId !== chainId) {
    throw rpcErrors.invalidParams({
      message: `Invalid params: chainId ${toHexQuantity(tx.chainId)} does not match this site's active chain ${toHexQuantity(chainId)}. Switch chains first (wallet_switchEthereumChain).`,
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
