import { describe, expect, it } from 'vitest';
import { createClient, custom, numberToHex, type Address, type Hex } from 'viem';
import { findSentTransaction, findSentTransactionSettled } from './find-sent';

const from: Address = '0x00000000000000000000000000000000000000aa';
const hash: Hex = `0x${'ab'.repeat(32)}`;

/**
 * A node whose account sent nonce 7 in block 120, and whose block number lags its state for the first
 * `lagging` reads (what anvil does while it mines, and a load-balanced RPC between its backends).
 * A fault a real node shows only in a race, so it is modelled here.
 */
function laggingNode(lagging: number) {
  let blockNumberReads = 0;
  const calls: string[] = [];
  const client = createClient({
    transport: custom({
      async request({ method, params }) {
        calls.push(method);
        const args = params as unknown[];
        if (method === 'eth_blockNumber') return numberToHex(blockNumberReads++ < lagging ? 119 : 120);
        if (method === 'eth_getTransactionCount') {
          const tag = args[1] as string;
          const block = tag === 'latest' ? 120 : Number(tag);
          return numberToHex(block >= 120 ? 8 : 7);
        }
        if (method === 'eth_getBlockByNumber') {
          const number = Number(args[0]);
          const transactions =
            number === 120
              ? [
                  {
                    hash,
                    from,
                    to: '0x00000000000000000000000000000000000000bb',
                    nonce: '0x7',
                    input: '0x1234',
                    blockNumber: '0x78',
                    type: '0x2',
                    value: '0x0',
                    gas: '0x5208',
                    r: '0x1',
                    s: '0x1',
                    v: '0x0',
                  },
                ]
              : [];
          return { number: numberToHex(number), hash: `0x${'cd'.repeat(32)}`, transactions, timestamp: '0x1', baseFeePerGas: '0x1' };
        }
        throw new Error(`unexpected ${method}`);
      },
    }),
  });
  return { client, calls };
}

describe('finding a lost hash by its nonce', () => {
  it('finds the transaction in the block where the nonce was taken', async () => {
    const { client } = laggingNode(0);
    expect(await findSentTransaction(client, from, 7, 100n)).toMatchObject({ hash, input: '0x1234' });
  });

  it('a node whose block number lags its nonce: one look finds nothing, the settled search finds it on a later look', async () => {
    expect(await findSentTransaction(laggingNode(1).client, from, 7, 100n)).toBeUndefined();
    const waits: number[] = [];
    const found = await findSentTransactionSettled(laggingNode(2).client, from, 7, 100n, {
      waitMs: 20,
      wait: async (ms) => void waits.push(ms),
    });
    expect(found?.hash).toBe(hash);
    expect(waits).toEqual([20, 20]);
  });

  it('gives up after its attempts when the block never shows', async () => {
    const waits: number[] = [];
    const found = await findSentTransactionSettled(laggingNode(Infinity).client, from, 7, 100n, {
      attempts: 3,
      waitMs: 5,
      wait: async (ms) => void waits.push(ms),
    });
    expect(found).toBeUndefined();
    expect(waits).toEqual([5, 5]);
  });
});
