import '../../lib/polyfills';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createPublicClient, http, parseEther, type Address, type Hex, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { createNetworkClient } from '../../lib/chain/clients';
import { applyFeeEdit } from '../../lib/provider/fees';
import { replaceTransaction } from '../../lib/provider/replace';
import { startAnvil, type AnvilInstance } from './anvil';
import { ACCOUNT_0, ACCOUNT_1, TEST_MNEMONIC, createHarness } from '../unit/provider-harness';

/**
 * Speed up and cancel with the node's automine off, so the original waits in the pool as it would on a
 * congested mainnet: the replacement goes through the approval (its fee shown), uses the original's nonce,
 * raises every fee past the node's 10 % replacement rule, and Activity links the pair once a block is mined.
 */
const DAPP = 'https://dapp.example';
let anvil: AnvilInstance;
let node: PublicClient;
let snapshot: Hex;

beforeAll(async () => {
  anvil = await startAnvil();
  node = createPublicClient({ chain: mainnet, transport: http(anvil.rpcUrl, { retryCount: 0 }) });
});
afterAll(async () => anvil?.stop());
beforeEach(async () => {
  if (snapshot) await node.request({ method: 'evm_revert' as never, params: [snapshot] as never });
  snapshot = (await node.request({ method: 'evm_snapshot' as never })) as Hex;
  await node.request({ method: 'evm_setAutomine' as never, params: [false] as never });
});

async function wallet() {
  const client = createNetworkClient({
    key: 'devnet',
    chainId: 1,
    name: 'devnet',
    rpcUrls: [anvil.rpcUrl],
    nativeSymbol: 'ETH',
    builtIn: true,
  });
  const h = createHarness(client);
  await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
  h.answerWith({ approved: true, accounts: [ACCOUNT_0] });
  await h.call(DAPP, 'eth_requestAccounts', []);
  return h;
}

/** A dApp transaction left waiting in the pool (automine off). */
async function stuck(h: Awaited<ReturnType<typeof wallet>>, value = parseEther('0.25')): Promise<Hex> {
  const response = await h.call(DAPP, 'eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, value: `0x${value.toString(16)}` }]);
  if (!('result' in response)) throw new Error(JSON.stringify(response));
  return response.result as Hex;
}

const mine = () => node.request({ method: 'evm_mine' as never });
const pool = async () =>
  Object.values(
    ((await node.request({ method: 'txpool_content' as never })) as { pending: Record<string, Record<string, { hash: Hex }>> }).pending,
  ).flatMap((byNonce) => Object.values(byNonce).map((t) => t.hash));

describe('speed up and cancel a pending transaction', () => {
  test('speed up: same call and nonce, every fee ≥ 110 % of the original, shown for approval; Activity says replaced', async () => {
    const h = await wallet();
    const original = await stuck(h);
    const before = await node.getTransaction({ hash: original });
    const seen = h.approvalsSeen.length;
    const replacement = await replaceTransaction(h.deps, original, 'speed-up');
    // The user saw the replacement as a transaction with its fee, from "Ballast · Speed up".
    const asked = h.approvalsSeen.slice(seen);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ kind: 'transaction', origin: 'Ballast · Speed up' });
    expect(asked[0]!.fee!.txs[0]!.nonce).toBe(before.nonce);
    expect(await pool()).toEqual([replacement]);
    const after = await node.getTransaction({ hash: replacement });
    expect(after.nonce).toBe(before.nonce);
    expect(after.to?.toLowerCase()).toBe(ACCOUNT_1.toLowerCase());
    expect(after.value).toBe(before.value);
    expect(after.input).toBe(before.input);
    expect(after.maxFeePerGas! * 100n).toBeGreaterThanOrEqual(before.maxFeePerGas! * 110n);
    expect(after.maxPriorityFeePerGas! * 100n).toBeGreaterThanOrEqual(before.maxPriorityFeePerGas! * 110n);
    // Signed as shown.
    expect(after.maxFeePerGas!.toString()).toBe(asked[0]!.fee!.maxFeePerGas);
    await mine();
    expect((await node.getTransactionReceipt({ hash: replacement })).status).toBe('success');
    const client = await h.deps.client();
    const transitions = await h.activity.refresh(client, 1);
    expect(transitions.map((t) => [t.item.hash, t.item.status])).toEqual(
      expect.arrayContaining([
        [original, 'replaced'],
        [replacement, 'confirmed'],
      ]),
    );
    const list = await h.activity.list();
    expect(list.find((i) => i.hash === original)).toMatchObject({ status: 'replaced', replacedBy: replacement });
    expect(list.find((i) => i.hash === replacement)).toMatchObject({ kind: 'speed-up', replaces: original });
  });

  test('cancel: a zero-value send to yourself at the nonce; the recipient gets nothing; Activity says cancelled', async () => {
    const h = await wallet();
    const recipientBefore = await node.getBalance({ address: ACCOUNT_1 as Address });
    const original = await stuck(h);
    const { nonce } = await node.getTransaction({ hash: original });
    const cancel = await replaceTransaction(h.deps, original, 'cancel');
    const tx = await node.getTransaction({ hash: cancel });
    expect(tx).toMatchObject({ nonce, value: 0n, input: '0x', gas: 21_000n });
    expect(tx.to?.toLowerCase()).toBe(ACCOUNT_0.toLowerCase());
    await mine();
    expect(await node.getBalance({ address: ACCOUNT_1 as Address })).toBe(recipientBefore);
    await h.activity.refresh(await h.deps.client(), 1);
    const list = await h.activity.list();
    expect(list.find((i) => i.hash === original)).toMatchObject({ status: 'cancelled', replacedBy: cancel });
    expect(list.find((i) => i.hash === cancel)).toMatchObject({ status: 'confirmed', kind: 'cancel' });
  });

  test('a replacement fee under the node rule is refused with a clear message, and nothing is sent', async () => {
    const h = await wallet();
    const original = await stuck(h);
    const { maxFeePerGas, maxPriorityFeePerGas } = await node.getTransaction({ hash: original });
    // The user types the original's own fees in the window: below the 10 % rule.
    h.beforeAnswer(async (request) => {
      await h.approvals.updateFee(request.id, (fee, entry) =>
        applyFeeEdit(fee, entry, {
          version: fee.version,
          choice: 'custom',
          maxFeePerGas: maxFeePerGas!.toString(),
          maxPriorityFeePerGas: maxPriorityFeePerGas!.toString(),
        }),
      );
    });
    h.answerWith({ approved: true });
    await expect(replaceTransaction(h.deps, original, 'speed-up')).rejects.toMatchObject({ code: 'tx.replace.underpriced' });
    expect(await pool()).toEqual([original]);
  });

  test('a transaction already mined cannot be replaced: tx.replace.not-pending, no window', async () => {
    const h = await wallet();
    const original = await stuck(h);
    await mine();
    const seen = h.approvalsSeen.length;
    await expect(replaceTransaction(h.deps, original, 'speed-up')).rejects.toMatchObject({ code: 'tx.replace.not-pending' });
    expect(h.approvalsSeen.length).toBe(seen);
  });
});
