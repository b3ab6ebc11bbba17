import { describe, expect, it } from 'vitest';
import { createPublicClient, custom, parseEther, type Hex } from 'viem';
import { mainnet } from 'viem/chains';
import { createMemoryFlowStore, planFlow, type FlowExecutorDeps } from '../../lib/flows';
import { useFlowsDevnet } from './flows-fixture';

/**
 * What a worker stopped mid-flow leaves behind, and what the next worker must do with it. The
 * browser test (tests/e2e/stake-restart.test.ts) stops a real worker; these pin each state down.
 */
const {
  client: chain,
  freshUser,
  sendTransaction,
  executorOn,
  planDeps,
  nonceOf,
  waitForReceipt,
} = useFlowsDevnet({ userLabel: 'ballast-flow-restart', executorDefaults: { poolPollMs: 20 } });

/** A client on the devnet that reports each eth_getTransactionCount answer (the executor's view of the pool) and counts calls. */
function watchedClient(onNonceCount: (blockTag: string, count: number) => void = () => undefined, calls = new Map<string, number>()) {
  return createPublicClient({
    chain: mainnet,
    transport: custom({
      async request({ method, params }) {
        calls.set(method, (calls.get(method) ?? 0) + 1);
        const result = await chain().request({ method, params } as never);
        if (method === 'eth_getTransactionCount') onNonceCount(String((params as unknown[])[1]), Number(result));
        return result;
      },
    }),
  });
}

