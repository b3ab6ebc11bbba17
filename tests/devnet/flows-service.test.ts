import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEther, parseGwei, toHex, type PublicClient } from 'viem';
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

  /** Runs a stored preview on a fresh worker to its end. */
  async function runToEnd(previewId: string): Promise<FlowState> {
    let done!: (state: FlowState) => void;
    const finished = new Promise<FlowState>((resolve) => (done = resolve));
    const { flows } = worker(() => {
      void store.list().then((all) => {
        const flow = all.find((f) => f.status === 'done' || f.status === 'failed');
        if (flow) done(flow);
      });
    });
    await store.list().then((all) => Promise.all(all.map((f) => store.remove(f.id))));
    await flows.start(previewId);
    return finished;
  }

  it('the preview shows the whole flow’s fee; every step is signed with that fee per gas, within its gas limit', async () => {
    const { flows } = worker();
    const preview = await flows.plan({ recipeId: 'aave:wstETH', amountText: '1' });
    expect(preview.status).toBe('ok');
    const fee = preview.plan.fee!;
    const estimate = preview.feeEstimate!;
    // Limits: the simulated gas of each step + 50 %, rounded up; the max cost is their sum at the max fee.
    expect(fee.gasLimits).toEqual(preview.steps.map((s) => ((BigInt(s.gasUsed!) * 150n + 99n) / 100n).toString()));
    const maxFee = BigInt(fee.maxFeePerGas!);
    expect(BigInt(estimate.max)).toBe(fee.gasLimits.reduce((sum, g) => sum + BigInt(g) * maxFee, 0n));
    expect(BigInt(estimate.likely)).toBeLessThanOrEqual(BigInt(estimate.max));
    expect(estimate.ethUsd).toMatchObject({ answer: (3_000n * 10n ** 8n).toString(), decimals: 8 });
    expect(estimate.flags).toEqual([]);

    const state = await runToEnd(preview.previewId);
    expect(state.status).toBe('done');
    let spentAtMost = 0n;
    for (const [i, step] of state.steps.entries()) {
      const tx = await devnet.ctx.client.getTransaction({ hash: step.hash! });
      expect({ type: tx.type, maxFeePerGas: tx.maxFeePerGas, maxPriorityFeePerGas: tx.maxPriorityFeePerGas }).toEqual({
        type: 'eip1559',
        maxFeePerGas: maxFee,
        maxPriorityFeePerGas: BigInt(fee.maxPriorityFeePerGas!),
      });
      expect(tx.gas).toBeLessThanOrEqual(BigInt(fee.gasLimits[i]!));
      spentAtMost += tx.gas * tx.maxFeePerGas!;
    }
    expect(spentAtMost).toBeLessThanOrEqual(BigInt(estimate.max));
  });

  it('a preview whose fee has a danger flag starts only with the second step', async () => {
    const { flows } = worker();
    const preview = await flows.plan({ recipeId: 'stake:rETH', amountText: '0.1' });
    const stored = (await previewItem.getValue())!;
    const danger = { id: 'fee.priority-high', severity: 'danger' as const, title: 'Priority fee above 100 gwei', numbers: {}, why: '' };
    await previewItem.setValue({
      ...stored,
      preview: { ...stored.preview, feeEstimate: { ...stored.preview.feeEstimate!, flags: [danger] } },
    });
    await expect(flows.start(preview.previewId)).rejects.toMatchObject({ code: 'fee.danger-unconfirmed' });
    expect((await previewItem.getValue())?.previewId).toBe(preview.previewId);
    const started = await flows.start(preview.previewId, { acceptFeeDanger: true });
    expect(started.plan.recipeId).toBe('stake:rETH');
    // Let it finish here: the next test changes the base fee under any flow still running.
    await expect.poll(async () => (await store.get(started.id))?.status, { timeout: 30_000 }).toBe('done');
  });

  // It leaves the devnet's base fee high: only planning comes after it.
  it('a base fee above the previewed max fee stops the flow before its step, saying so, with nothing sent', async () => {
    const { flows } = worker();
    const preview = await flows.plan({ recipeId: 'stake:rETH', amountText: '0.5' });
    const client = devnet.ctx.client;
    await client.request({ method: 'anvil_setNextBlockBaseFeePerGas', params: [toHex(parseGwei('1000'))] } as never);
    await client.request({ method: 'evm_mine' } as never);
    const nonceBefore = await client.getTransactionCount({ address: ACCOUNT_0 });
    const state = await runToEnd(preview.previewId);
    expect(state.status).toBe('failed');
    expect(state.failure).toMatchObject({
      step: 0,
      beforeSending: true,
      error: { code: 'flow.step.fee-above-max', message: 'The base fee rose above the max fee you approved' },
    });
    expect(await client.getTransactionCount({ address: ACCOUNT_0 })).toBe(nonceBefore);
  });

  it('after a stop because the base fee rose above the max fee, Retry quotes a new fee, goes on only with the click, and signs the remaining steps with it', async () => {
    const client = devnet.ctx.client;
    const setBaseFee = async (gwei: string) => {
      await client.request({ method: 'anvil_setNextBlockBaseFeePerGas', params: [toHex(parseGwei(gwei))] } as never);
      await client.request({ method: 'evm_mine' } as never);
    };
    await setBaseFee('1');
    // Between step 1 (mined) and step 2, the base fee jumps to 100 gwei: far above the max fee previewed at ~1 gwei.
    let raised = false;
    const raising: typeof store = {
      ...store,
      put: async (state) => {
        await store.put(state);
        if (!raised && state.steps[0]?.status === 'mined') {
          raised = true;
          await setBaseFee('100');
        }
      },
    };
    const wallet = createWalletService({ vault: items.vault, accounts: items.accounts, meta: items.meta, session: items.session });
    const flows = createFlowsService({
      wallet,
      activity: createActivityService({ item: items.activity }),
      network: async () => ({ chainId: 1, rpcUrls: [devnet.rpcUrl] }),
      client: async () => client as unknown as PublicClient,
      alarms,
      store: raising,
      previewItem,
      onUpdate: () => undefined,
    });
    const preview = await flows.plan({ recipeId: 'aave:wstETH', amountText: '1' });
    expect(preview.plan.steps.length).toBeGreaterThan(1);
    const oldFee = preview.plan.fee!;
    const started = await flows.start(preview.previewId);
    await expect.poll(async () => (await store.get(started.id))?.status, { timeout: 30_000 }).toBe('failed');
    const stopped = (await store.get(started.id))!;
    expect(stopped.failure).toMatchObject({ step: 1, beforeSending: true, error: { code: 'flow.step.fee-above-max' } });
    const nonce = await client.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' });

    // Retry without accepting: a new fee from the chain as it is now, with the reason; nothing sent.
    const offered = await flows.retry(started.id);
    const requote = offered.feeRequote!;
    expect(offered.status).toBe('failed');
    expect(requote.reason).toMatch(/^The base fee rose above the max fee you approved/);
    const history = await client.getFeeHistory({ blockCount: 1, rewardPercentiles: [] });
    const nextBase = history.baseFeePerGas[history.baseFeePerGas.length - 1]!;
    expect(nextBase).toBeGreaterThan(BigInt(oldFee.maxFeePerGas!));
    expect(BigInt(requote.fee.maxFeePerGas!)).toBeGreaterThanOrEqual(2n * nextBase);
    expect(requote.steps).toBe(preview.plan.steps.length - 1);
    // Max cost of the remaining steps at the new max fee, from their gas limits.
    const remainingLimits = requote.fee.gasLimits.slice(1).map(BigInt);
    expect(BigInt(requote.estimate.max)).toBe(remainingLimits.reduce((sum, g) => sum + g * BigInt(requote.fee.maxFeePerGas!), 0n));
    expect((await store.get(started.id))!.feeRequote?.id).toBe(requote.id);
    // Asked again without the click: still refused (a fresh quote), still nothing sent; an old quote's id is refused.
    const again = await flows.retry(started.id);
    expect(again.status).toBe('failed');
    expect(again.feeRequote!.id).not.toBe(requote.id);
    await expect(flows.retry(started.id, { acceptFee: requote.id })).rejects.toMatchObject({ code: 'flow.fee.requote-stale' });
    expect(await client.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' })).toBe(nonce);
    expect((await store.get(started.id))!.status).toBe('failed');

    // The click: the remaining steps go out with the new fee, read back from the node.
    const accepted = again.feeRequote!;
    await flows.retry(started.id, { acceptFee: accepted.id });
    await expect.poll(async () => (await store.get(started.id))?.status, { timeout: 30_000 }).toBe('done');
    const done = (await store.get(started.id))!;
    expect(done.feeRequote).toBeUndefined();
    const txs = await Promise.all(done.steps.map((s) => client.getTransaction({ hash: s.hash! })));
    expect(txs[0]!.maxFeePerGas).toBe(BigInt(oldFee.maxFeePerGas!));
    for (const [i, tx] of txs.entries()) {
      if (i === 0) continue;
      expect({ maxFeePerGas: tx.maxFeePerGas, maxPriorityFeePerGas: tx.maxPriorityFeePerGas }).toEqual({
        maxFeePerGas: BigInt(accepted.fee.maxFeePerGas!),
        maxPriorityFeePerGas: BigInt(accepted.fee.maxPriorityFeePerGas!),
      });
      expect(tx.gas).toBeLessThanOrEqual(BigInt(accepted.fee.gasLimits[i]!));
    }
  });

  it('refuses an id it did not store: a preview can only come from this background', async () => {
    const { flows } = worker();
    await flows.plan({ recipeId: 'stake:rETH', amountText: '0.5' });
    await expect(flows.start('made-up-by-a-page')).rejects.toMatchObject({ code: 'flow.preview.expired' });
  });

  it('withdraw: plans a Lido request for the selected account only, refusing bad input with nothing sent', async () => {
    const { flows } = worker();
    const nonce = await devnet.ctx.client.getTransactionCount({ address: ACCOUNT_0 });
    const other = '0x000000000000000000000000000000000000bEEF';
    await expect(flows.withdraw({ kind: 'request', symbol: 'stETH', amountText: '0.1', account: other })).rejects.toMatchObject({
      code: 'flow.account.changed',
    });
    await expect(flows.withdraw({ kind: 'request', symbol: 'stETH', amountText: 'lots' })).rejects.toMatchObject({
      code: 'flow.amount.not-a-number',
    });
    await expect(flows.withdraw({ kind: 'claim', queue: 'lido', requestId: '999999' })).rejects.toMatchObject({
      code: 'withdraw.unknown-request',
    });
    const preview = await flows.withdraw({ kind: 'request', symbol: 'stETH', amountText: '0.1', account: ACCOUNT_0 });
    expect(preview).toMatchObject({ status: 'ok', plan: { from: ACCOUNT_0, recipeId: 'withdraw:request:lido' } });
    expect((await previewItem.getValue())?.previewId).toBe(preview.previewId);
    expect(await devnet.ctx.client.getTransactionCount({ address: ACCOUNT_0 })).toBe(nonce);
  });

  it('unwind of a flow whose only way out is a protocol request: the Ways out alone, and no empty flow can be started', async () => {
    const { flows } = worker();
    const state = await runToEnd((await flows.plan({ recipeId: 'stake:rsETH', amountText: '0.5' })).previewId);
    expect(state.status).toBe('done');
    const unwind = await flows.unwind(state.id);
    expect(unwind.plan.steps).toEqual([]);
    expect(unwind.facts.unwindExits?.map((e) => [e.symbol, e.queue.id, e.held])).toEqual([['rsETH', 'kelp', true]]);
    const nonce = await devnet.ctx.client.getTransactionCount({ address: ACCOUNT_0 });
    await expect(flows.start(unwind.previewId)).rejects.toMatchObject({ code: 'flow.unwind.nothing' });
    expect(await devnet.ctx.client.getTransactionCount({ address: ACCOUNT_0 })).toBe(nonce);
  });
});
