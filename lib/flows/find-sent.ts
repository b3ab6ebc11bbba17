import { isAddressEqual, type Address, type Client, type Hex } from 'viem';
import { getBlock, getBlockNumber, getTransactionCount } from 'viem/actions';

export type SentTransaction = { hash: Hex; to: Address | null; input: Hex };

/**
 * A lost hash: the transaction with this nonce from this account. The account's nonce at a block says
 * whether it was mined by then, so a binary search finds its block in a few reads however long the
 * worker was stopped, and only that block is fetched whole.
 */
export async function findSentTransaction(
  client: Client,
  from: Address,
  nonce: number,
  fromBlock: bigint,
): Promise<SentTransaction | undefined> {
  // cacheTime 0: viem caches the block number for a polling interval, which hides the newest block.
  const latest = await getBlockNumber(client, { cacheTime: 0 });
  const minedBy = async (blockNumber: bigint) => (await getTransactionCount(client, { address: from, blockNumber })) > nonce;
  let low = fromBlock > 0n ? fromBlock - 1n : 0n;
  if (await minedBy(low)) low = 0n; // the stored block is later than the send (or wrong): search all
  let high = latest;
  if (!(await minedBy(high))) return undefined;
  while (high - low > 1n) {
    const mid = (low + high) / 2n;
    if (await minedBy(mid)) high = mid;
    else low = mid;
  }
  const block = await getBlock(client, { blockNumber: high, includeTransactions: true });
  const tx = block.transactions.find((t) => isAddressEqual(t.from, from) && t.nonce === nonce);
  return tx ? { hash: tx.hash, to: tx.to, input: tx.input } : undefined;
}

/**
 * The account's "latest" nonce can count a block the node does not serve yet: anvil updates its state
 * before its block number, and a load-balanced RPC answers from nodes a block apart. A nonce known to be
 * used is looked for again a few times before the caller says it cannot find it.
 */
export async function findSentTransactionSettled(
  client: Client,
  from: Address,
  nonce: number,
  fromBlock: bigint,
  { attempts = 5, waitMs = 1_000, wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) } = {},
): Promise<SentTransaction | undefined> {
  for (let attempt = 1; ; attempt++) {
    const found = await findSentTransaction(client, from, nonce, fromBlock);
    if (found || attempt >= attempts) return found;
    await wait(waitMs);
  }
}
