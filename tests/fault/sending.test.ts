import '../../lib/polyfills';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createPublicClient, http, keccak256, serializeTransaction, type Hex, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { createNetworkClient } from '../../lib/chain/clients';
import { startAnvil, type AnvilInstance } from '../devnet/anvil';
import { ACCOUNT_0, ACCOUNT_1, TEST_MNEMONIC, createHarness } from '../unit/provider-harness';
import { startFaultProxy, type FaultProxy } from './proxy';

const DAPP = 'https://dapp.example';
const ONE_WEI_TX = [{ from: ACCOUNT_0, to: ACCOUNT_1, value: '0x1' }];

let anvil: AnvilInstance;
let primary: FaultProxy;
let backup: FaultProxy;
/** Straight to the node, never through a proxy: the test's own view of the chain. */
let node: PublicClient;

/** A router whose RPC is the wallet's real client (http + fallback, retries, 15 s timeout) over `urls`. */
async function walletOn(urls: string[]) {
  const client = createNetworkClient({
    key: 'devnet',
    chainId: 1,
    name: 'devnet behind a faulty proxy',
    rpcUrls: urls,
    nativeSymbol: 'ETH',
    builtIn: true,
  });
  const h = createHarness(client);
  await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
  h.answerWith({ approved: true, accounts: [ACCOUNT_0] });
  await h.call(DAPP, 'eth_requestAccounts', []);
  return h;
}

/** Every transaction the node holds from `from` at `nonce` (mined blocks and the pool). */
async function txsAtNonce(from: string, nonce: number): Promise<Hex[]> {
  const found: Hex[] = [];
  const latest = await node.getBlockNumber({ cacheTime: 0 });
  for (let n = 0n; n <= latest; n++) {
    const block = await node.getBlock({ blockNumber: n, includeTransactions: true });
    for (const tx of block.transactions) if (tx.from.toLowerCase() === from.toLowerCase() && tx.nonce === nonce) found.push(tx.hash);
  }
  const pool = (await node.request({ method: 'txpool_content' as never })) as { pending: Record<string, Record<string, { hash: Hex }>> };
  for (const [addr, byNonce] of Object.entries(pool.pending)) {
    if (addr.toLowerCase() === from.toLowerCase() && byNonce[String(nonce)]) found.push(byNonce[String(nonce)]!.hash);
  }
  return found;
}

beforeAll(async () => {
  anvil = await startAnvil();
  primary = await startFaultProxy(anvil.rpcUrl);
  backup = await startFaultProxy(anvil.rpcUrl);
  node = createPublicClient({ chain: mainnet, transport: http(anvil.rpcUrl, { retryCount: 0 }) });
});
afterAll(async () => {
  await primary?.stop();
  await backup?.stop();
  await anvil?.stop();
});
beforeEach(() => {
  for (const p of [primary, backup]) {
    p.clearFaults();
    p.resetCounts();
  }
});

/** Sends one transaction through the wallet on `urls`, then checks the node holds exactly one at the nonce. */
async function sendOnce(urls: string[]) {
  const h = await walletOn(urls);
  const nonce = await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' });
  const response = await h.call(DAPP, 'eth_sendTransaction', ONE_WEI_TX);
  const atNonce = await txsAtNonce(ACCOUNT_0, nonce);
  expect(atNonce).toHaveLength(1);
  expect(await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' })).toBe(nonce + 1);
  if ('result' in response) {
    expect(response.result).toBe(atNonce[0]);
  } else {
    expect(response.error.message.length).toBeGreaterThan(20);
  }
  return { response, hash: atNonce[0]! };
}

describe('eth_sendTransaction when the RPC fails after the node accepted the transaction', () => {
  test('connection dropped after forwarding: one transaction at the nonce, and the dApp gets its hash', async () => {
    primary.fault('eth_sendRawTransaction', { kind: 'forward-then-drop' });
    const { response, hash } = await sendOnce([primary.url]);
    expect(response).toEqual({ result: hash });
    // The wallet may retry the same signed bytes (same hash), never a re-signed transaction.
    expect(primary.count('eth_sendRawTransaction')).toBeGreaterThanOrEqual(1);
  });

  test('primary dropped, fallback URL healthy: the re-broadcast to the fallback is the same transaction', async () => {
    primary.fault('eth_sendRawTransaction', { kind: 'forward-then-drop' });
    const { response, hash } = await sendOnce([primary.url, backup.url]);
    expect(response).toEqual({ result: hash });
  });

  test('timeout after forwarding (the node accepted, the answer never came): one transaction, the hash', async () => {
    primary.fault('eth_sendRawTransaction', { kind: 'forward-then-hang' });
    const { response, hash } = await sendOnce([primary.url]);
    expect(response).toEqual({ result: hash });
  }, 90_000);

  test('the RPC dies right after accepting (no answer, no lookup): a clear error naming the hash, never a second send', async () => {
    primary.fault('eth_sendRawTransaction', { kind: 'forward-then-drop' });
    primary.fault('eth_getTransactionByHash', { kind: 'http', status: 503 });
    const { response, hash } = await sendOnce([primary.url]);
    expect(response).toMatchObject({ error: { code: -32603, message: expect.stringContaining(hash) } });
    if ('error' in response) expect(response.error.message).toMatch(/before sending again/);
    // The signed bytes the node holds hash to what the wallet reported (computed here from the node's copy).
    const mined = await node.getTransaction({ hash });
    expect(keccak256(serializeTransaction(mined as never, { r: mined.r, s: mined.s, yParity: mined.yParity ?? 0 }))).toBe(hash);
  });
});

describe('an RPC on the wrong chain', () => {
  test('eth_chainId answers 0x5 while the network is chain 1: refuses to sign, nothing broadcast', async () => {
    primary.wrongChainId('0x5');
    const h = await walletOn([primary.url]);
    const nonce = await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' });
    const response = await h.call(DAPP, 'eth_sendTransaction', ONE_WEI_TX);
    expect(response).toMatchObject({ error: { message: expect.stringMatching(/chain/i) } });
    if (!('error' in response)) throw new Error('sent on the wrong chain');
    expect([-32603, 4901]).toContain(response.error.code);
    expect(response.error.message).toMatch(/0x5|5/);
    expect(primary.count('eth_sendRawTransaction')).toBe(0);
    expect(await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' })).toBe(nonce);
  });
});
