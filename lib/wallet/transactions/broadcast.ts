import { HttpRequestError, keccak256, TimeoutError, type Hex, type PublicClient } from 'viem';
import { providerErrors } from '@metamask/rpc-errors';
import { AppError } from '../../errors';

/**
 * Refuses to sign for a node on another chain than the active network: a misconfigured or lying RPC
 * must not receive (and replay elsewhere) a transaction the user approved for this chain.
 */
export async function assertNodeOnChain(client: PublicClient, chainId: number): Promise<void> {
  let nodeChainId: number;
  try {
    nodeChainId = await client.getChainId();
  } catch (error) {
    throw new AppError('Could not reach the RPC', {
      details: 'Nothing was signed or sent. Check the RPC URL in Networks and try again.',
      cause: error as Error,
    });
  }
  if (nodeChainId !== chainId) {
    throw providerErrors.chainDisconnected({
      message: `The RPC answers for chain 0x${nodeChainId.toString(16)}, but the active network is chain 0x${chainId.toString(16)}. Nothing was signed or sent; fix the RPC URL in Networks.`,
    });
  }
}

/**
 * Broadcasts signed bytes once. When the answer is lost (timeout, dropped connection, or a fallback
 * URL re-sending it and hearing "nonce too low"), the node may still have accepted it: the hash is
 * computed locally and looked up before reporting a failure, so the dApp never re-sends a sent transaction.
 */
export async function broadcastOnce(client: PublicClient, signed: Hex): Promise<Hex> {
  const hash = keccak256(signed);
  try {
    return await client.sendRawTransaction({ serializedTransaction: signed });
  } catch (error) {
    const known = await client.getTransaction({ hash }).then(
      () => true,
      () => false,
    );
    if (known) return hash;
    // A node's own refusal (nonce too low, insufficient funds…) is passed on as it is; a lost answer is not a refusal.
    if (isLostAnswer(error)) {
      throw new AppError('The RPC did not answer the broadcast', {
        details: `The transaction ${hash} may or may not have reached the node. Check Activity or a block explorer for it before sending again.`,
        cause: error as Error,
      });
    }
    throw error;
  }
}

function isLostAnswer(error: unknown): boolean {
  for (let e = error as { cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e instanceof TimeoutError || (e instanceof HttpRequestError && e.status === undefined)) return true;
  }
  return false;
}
