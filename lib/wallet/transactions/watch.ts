import type { Hex, PublicClient } from 'viem';

export type WatchedReceipt = {
  status: 'success' | 'reverted';
  blockNumber: bigint;
  gasUsed: bigint;
  /** The hash that was mined: the watched one, or its replacement (a speed-up or a cancel at the same nonce). */
  hash: Hex;
  /** Set when another transaction took the nonce: viem tells a cancel (a self-send of nothing) from a repricing. */
  replaced?: { reason: 'replaced' | 'cancelled' | 'repriced'; hash: Hex };
};

/**
 * Waits for a transaction's block, following it if it is sped up or cancelled: viem's receipt wait notices
 * the account's nonce being used by another transaction and answers that one's receipt, so whoever waits
 * (a flow step, a batch) goes on with the hash that was actually mined.
 */
export async function watchReceipt(
  client: PublicClient,
  hash: Hex,
  options: {
    pollingInterval?: number;
    timeout?: number;
    /**
     * The replacement Activity recorded for a hash (Ballast's own speed-up or cancel). viem follows a
     * replacement only if it saw the original in the pool; after a worker restart the original may be gone.
     */
    replacementOf?: (hash: Hex) => Promise<{ hash: Hex; kind: 'speed-up' | 'cancel' } | undefined>;
  } = {},
): Promise<WatchedReceipt> {
  let replaced: WatchedReceipt['replaced'];
  for (let depth = 0; options.replacementOf && depth < 8; depth++) {
    const known = await client.getTransaction({ hash }).then(
      () => true,
      () => false,
    );
    const next = known ? undefined : await options.replacementOf(hash);
    if (!next) break;
    replaced = { reason: next.kind === 'cancel' ? 'cancelled' : 'repriced', hash: next.hash };
    hash = next.hash;
  }
  const receipt = await client.waitForTransactionReceipt({
    hash,
    pollingInterval: options.pollingInterval ?? 1_000,
    timeout: options.timeout ?? 10 * 60_000,
    onReplaced: (r) => {
      // A later replacement (a second speed-up) wins over one found in Activity.
      replaced = { reason: r.reason, hash: r.transaction.hash };
    },
  });
  return {
    status: receipt.status,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
    hash: receipt.transactionHash,
    ...(replaced ? { replaced } : {}),
  };
}
