import '../../lib/polyfills';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPublicClient, createWalletClient, http, parseGwei, toHex, type Hex, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { createNetworkClient } from '../../lib/chain/clients';
import { createMemoryFlowStore } from '../../lib/flows';
import { applyFeeEdit, confirmFee } from '../../lib/provider/fees';
import { MULTICALL3 } from '../../lib/restaking/addresses';
import { storedFeeDangerFlags } from '../../lib/risk/fee-caps';
import type { StoredFeeQuote } from '../../lib/storage/fee-quote';
import { startFaultProxy, type FaultProxy } from '../fault/proxy';
import { ACCOUNT_0, ACCOUNT_1, TEST_MNEMONIC, createHarness, memoryItems } from '../unit/provider-harness';
import { startDevnet, type Devnet } from './devnet';
import { placeDouble } from './seed/abi';
import { DEVNET_ETH_USD, placeEthUsdFeed } from './seed/eth-usd';

/**
 * eth_sendTransaction's fee on a real node: decided before the request is shown (the stored entry carries
 * it when the window opens), signed exactly as shown (read back from the node), asked again when the chain
 * moves in between, and a danger fee (a node answering 1,000 gwei priority fees) refused without the
 * second step.
 */
const DAPP = 'https://dapp.example';
const ONE_ETH = '0xde0b6b3a7640000';

let devnet: Devnet;
let proxy: FaultProxy;
let node: PublicClient;
let h: ReturnType<typeof createHarness>;
let walletClient: ReturnType<typeof createNetworkClient>;
const items = memoryItems();

beforeAll(async () => {
  devnet = await startDevnet({ seed: false });
  await placeDouble(devnet.ctx, 'Multicall3', MULTICALL3);
  await placeEthUsdFeed(devnet.ctx);
  proxy = await startFaultProxy(devnet.rpcUrl);
  node = createPublicClient({ chain: mainnet, transport: http(devnet.rpcUrl) });
  walletClient = createNetworkClient({
    key: 'devnet',
    chainId: 1,
    name: 'Devnet',
    rpcUrls: [proxy.url],
    nativeSymbol: 'ETH',
    builtIn: true,
  });
  h = createHarness(walletClient, items);
  await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
  h.answerWith({ approved: true, accounts: [ACCOUNT_0] });
  await h.call(DAPP, 'eth_requestAccounts', []);
}, 120_000);
afterAll(async () => {
  await proxy?.stop();
  await devnet?.stop();
});
beforeEach(() => {
  proxy.clearFaults();
  proxy.resetCounts();
  h.beforeAnswer(undefined);
  h.answerWith({ approved: true });
  h.approvalsSeen.length = 0;
});

