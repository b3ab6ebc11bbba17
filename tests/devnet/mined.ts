import type { Hex } from 'viem';

/** Any viem client (public or test, any chain): its receipt read and its raw `request`. */
type ReceiptNode<R> = { getTransactionReceipt(args: { hash: Hex }): Promise<R>; request: unknown };

/**
 * The receipt of a transaction sent to anvil. anvil's automine can leave a transaction in its pool
 * (foundry-rs/foundry#10122; seen here under CI load, once a test hung 120 s on it): when automine is on
 * and the transaction has waited `flushAfterMs`, a block is mined for it. With automine off (a test that
 * keeps transactions pending on purpose) nothing is mined.
 */
export async function waitMined<R>(
  client: ReceiptNode<R>,
  hash: Hex,
  { pollMs = 20, flushAfterMs = 1_000, timeoutMs = 90_000 } = {},
): Promise<R> {
  const request = client.request as RawRequest;
  const started = Date.now();
  let flushedAt = started;
  for (;;) {
    const receipt = await client.getTransactionReceipt({ hash }).catch(() => undefined);
    if (receipt) return receipt;
    const now = Date.now();
    if (now - started > timeoutMs) throw new Error(`Transaction ${hash} not mined in ${timeoutMs} ms`);
    if (now - flushedAt > flushAfterMs && (await request({ method: 'anvil_getAutomine' }))) {
      await request({ method: 'evm_mine' });
      flushedAt = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

type Node = { request: unknown };
type RawRequest = (args: { method: string; params?: unknown }) => Promise<unknown>;

function isPending(response: unknown): boolean {
  const result = (response as { result?: { status?: unknown } } | undefined)?.result;
  return result?.status === 100;
}

/**
 * wallet_getCallsStatus once the batch is no longer pending (status ≠ 100). wallet_sendCalls answers
 * when the last call is broadcast, not mined, so a status read right after it may still say 100;
 * a call stuck in anvil's pool (see waitMined) gets a block after `flushAfterMs`.
 */
export async function settledCallsStatus<R>(
  poll: () => Promise<R>,
  node: Node,
  { pollMs = 20, flushAfterMs = 1_000, timeoutMs = 90_000 } = {},
): Promise<R> {
  const request = node.request as RawRequest;
  const started = Date.now();
  let flushedAt = started;
  for (;;) {
    const response = await poll();
    if (!isPending(response)) return response;
    const now = Date.now();
    if (now - started > timeoutMs) throw new Error(`Batch still pending after ${timeoutMs} ms`);
    if (now - flushedAt > flushAfterMs && (await request({ method: 'anvil_getAutomine' }))) {
      await request({ method: 'evm_mine' });
      flushedAt = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
