import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hex, PublicClient } from 'viem';
import { createMemoryFlowStore, type FlowState } from '../../lib/flows';
import { createFlowsService } from '../../lib/flows/service';
import type { StoredFlowPreview } from '../../lib/flows/storage-item';
import { replaceTransaction } from '../../lib/provider/replace';
import { createActivityService } from '../../lib/wallet/activity';
import { createWalletService } from '../../lib/wallet/wallet-service';
import { ACCOUNT_0, TEST_MNEMONIC, createHarness, memoryItem, memoryItems } from '../unit/provider-harness';
import { startDevnet, type Devnet } from './devnet';

/**
 * A Stake & deploy step stuck in the pool (automine off, as in a gas spike) is sped up from Activity: the
 * flow follows the replacement's hash (the step records both) and goes on to the end.
 */
describe('a stuck flow step sped up', () => {
  let devnet: Devnet;
  const items = memoryItems();
  const store = createMemoryFlowStore();

  beforeAll(async () => {
    devnet = await startDevnet();
  });
  afterAll(async () => devnet?.stop());

  it('the flow resumes with the replacement: step hash = the speed-up, the original kept as replaced', async () => {
    const client = devnet.ctx.client as unknown as PublicClient;
    const wallet = createWalletService({ vault: items.vault, accounts: items.accounts, meta: items.meta, session: items.session });
    await wallet.importMnemonic(TEST_MNEMONIC, 'devnet-password');
    const activity = createActivityService({ item: items.activity });
    const flows = createFlowsService({
      wallet,
      activity,
      network: async () => ({ chainId: 1, rpcUrls: [devnet.rpcUrl] }),
      client: async () => client,
      alarms: { create: () => undefined, clear: async () => true, get: async () => undefined },
      store,
      previewItem: memoryItem<StoredFlowPreview | null>(null),
      onUpdate: () => undefined,
    });
    // The Activity window's side: the same storage, the approval answered as the user would.
    const h = createHarness(client, items);
    h.answerWith({ approved: true });

    const preview = await flows.plan({ recipeId: 'stake:stETH', amountText: '1' });
    expect(preview.status).toBe('ok');
    await client.request({ method: 'evm_setAutomine', params: [false] } as never);
    const started = await flows.start(preview.previewId);
    const sent = async () => (await store.get(started.id))?.steps[0]?.hash;
    await expect.poll(sent, { timeout: 20_000, interval: 50 }).toMatch(/^0x/);
    const original = (await sent()) as Hex;

    const before = await client.getTransaction({ hash: original });
    const replacement = await replaceTransaction(h.deps, original, 'speed-up');
    const after = await client.getTransaction({ hash: replacement });
    expect(after.nonce).toBe(before.nonce);
    expect(after.input).toBe(before.input);
    expect(after.maxFeePerGas! * 100n).toBeGreaterThanOrEqual(before.maxFeePerGas! * 110n);

    await client.request({ method: 'evm_setAutomine', params: [true] } as never);
    await client.request({ method: 'evm_mine' } as never);
    await expect.poll(async () => (await store.get(started.id))?.status, { timeout: 30_000, interval: 100 }).toBe('done');
    const state = (await store.get(started.id)) as FlowState;
    expect(state.steps[0]).toMatchObject({ status: 'mined', hash: replacement, replacedHashes: [original] });
    expect((await client.getTransactionReceipt({ hash: replacement })).from.toLowerCase()).toBe(ACCOUNT_0.toLowerCase());
  });
});
