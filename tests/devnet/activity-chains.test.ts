import '../../lib/polyfills';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPublicClient, http, parseEther, type Hex, type PublicClient } from 'viem';
import { replaceTransaction } from '../../lib/provider/replace';
import type { StoredNetwork } from '../../lib/storage';
import { ACTIVITY_ALARM, createActivityWatcher } from '../../lib/wallet/activity-watch';
import { startAnvil, type AnvilInstance } from './anvil';
import { ACCOUNT_0, ACCOUNT_1, TEST_MNEMONIC, createHarness } from '../unit/provider-harness';

// Activity across chains on two real nodes: anvil as Ethereum (chain 1, the wallet's network) and anvil as Base
// (chain 8453, where one site switched). A site's transaction on Base is followed and replaced on Base while the
// wallet stays on Ethereum.
describe('Activity follows and replaces transactions on the chain they were sent on', () => {
  let ethereum: AnvilInstance;
  let base: AnvilInstance;
  let onEthereum: PublicClient;
  let onBase: PublicClient;
  let h: ReturnType<typeof createHarness>;
  const DAPP = 'https://dapp.example';
  const clientOf = (n: StoredNetwork) => createPublicClient({ transport: http(n.rpcUrls[0], { retryCount: 0 }) }) as PublicClient;
  const alarms = new Map<string, unknown>();
  const fakeAlarms = {
    create: (name: string, info: unknown) => void alarms.set(name, info),
    clear: async (name: string) => alarms.delete(name),
    get: async (name: string) => alarms.get(name),
  };
  // Which chain each client the watcher asked for was for: it must never ask for chain 1 here.
  const asked: number[] = [];
  let watcher: ReturnType<typeof createActivityWatcher>;

  const setAutomine = (on: boolean) => onBase.request({ method: 'evm_setAutomine', params: [on] } as never);
  const mineBase = () => onBase.request({ method: 'evm_mine' } as never);
  async function sendOnBase(value: bigint): Promise<Hex> {
    const sent = await h.call(DAPP, 'eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, value: `0x${value.toString(16)}` }]);
    if (!('result' in sent)) throw new Error(JSON.stringify(sent));
    return sent.result as Hex;
  }
  const status = async (hash: Hex) => (await h.activity.list()).find((i) => i.hash === hash);

  beforeAll(async () => {
    [ethereum, base] = await Promise.all([startAnvil(), startAnvil({ chainId: 8453 })]);
    onEthereum = createPublicClient({ transport: http(ethereum.rpcUrl) }) as PublicClient;
    onBase = createPublicClient({ transport: http(base.rpcUrl) }) as PublicClient;
    h = createHarness(onEthereum, undefined, { clientFor: async (n) => clientOf(n) });
    await h.networks.setRpcUrls({ key: 'mainnet' }, [ethereum.rpcUrl]);
    await h.networks.setRpcUrls({ key: 'base' }, [base.rpcUrl]);
    await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
    h.answerWith({ approved: true, accounts: [ACCOUNT_0] });
    await h.call(DAPP, 'eth_requestAccounts', []);
    h.answerWith({ approved: true });
    expect(await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: '0x2105' }])).toEqual({ result: null });
    watcher = createActivityWatcher({
      alarms: fakeAlarms,
      activity: h.activity,
      clientFor: async (chainId) => {
        asked.push(chainId);
        const n = await h.networks.forChain(chainId);
        return n ? clientOf(n) : undefined;
      },
    });
  });
  afterAll(async () => Promise.all([ethereum?.stop(), base?.stop()]));
  beforeEach(() => {
    asked.length = 0;
  });

  it('the wallet stays on Ethereum while the site is on Base', async () => {
    expect((await h.networks.active()).chainId).toBe(1);
    expect(await h.call(DAPP, 'eth_chainId')).toEqual({ result: '0x2105' });
  });

  it("a site's pending tx on Base is followed on Base (receipt watch) and confirmed with Base's block", async () => {
    await setAutomine(false);
    const hash = await sendOnBase(parseEther('0.01'));
    expect(await status(hash)).toMatchObject({ chainId: 8453, status: 'pending' });
    // The wallet's chain knows nothing of it: a refresh through the wallet's node alone (what Activity did) changes nothing.
    expect(await h.activity.refresh(onEthereum, 1)).toEqual([]);
    await watcher.sync();
    expect(asked).toEqual([8453]);
    expect(alarms.has(ACTIVITY_ALARM)).toBe(true);
    await mineBase();
    const receipt = await onBase.getTransactionReceipt({ hash });
    // The watcher's own receipt wait (viem polls every 4 s) settles it, nobody calling refresh.
    await vi.waitFor(async () => expect((await status(hash))?.status).toBe('confirmed'), { timeout: 20_000, interval: 200 });
    expect(await status(hash)).toMatchObject({ chainId: 8453, blockNumber: receipt.blockNumber.toString() });
    // Ethereum's height differs, so the block number came from Base.
    expect(await onEthereum.getBlockNumber()).not.toBe(receipt.blockNumber);
    await watcher.sync();
    expect(alarms.has(ACTIVITY_ALARM)).toBe(false);
    await setAutomine(true);
  });

  it('the alarm refresh settles a Base tx through the Base node (what activity:list runs)', async () => {
    await setAutomine(false);
    const hash = await sendOnBase(parseEther('0.02'));
    await mineBase();
    const transitions = await watcher.refresh();
    expect(asked).toEqual([8453]);
    expect(transitions.map((t) => [t.item.hash, t.item.status, t.from])).toEqual([[hash, 'confirmed', 'pending']]);
    await setAutomine(true);
  });

  it('a speed-up of a pending Base tx replaces it on Base: same nonce, chain id 8453, higher fees; Ethereum untouched', async () => {
    await setAutomine(false);
    const ethNonce = await onEthereum.getTransactionCount({ address: ACCOUNT_0 });
    const original = await sendOnBase(parseEther('0.03'));
    const before = await onBase.getTransaction({ hash: original });
    const seen = h.approvalsSeen.length;
    const replacement = await replaceTransaction(h.deps, original, 'speed-up');
    const approval = h.approvalsSeen.slice(seen);
    expect(approval).toHaveLength(1);
    expect(approval[0]).toMatchObject({ kind: 'transaction', origin: 'Ballast · Speed up' });
    expect((approval[0]!.params as { chainId: number; nonce: string }[])[0]).toMatchObject({
      chainId: 8453,
      nonce: `0x${before.nonce.toString(16)}`,
    });
    const after = await onBase.getTransaction({ hash: replacement });
    expect(after.chainId).toBe(8453);
    expect(after.nonce).toBe(before.nonce);
    expect(after.value).toBe(before.value);
    expect(after.maxFeePerGas! * 100n).toBeGreaterThanOrEqual(before.maxFeePerGas! * 110n);
    expect(after.maxPriorityFeePerGas! * 100n).toBeGreaterThanOrEqual(before.maxPriorityFeePerGas! * 110n);
    const pool = (await onBase.request({ method: 'txpool_content' } as never)) as {
      pending: Record<string, Record<string, { hash: Hex }>>;
    };
    expect(Object.values(pool.pending).flatMap((byNonce) => Object.values(byNonce).map((t) => t.hash))).toEqual([replacement]);
    await expect(onEthereum.getTransaction({ hash: replacement })).rejects.toThrow();
    expect(await onEthereum.getTransactionCount({ address: ACCOUNT_0 })).toBe(ethNonce);
    await mineBase();
    expect((await onBase.getTransactionReceipt({ hash: replacement })).status).toBe('success');
    await watcher.refresh();
    expect(await status(original)).toMatchObject({ status: 'replaced', replacedBy: replacement, chainId: 8453 });
    expect(await status(replacement)).toMatchObject({ status: 'confirmed', kind: 'speed-up', replaces: original, chainId: 8453 });
    await setAutomine(true);
  });

  it('a cancel of a pending Base tx is a zero-value self-send at its nonce on Base', async () => {
    await setAutomine(false);
    const original = await sendOnBase(parseEther('0.04'));
    const before = await onBase.getTransaction({ hash: original });
    const cancel = await replaceTransaction(h.deps, original, 'cancel');
    const tx = await onBase.getTransaction({ hash: cancel });
    expect([tx.chainId, tx.nonce, tx.value, tx.to?.toLowerCase()]).toEqual([8453, before.nonce, 0n, ACCOUNT_0.toLowerCase()]);
    await mineBase();
    await watcher.refresh();
    expect(await status(original)).toMatchObject({ status: 'cancelled', replacedBy: cancel });
    await setAutomine(true);
  });
});