async function send(tx: Record<string, string>): Promise<Hex> {
  const response = await h.call(DAPP, 'eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, value: ONE_ETH, ...tx }]);
  if (!('result' in response)) throw new Error(JSON.stringify(response));
  return response.result as Hex;
}

/** The transaction as the node holds it, in the fee's terms. */
async function signedFields(hash: Hex) {
  const tx = await node.getTransaction({ hash });
  return {
    type: tx.type,
    nonce: tx.nonce,
    gas: tx.gas.toString(),
    ...(tx.type === 'legacy'
      ? { gasPrice: tx.gasPrice?.toString() }
      : { maxFeePerGas: tx.maxFeePerGas?.toString(), maxPriorityFeePerGas: tx.maxPriorityFeePerGas?.toString() }),
  };
}

const shownFields = (fee: StoredFeeQuote) => ({
  type: fee.type,
  nonce: fee.txs[0]!.nonce,
  gas: fee.txs[0]!.gas,
  ...(fee.type === 'legacy'
    ? { gasPrice: fee.gasPrice }
    : { maxFeePerGas: fee.maxFeePerGas, maxPriorityFeePerGas: fee.maxPriorityFeePerGas }),
});

describe('the fee of a dApp transaction', () => {
  it('is decided before the request is shown, with the ETH/USD feed, and signed field for field as shown', async () => {
    const nonce = await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' });
    const hash = await send({});
    const fee = h.approvalsSeen[0]!.fee!;
    expect(fee).toMatchObject({
      version: 1,
      type: 'eip1559',
      choice: 'normal',
      nonceSource: 'chain',
      network: { name: (await h.networks.active()).name, chainId: 1 },
      txs: [{ nonce, gas: '21000', gasEstimate: '21000', value: BigInt(ONE_ETH).toString() }],
      ethUsd: { answer: DEVNET_ETH_USD.toString(), decimals: 8 },
    });
    expect(await signedFields(hash)).toEqual(shownFields(fee));
  });

  it('keeps a dApp’s own gas and fees (legacy too) and signs exactly those', async () => {
    const hash = await send({ gas: '0x5208', maxFeePerGas: toHex(parseGwei('10')), maxPriorityFeePerGas: toHex(parseGwei('1')) });
    const fee = h.approvalsSeen[0]!.fee!;
    expect(fee).toMatchObject({
      choice: 'site',
      maxFeePerGas: parseGwei('10').toString(),
      maxPriorityFeePerGas: parseGwei('1').toString(),
    });
    expect(await signedFields(hash)).toEqual(shownFields(fee));
    const legacy = await send({ type: '0x0', gasPrice: toHex(parseGwei('10')) });
    const legacyFee = h.approvalsSeen[1]!.fee!;
    expect(legacyFee).toMatchObject({ type: 'legacy', choice: 'site', gasPrice: parseGwei('10').toString() });
    expect(await signedFields(legacy)).toEqual(shownFields(legacyFee));
  });

  it('asks again, saying why, when the nonce it showed was taken before signing', async () => {
    const wallet = createWalletClient({ chain: mainnet, transport: http(devnet.rpcUrl) });
    let moved = false;
    h.beforeAnswer(async () => {
      if (moved) return;
      moved = true;
      // Another wallet holding the same key sends first.
      await wallet.sendTransaction({ account: ACCOUNT_0, to: ACCOUNT_0, value: 0n });
    });
    const hash = await send({});
    expect(h.approvalsSeen).toHaveLength(2);
    const [first, second] = h.approvalsSeen.map((s) => s.fee!);
    expect(second!.txs[0]!.nonce).toBe(first!.txs[0]!.nonce + 1);
    expect(second!.notice).toMatch(new RegExp(`Nonce ${first!.txs[0]!.nonce} was used by another transaction`));
    expect(await signedFields(hash)).toEqual(shownFields(second!));
  });

  it('a node answering 1,000 gwei priority fees gives danger flags, and nothing is sent without the second step', async () => {
    const thousand = toHex(parseGwei('1000'));
    proxy.fault('eth_feeHistory', {
      kind: 'rewrite',
      result: (r) => {
        const answer = r as { reward?: string[][] };
        return { ...answer, ...(answer.reward ? { reward: answer.reward.map((row) => row.map(() => thousand)) } : {}) };
      },
    });
    const nonce = await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' });
    const refusals: unknown[] = [];
    h.beforeAnswer(async (p) => {
      refusals.push(
        await h.approvals.resolve(p.id, { approved: true }, (e) => confirmFee(e, { feeVersion: p.fee!.version })).catch((e) => e),
      );
    });
    h.answerWith({ approved: false });
    const rejected = await h.call(DAPP, 'eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, value: ONE_ETH }]);
    expect(rejected).toMatchObject({ error: { code: 4001 } });
    expect(refusals).toEqual([expect.objectContaining({ code: 'fee.danger-unconfirmed' })]);
    const fee = h.approvalsSeen[0]!.fee!;
    expect(fee.maxPriorityFeePerGas).toBe(parseGwei('1000').toString());
    expect(storedFeeDangerFlags(fee).map((f) => f.id)).toEqual(['fee.priority-high', 'fee.max-above-base']);
    expect(proxy.count('eth_sendRawTransaction')).toBe(0);
    expect(await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' })).toBe(nonce);

    // The second step taken: sent, with exactly the fee shown.
    h.beforeAnswer(async (p) => {
      await h.approvals.resolve(p.id, { approved: true }, (e) => confirmFee(e, { feeVersion: p.fee!.version, acceptFeeDanger: true }));
    });
    const hash = await send({});
    expect(await signedFields(hash)).toEqual(shownFields(h.approvalsSeen[1]!.fee!));
    expect((await node.getTransaction({ hash })).maxPriorityFeePerGas).toBe(parseGwei('1000'));
  });

  it('a wallet_sendCalls batch: one fee per gas, each call’s gas and nonce shown, every call signed exactly so', async () => {
    const nonce = await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' });
    const store = createMemoryFlowStore();
    const batchHarness = createHarness(walletClient, items, { callFlows: store });
    const secondGas = await node.estimateGas({ account: ACCOUNT_0, to: ACCOUNT_1, value: 9n, data: '0x1234' });
    const sent = await batchHarness.call(DAPP, 'wallet_sendCalls', [
      {
        version: '2.0.0',
        chainId: '0x1',
        from: ACCOUNT_0,
        atomicRequired: false,
        calls: [
          { to: ACCOUNT_1, value: '0x7' },
          { to: ACCOUNT_1, value: '0x9', data: '0x1234' },
        ],
      },
    ]);
    if (!('result' in sent)) throw new Error(JSON.stringify(sent));
    const fee = batchHarness.approvalsSeen[0]!.fee!;
    expect(fee.txs.map((t) => [t.nonce, t.gas, t.value])).toEqual([
      [nonce, '21000', '7'],
      [nonce + 1, secondGas.toString(), '9'],
    ]);
    const status = await batchHarness.call(DAPP, 'wallet_getCallsStatus', [(sent.result as { id: string }).id]);
    const hashes = (status as { result: { status: number; receipts: { transactionHash: Hex }[] } }).result.receipts.map(
      (r) => r.transactionHash,
    );
    expect(hashes).toHaveLength(2);
    for (const [i, hash] of hashes.entries()) {
      expect(await signedFields(hash)).toEqual({ ...shownFields(fee), nonce: fee.txs[i]!.nonce, gas: fee.txs[i]!.gas });
    }
  });

  it('a wallet_sendCalls batch: each call’s gas limit and the starting nonce, edited, are checked in the background and signed as edited', async () => {
    const pendingNonce = await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' });
    const store = createMemoryFlowStore();
    const batchHarness = createHarness(walletClient, items, { callFlows: store });
    const estimate2 = await node.estimateGas({ account: ACCOUNT_0, to: ACCOUNT_1, value: 9n, data: '0x1234' });
    const refusals: unknown[] = [];
    let edited: StoredFeeQuote | undefined;
    batchHarness.beforeAnswer(async (p) => {
      const edit = (e: Omit<Parameters<typeof applyFeeEdit>[2], 'version'>) =>
        batchHarness.approvals.updateFee(p.id, (fee, entry) => applyFeeEdit(fee, entry, { version: fee.version, ...e }));
      // Below call 2's estimate, below the account's next nonce: refused, naming the field; nothing stored.
      refusals.push(await edit({ choice: 'normal', gases: ['21000', (estimate2 - 1n).toString()] }).catch((e) => e));
      refusals.push(await edit({ choice: 'normal', nonce: pendingNonce - 1 }).catch((e) => e));
      // The window's edit: Fast, call 1 at 30,000 gas, call 2 at its estimate + 7,000, starting one nonce later.
      edited = await edit({ choice: 'fast', gases: ['30000', (estimate2 + 7_000n).toString()], nonce: pendingNonce + 1 });
    });
    proxy.resetCounts();
    const answered = batchHarness.call(DAPP, 'wallet_sendCalls', [
      {
        version: '2.0.0',
        chainId: '0x1',
        from: ACCOUNT_0,
        atomicRequired: false,
        calls: [
          { to: ACCOUNT_1, value: '0x7' },
          { to: ACCOUNT_1, value: '0x9', data: '0x1234' },
        ],
      },
    ]);
    // Call 1 goes out with the shown nonce (one past the account's next) and waits for the gap; another wallet fills it.
    await expect.poll(() => proxy.count('eth_sendRawTransaction')).toBe(1);
    const wallet = createWalletClient({ chain: mainnet, transport: http(devnet.rpcUrl) });
    await wallet.sendTransaction({ account: ACCOUNT_0, to: ACCOUNT_0, value: 0n, nonce: pendingNonce });
    const sent = await answered;
    if (!('result' in sent)) throw new Error(JSON.stringify(sent));

    expect(refusals).toEqual([
      expect.objectContaining({ code: 'fee.edit.invalid', shortMessage: 'Check the gas limit of call 2' }),
      expect.objectContaining({ code: 'fee.edit.invalid', shortMessage: 'Check the nonce' }),
    ]);
    expect(batchHarness.approvalsSeen).toHaveLength(1);
    expect(edited!.txs.map((t) => [t.nonce, t.gas])).toEqual([
      [pendingNonce + 1, '30000'],
      [pendingNonce + 2, (estimate2 + 7_000n).toString()],
    ]);
    expect(edited!.choice).toBe('fast');
    const status = await batchHarness.call(DAPP, 'wallet_getCallsStatus', [(sent.result as { id: string }).id]);
    const hashes = (status as { result: { receipts: { transactionHash: Hex }[] } }).result.receipts.map((r) => r.transactionHash);
    expect(hashes).toHaveLength(2);
    for (const [i, hash] of hashes.entries()) {
      expect(await signedFields(hash)).toEqual({ ...shownFields(edited!), nonce: edited!.txs[i]!.nonce, gas: edited!.txs[i]!.gas });
    }
  });

  // Last: it leaves the devnet's base fee high.
  it('asks again when the base fee rose above the max fee it showed', async () => {
    let moved = false;
    h.beforeAnswer(async () => {
      if (moved) return;
      moved = true;
      await node.request({ method: 'anvil_setNextBlockBaseFeePerGas', params: [toHex(parseGwei('1000'))] } as never);
      await node.request({ method: 'evm_mine' } as never);
    });
    const hash = await send({});
    expect(h.approvalsSeen).toHaveLength(2);
    const [first, second] = h.approvalsSeen.map((s) => s.fee!);
    expect(BigInt(first!.maxFeePerGas!)).toBeLessThan(parseGwei('100'));
    expect(second!.notice).toMatch(/base fee rose to .* above the max fee you approved/);
    expect(BigInt(second!.maxFeePerGas!)).toBeGreaterThan(BigInt(second!.market.nextBaseFee));
    expect(await signedFields(hash)).toEqual(shownFields(second!));
  });
});
