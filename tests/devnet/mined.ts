import type { Hex, TransactionReceipt } from 'viem';
import type { DevnetClient } from './context';

/**
 * The receipt of a transaction sent to anvil. anvil's automine can leave a transaction in its pool
 * (foundry-rs/foundry#10122; seen here under CI load, once a test hung 120 s on it): when automine is on
 * and the transaction has waited `flushAfterMs`, a block is mined for it. With automine off (a test that
 * keeps transactions pending on purpose) nothing is mined.
 */
export async function waitMined(
  client: DevnetClient,
  hash: Hex,
  { pollMs = 20, flushAfterMs = 1_000, timeoutMs = 90_000 } = {},
): Promise<TransactionReceipt> {
  const started = Date.now();
  let flushedAt = started;
  for (;;) {
    const receipt = await client.getTransactionReceipt({ hash }).catch(() => undefined);
    if (receipt) return receipt;
    const now = Date.now();
    if (now - started > timeoutMs) throw new Error(`Transaction ${hash} not mined in ${timeoutMs} ms`);
    if (now - flushedAt > flushAfterMs && (await client.getAutomine())) {
      await client.mine({ blocks: 1 });
      flushedAt = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