describe('a worker stopped mid-flow', () => {
  it('step 2 sent into the pool but its hash lost: the next worker waits for its block and finds it by nonce, never re-sends', async () => {
    const user = await freshUser();
    const preview = await planFlow(planDeps(), { recipeId: 'aave:weETH', from: user, amount: parseEther('1') });
    const steps = preview.plan.steps.length;
    const store = createMemoryFlowStore();
    const nonceBefore = await nonceOf(user);

    const first = executorOn(store);
    const { id } = await first.start(preview);
    expect((await first.advance(id)).steps[0]!.status).toBe('mined');

    // Blocks only on demand: step 2 stays in the pool; the "dying" worker never learns its hash.
    await chain().setAutomine(false);
    let pooledHash!: Hex;
    let markSent!: () => void;
    const sent = new Promise<void>((resolve) => (markSent = resolve));
    const dying = executorOn(store, {
      sendTransaction: async (tx) => {
        pooledHash = await sendTransaction(tx);
        markSent();
        return new Promise<Hex>(() => undefined);
      },
    });
    void dying.run(id);
    await sent;
    expect((await chain().getTransaction({ hash: pooledHash })).blockNumber).toBeNull();
    expect((await store.get(id))!.steps[1]).toMatchObject({ status: 'sending', nonce: nonceBefore + 1 });

    // The next worker: once it has seen the step's nonce taken in the pool but not mined, mine it.
    let seenPooled!: () => void;
    const pooledSeen = new Promise<void>((resolve) => (seenPooled = resolve));
    const counts = new Map<string, number>();
    const client = watchedClient((tag, count) => {
      counts.set(tag, count);
      if (counts.get('pending') === nonceBefore + 2 && counts.get('latest') === nonceBefore + 1) seenPooled();
    });
    const resumed = executorOn(store, { client }).resume();
    await pooledSeen;
    // Waiting, not given up: the flow is still running with step 2 unresolved.
    expect((await store.get(id))!.status).toBe('running');
    await chain().setAutomine(true);
    await chain().mine({ blocks: 1 });

    const [flow] = await resumed;
    expect(flow!.failure).toBeUndefined();
    expect(flow!.status).toBe('done');
    expect(flow!.steps[1]!.hash).toBe(pooledHash);
    expect(await nonceOf(user)).toBe(nonceBefore + steps);
    const hashes = flow!.steps.map((s) => s.hash!);
    expect(new Set(hashes).size).toBe(steps);
    const txs = await Promise.all(hashes.map((hash) => chain().getTransaction({ hash })));
    expect(txs.map((t) => t.nonce)).toEqual(flow!.steps.map((_, i) => nonceBefore + i));
  });

  it('a lost hash mined 300 blocks after its nonce was stored (a long wait in the pool) is found with a handful of reads, not a block-by-block scan', async () => {
    const user = await freshUser();
    const preview = await planFlow(planDeps(), { recipeId: 'aave:weETH', from: user, amount: parseEther('1') });
    const store = createMemoryFlowStore();
    const nonceBefore = await nonceOf(user);
    let lostHash!: Hex;
    let markSent!: () => void;
    const sent = new Promise<void>((resolve) => (markSent = resolve));
    const dying = executorOn(store, {
      // 300 blocks pass between the stored nonce and the block that takes the transaction.
      sendTransaction: async (tx) => {
        await chain().mine({ blocks: 300 });
        lostHash = await sendTransaction(tx);
        markSent();
        return new Promise<Hex>(() => undefined);
      },
    });
    const { id } = await dying.start(preview);
    void dying.run(id);
    await sent;
    // The scenario is a transaction already mined (anvil's automine can leave a just-sent one in the pool).
    await waitForReceipt(lostHash);

    const calls = new Map<string, number>();
    const [flow] = await executorOn(store, { client: watchedClient(undefined, calls) }).resume();
    expect(flow!.status).toBe('done');
    expect(flow!.steps[0]!.hash).toBe(lostHash);
    expect(await nonceOf(user)).toBe(nonceBefore + preview.plan.steps.length);
    // log2(300) ≈ 9 nonce reads for the search; one whole block fetched, not 300.
    expect(calls.get('eth_getBlockByNumber') ?? 0).toBeLessThanOrEqual(preview.plan.steps.length + 2);
  });

  it('a receipt wait that fails (RPC gone) stops the flow with Retry instead of leaving it running; Retry awaits the same hash', async () => {
    const user = await freshUser();
    const preview = await planFlow(planDeps(), { recipeId: 'aave:weETH', from: user, amount: parseEther('1') });
    const store = createMemoryFlowStore();
    const nonceBefore = await nonceOf(user);
    const flaky = executorOn(store, { waitForReceipt: async () => Promise.reject(new Error('HTTP request failed: fetch failed')) });
    const { id } = await flaky.start(preview);
    const stopped = await flaky.run(id);
    expect(stopped.status).toBe('failed');
    expect(stopped.failure).toMatchObject({ step: 0, beforeSending: false, error: { code: 'flow.step.interrupted' } });
    expect(stopped.failure!.error.details).toMatch(/fetch failed/);
    expect(stopped.failure!.options[0]).toMatchObject({ kind: 'retry', step: 0 });
    const firstHash = stopped.steps[0]!.hash!;
    // Only the test's receipt wait was made to fail; the transaction itself is mined (automine may take a moment).
    await waitForReceipt(firstHash);
    expect(await nonceOf(user)).toBe(nonceBefore + 1);

    const flow = await executorOn(store).retry(id);
    expect(flow.status).toBe('done');
    expect(flow.steps[0]!.hash).toBe(firstHash);
    expect(await nonceOf(user)).toBe(nonceBefore + preview.plan.steps.length);
    expect(new Set(flow.steps.map((s) => s.hash)).size).toBe(preview.plan.steps.length);
  });

  it('a step transaction dropped from the pool is sent again on Retry with its own nonce: one transaction per step', async () => {
    const user = await freshUser();
    const preview = await planFlow(planDeps(), { recipeId: 'aave:weETH', from: user, amount: parseEther('1') });
    const store = createMemoryFlowStore();
    const nonceBefore = await nonceOf(user);
    await chain().setAutomine(false);
    // The node forgets step 1's transaction (evicted from its pool) while the wallet waits for it.
    const losing = executorOn(store, {
      waitForReceipt: async (hash) => {
        await chain().dropTransaction({ hash });
        throw new Error('Timed out while waiting for transaction');
      },
    });
    const { id } = await losing.start(preview);
    const stopped = await losing.run(id);
    await chain().setAutomine(true);
    expect(stopped.failure).toMatchObject({ step: 0, error: { code: 'flow.step.interrupted' } });
    expect(await chain().getTransactionCount({ address: user, blockTag: 'pending' })).toBe(nonceBefore);

    const flow = await executorOn(store).retry(id);
    expect(flow.status).toBe('done');
    expect(flow.steps[0]!.nonce).toBe(nonceBefore);
    expect(await nonceOf(user)).toBe(nonceBefore + preview.plan.steps.length);
    const txs = await Promise.all(flow.steps.map((s) => chain().getTransaction({ hash: s.hash! })));
    expect(txs.map((t) => t.nonce)).toEqual(flow.steps.map((_, i) => nonceBefore + i));
  });

  it('another transaction took the nonce of a step that never went out: stopped, and Retry sends the step with a new nonce', async () => {
    const user = await freshUser();
    const preview = await planFlow(planDeps(), { recipeId: 'aave:weETH', from: user, amount: parseEther('1') });
    const store = createMemoryFlowStore();
    const nonceBefore = await nonceOf(user);
    let markStopped!: () => void;
    const stoppedBeforeSend = new Promise<void>((resolve) => (markStopped = resolve));
    // The worker stores the nonce, then stops before broadcasting.
    const dying = executorOn(store, {
      sendTransaction: async () => {
        markStopped();
        return new Promise<Hex>(() => undefined);
      },
    });
    const { id } = await dying.start(preview);
    void dying.run(id);
    await stoppedBeforeSend;
    // Meanwhile the same account spends that nonce on something else (another wallet, another device).
    const other = await chain().sendTransaction({ account: user, to: user, value: 1n, nonce: nonceBefore, chain: null });
    await waitForReceipt(other);

    const [stopped] = await executorOn(store).resume();
    expect(stopped!.status).toBe('failed');
    expect(stopped!.failure).toMatchObject({ step: 0, beforeSending: true, error: { code: 'flow.step.nonce-taken' } });
    expect(stopped!.failure!.error.message).toContain(`nonce ${nonceBefore} was taken`);

    const flow = await executorOn(store).retry(id);
    expect(flow.status).toBe('done');
    expect(flow.steps[0]!.nonce).toBe(nonceBefore + 1);
    expect(await nonceOf(user)).toBe(nonceBefore + 1 + preview.plan.steps.length);
  });

  it('resume on another network leaves the flow for its own chain: nothing read or sent for it', async () => {
    const user = await freshUser();
    const preview = await planFlow(planDeps(), { recipeId: 'aave:weETH', from: user, amount: parseEther('1') });
    const store = createMemoryFlowStore();
    const nonceBefore = await nonceOf(user);
    let sends = 0;
    const executor = executorOn(store, {
      sendTransaction: async () => {
        sends += 1;
        return Promise.reject(new Error('must not send'));
      },
    });
    const { id } = await executor.start(preview);
    expect(await executor.resume({ chainId: 10 })).toEqual([]);
    expect((await store.get(id))!.status).toBe('planned');
    expect(sends).toBe(0);
    expect(await nonceOf(user)).toBe(nonceBefore);
  });

  it('two executors (a run and a resume) share one run per flow: each step is sent once', async () => {
    const user = await freshUser();
    const preview = await planFlow(planDeps(), { recipeId: 'aave:weETH', from: user, amount: parseEther('1') });
    const store = createMemoryFlowStore();
    const runs = new Map();
    const nonceBefore = await nonceOf(user);
    let sends = 0;
    const counting: FlowExecutorDeps['sendTransaction'] = (tx) => {
      sends += 1;
      return sendTransaction(tx);
    };
    const a = executorOn(store, { runs, sendTransaction: counting });
    const b = executorOn(store, { runs, sendTransaction: counting });
    const { id } = await a.start(preview);
    const [ran, [resumed]] = await Promise.all([a.run(id), b.resume()]);
    expect(ran.status).toBe('done');
    expect(resumed!.status).toBe('done');
    expect(sends).toBe(preview.plan.steps.length);
    expect(await nonceOf(user)).toBe(nonceBefore + preview.plan.steps.length);
  });
});
