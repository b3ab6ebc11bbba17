import { encodeFunctionData, type Abi, type Address, type Hex } from 'viem';
import type { DevnetContext } from '../context';
import { waitMined } from '../mined';

export type BatchCall = { address: Address; abi: Abi; functionName: string; args?: readonly unknown[]; value?: bigint };

/**
 * Sends many set-up transactions from one unlocked account quickly: explicit nonces and a fixed gas
 * limit (no estimate round trip), sent in order without waiting for each receipt. (Sending them all
 * concurrently let transactions arrive out of nonce order and, now and then, sit unmined in the pool.)
 * Then every receipt is awaited and any revert is reported by function name.
 */
export async function writeMany(ctx: DevnetContext, calls: BatchCall[], { from = ctx.admin, gas = 1_500_000n } = {}): Promise<Hex[]> {
  if (calls.length === 0) return [];
  const first = await ctx.client.getTransactionCount({ address: from, blockTag: 'pending' });
  // Sent one after another (in nonce order, so automine never sees a gap) but not awaited one by one.
  const hashes: Hex[] = [];
  for (const [i, c] of calls.entries()) {
    hashes.push(
      await ctx.client.sendTransaction({
        account: from,
        chain: ctx.client.chain,
        to: c.address,
        data: encodeFunctionData({ abi: c.abi, functionName: c.functionName, args: c.args ?? [] } as never),
        value: c.value,
        nonce: first + i,
        gas,
      }),
    );
  }
  // A transaction that sits in anvil's pool instead of being automined (seen under heavy load) is mined here, by
  // state: while the account's mined nonce is behind the last one sent, mine a block.
  for (let round = 0; round < 20; round++) {
    if ((await ctx.client.getTransactionCount({ address: from, blockTag: 'latest' })) >= first + calls.length) break;
    await ctx.client.mine({ blocks: 1 });
  }
  const receipts = await Promise.all(hashes.map((hash) => waitMined(ctx.client, hash)));
  const failed = receipts.flatMap((r, i) => (r.status === 'success' ? [] : [`${calls[i]?.functionName} on ${calls[i]?.address}`]));
  if (failed.length) throw new Error(`Devnet set-up reverted: ${failed.join(', ')}`);
  return hashes;
}
