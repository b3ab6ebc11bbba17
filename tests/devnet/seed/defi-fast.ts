import { mainnet } from 'viem/chains';
import type { DevnetContext } from '../context';
import { waitMined } from '../mined';

/**
 * The same context with a write that reads the receipt right away: anvil automines each transaction
 * before eth_sendTransaction returns, so polling for the receipt only adds ~20 ms per call (seedDefi sends
 * ~100 transactions). Falls back to waiting when the node does not automine (block time set).
 */
export function fastContext(ctx: DevnetContext): DevnetContext {
  return {
    ...ctx,
    async write({ address, abi, functionName, args = [], value, from = ctx.admin }) {
      const hash = await ctx.client.writeContract({ address, abi, functionName, args, value, account: from, chain: mainnet } as never);
      const receipt = await ctx.client.getTransactionReceipt({ hash }).catch(() => waitMined(ctx.client, hash));
      if (receipt.status !== 'success') throw new Error(`${functionName} on ${address} reverted (tx ${hash})`);
      return hash;
    },
  };
}
