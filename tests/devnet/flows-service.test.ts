import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEther, type PublicClient } from 'viem';
import { createMemoryFlowStore, type FlowState } from '../../lib/flows';
import { createFlowsService } from '../../lib/flows/service';
import type { StoredFlowPreview } from '../../lib/flows/storage-item';
import { TOKENS } from '../../lib/restaking';
import { createActivityService } from '../../lib/wallet/activity';
import { createWalletService } from '../../lib/wallet/wallet-service';
import { ACCOUNT_0, TEST_MNEMONIC, memoryItem, memoryItems } from '../unit/provider-harness';
import { startDevnet, type Devnet } from './devnet';

const erc20BalanceOf = [
  {
    type: 'function',
    name: 'balanceOf',
    stateMutability: 'view',
    inputs: [{ name: 'a', type: 'address' }],
    outputs: [{ type: 'uint256' }],
  },
] as const;

/**
 * The flows service as the background runs it (real wallet service and signing, real devnet): a preview
 * planned by one worker is started by the next one from storage alone, and a page-made plan has no way in.
 */
describe('flows service across a worker restart', () => {
  let devnet: Devnet;
  const items = memoryItems();
  const previewItem = memoryItem<StoredFlowPreview | null>(null);
  const store = createMemoryFlowStore();
  const alarms = { create: () => undefined, clear: async () => true, get: async () => undefined };

  beforeAll(async () => {
    devnet = await startDevnet();
  });
  afterAll(async () => devnet?.stop());

  /** A "worker": fresh in-memory services over the same storage. `onUpdate` sees every flow transition. */
  function worker(onUpdate: () => void = () => undefined) {
    const wallet = createWalletService({ vault: items.vault, accounts: items.accounts, meta: items.meta, session: items.session });
    const activity = createActivityService({ item: items.activity });
    const network = async () => ({ chainId: 1, rpcUrls: [devnet.rpcUrl] });
    return {
      wallet,
      flows: createFlowsService({
        wallet,
        activity,
        network,
        client: async () => devnet.ctx.client as unknown as PublicClient,
        alarms,
        store,
        previewItem,
        onUpdate,
      }),
    };
  }

  it('starts the stored preview after a restart and sends exactly its steps, signed by the selected account', async () => {
    const first = worker();
    await first.wallet.importMnemonic(TEST_MNEMONIC, 'devnet-password');
    expect((await first.wallet.meta()).selectedAddress).toBe(ACCOUNT_0);
    const preview = await first.flows.plan({ recipeId: 'stake:stETH', amountText: '1' });
    expect(preview.status).toBe('ok');
    expect((await previewItem.getValue())?.previewId).toBe(preview.previewId);

    // The worker stops: only storage is left (the session item keeps the unlocked wallet, as in MV3).
    let done!: (state: FlowState) => void;
    const finished = new Promise<FlowState>((resolve) => (done = resolve));
    const second = worker(() => {
      void store.list().then((flows) => {
        const flow = flows.find((f) => f.status === 'done' || f.status === 'failed');
        if (flow) done(flow);
      });
    });
    const nonceBefore = await devnet.ctx.client.getTransactionCount({ address: ACCOUNT_0 });
    const stEthBefore = await devnet.ctx.client.readContract({
      address: TOKENS.stETH,
      abi: erc20BalanceOf,
      functionName: 'balanceOf',
      args: [ACCOUNT_0],
    });

    const started = await second.flows.start(preview.previewId);
    expect(started.plan.from).toBe(ACCOUNT_0);
    const state = await finished;
    expect(state.status).toBe('done');

    const nonceAfter = await devnet.ctx.client.getTransactionCount({ address: ACCOUNT_0 });
    expect(nonceAfter - nonceBefore).toBe(preview.plan.steps.length);
    const stEthAfter = await devnet.ctx.client.readContract({
      address: TOKENS.stETH,
      abi: erc20BalanceOf,
      functionName: 'balanceOf',
      args: [ACCOUNT_0],
    });
    // stETH shares round down by at most a couple of wei (Lido's share math).
    expect(parseEther('1') - (stEthAfter - stEthBefore)).toBeLessThanOrEqual(2n);
    // Used once: the same click again finds nothing to run.
    await expect(second.flows.start(preview.previewId)).rejects.toMatchObject({ code: 'flow.preview.expired' });
  });

  it('refuses an id it did not store: a preview can only come from this background', async () => {
    const { flows } = worker();
    await flows.plan({ recipeId: 'stake:rETH', amountText: '0.5' });
    await expect(flows.start('made-up-by-a-page')).rejects.toMatchObject({ code: 'flow.preview.expired' });
  });
});
