import { describe, expect, test } from 'vitest';
import { fallback, http } from 'viem';
import { mainnet } from 'viem/chains';
import { endpointsOf } from '../chain/transport';
import { checkDataChain, checkNotBehind, checkPinnedBlock, sourceOf } from './consistency';
import { STALE_AFTER_MS } from './schedule';

const A = 'http://127.0.0.1:1001';
const B = 'http://127.0.0.1:1002';
const previous = { chainId: 1, blockNumber: 100n, takenAt: 1_000_000, source: A };

describe('tracker consistency rules', () => {
  test('the source names every URL of a fallback list, in order, and the single URL of http()', () => {
    expect(sourceOf(endpointsOf(fallback([http(A), http(B)]), mainnet))).toBe(`${A} ${B}`);
    expect(sourceOf(endpointsOf(http(A), mainnet))).toBe(A);
  });

  test('an older block from the same RPC list is refused while the shown snapshot is recent', () => {
    expect(() => checkNotBehind(99n, previous, 1, A, previous.takenAt + 60_000)).toThrow(
      'RPC answers disagree: the RPC answered for block 99, older than block 100 already shown',
    );
    expect(() => checkNotBehind(100n, previous, 1, A, previous.takenAt + 60_000)).not.toThrow();
  });

  test('an older block is no contradiction after a network switch (other URLs or chain) or once the shown data is two periods old', () => {
    expect(() => checkNotBehind(5n, previous, 1, B, previous.takenAt + 60_000)).not.toThrow();
    expect(() => checkNotBehind(5n, previous, 5, A, previous.takenAt + 60_000)).not.toThrow();
    expect(() => checkNotBehind(5n, previous, 1, A, previous.takenAt + STALE_AFTER_MS + 1)).not.toThrow();
    expect(() => checkNotBehind(5n, undefined, 1, A, 0)).not.toThrow();
  });

  test('data read on another chain, or a pinned batch answered for another block, is refused; an unreadable check is not', () => {
    expect(() => checkDataChain(5n, 1)).toThrow('RPC answers disagree: the RPC read the data on chain 5; this network is chain 1');
    expect(() => checkDataChain(1n, 1)).not.toThrow();
    expect(() => checkDataChain(undefined, 1)).not.toThrow();
    expect(() => checkPinnedBlock(41n, 42n)).toThrow('RPC answers disagree: asked for block 42, the RPC answered for block 41');
    expect(() => checkPinnedBlock(undefined, 42n)).not.toThrow();
  });
});
