import '../../lib/polyfills';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, custom, http, type Hex, type PublicClient } from 'viem';
import { createMemoryFlowStore } from '../../lib/flows';
import type { FlowState, FlowStore } from '../../lib/flows/types';
import type { ProviderRouterDeps } from '../../lib/provider/context';
import { resumeCallFlows } from '../../lib/provider/methods/calls-flow';
import { createActivityService } from '../../lib/wallet/activity';
import { settledCallsStatus } from './mined';
import { startAnvil, type AnvilInstance } from './anvil';
import { ACCOUNT_0, ACCOUNT_1, TEST_MNEMONIC, createHarness, memoryItems, type HarnessItems } from '../unit/provider-harness';

const DAPP = 'https://dapp.example';

/** A store that tells when a flow reaches a final status (the test waits on that, not on time). */
function watchedStore(inner: FlowStore) {
  const waiters = new Map<string, (s: FlowState) => void>();
  const store: FlowStore = {
    ...inner,
    put: async (state) => {
      await inner.put(state);
      if (state.status === 'done' || state.status === 'failed') waiters.get(state.id)?.(state);
    },
  };
  const settled = (id: string) => new Promise<FlowState>((resolve) => waiters.set(id, resolve));
  return { store, settled };
}

// wallet_sendCalls through the flow executor against a real node: state stored per call, EIP-5792
// status from that state, and a worker "stopped" while broadcasting finishes the batch without a double send.
describe('wallet_sendCalls runs through the flow executor', () => {
  let anvil: AnvilInstance;
  let client: PublicClient;
  let items: HarnessItems;

  beforeAll(async () => {
    anvil = await startAnvil();
    client = createPublicClient({ transport: http(anvil.rpcUrl) }) as PublicClient;
    items = memoryItems();
    const h = createHarness(client, items);
    await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
    h.answerWith({ approved: true, accounts: [ACCOUNT_0] });
    await h.call(DAPP, 'eth_requestAccounts', []);
  });
  afterAll(async () => anvil?.stop());

  it('stores the batch as a flow, one nonce per call, and reports 200 with the receipts', async () => {
    const store = createMemoryFlowStore();
    const h = createHarness(client, items, { callFlows: store });
    const nonce = await client.getTransactionCount({ address: ACCOUNT_0 });
    const before = await client.getBalance({ address: ACCOUNT_1 });
    const sent = await h.call(DAPP, 'wallet_sendCalls', [
      {
        version: '2.0.0',
        chainId: '0x1',
        from: ACCOUNT_0,
        atomicRequired: false,
        calls: [
          { to: ACCOUNT_1, value: '0x7' },
          { to: ACCOUNT_1, value: '0x9', data: '0x' },
        ],
      },
    ]);
    if (!('result' in sent)) throw new Error(JSON.stringify(sent));
    const { id } = sent.result as { id: string };
    const [flow] = await store.list();
    expect(flow!.plan.recipeId).toBe('wallet_sendCalls');
    expect(flow!.steps.map((s) => s.nonce)).toEqual([nonce, nonce + 1]);
    const status = await settledCallsStatus(() => h.call(DAPP, 'wallet_getCallsStatus', [id]), client);
    expect(status).toMatchObject({
      result: { version: '2.0.0', id, chainId: '0x1', status: 200, atomic: false, receipts: [{ status: '0x1' }, { status: '0x1' }] },
    });
    const hashes = (status as { result: { receipts: { transactionHash: Hex }[] } }).result.receipts.map((r) => r.transactionHash);
    expect(hashes).toEqual(flow!.steps.map((s) => s.hash));
    expect(await client.getBalance({ address: ACCOUNT_1 })).toBe(before + 16n);
  });

  it.each(['status poll', 'worker start'] as const)(
    'a worker stopped inside the broadcast of call 2: after the restart the %s resumes it, nothing is sent twice',
    async (resumedBy) => {
      const nonce = await client.getTransactionCount({ address: ACCOUNT_0 });
      const before = await client.getBalance({ address: ACCOUNT_1 });
      // The first worker's RPC: the 2nd raw transaction reaches the node, then the answer never comes back.
      let raw = 0;
      let reachedNode!: () => void;
      const secondBroadcast = new Promise<void>((resolve) => (reachedNode = resolve));
      const dying = createPublicClient({
        transport: custom({
          request: async ({ method, params }) => {
            const result = await client.request({ method, params } as never);
            if (method === 'eth_sendRawTransaction' && ++raw === 2) {
              reachedNode();
              return new Promise(() => undefined);
            }
            return result;
          },
        }),
      }) as PublicClient;
      const firstStore = createMemoryFlowStore();
      const first = createHarness(dying, items, { callFlows: firstStore });
      const calls = [
        { to: ACCOUNT_1, value: '0x1' },
        { to: ACCOUNT_1, value: '0x2' },
        { to: ACCOUNT_1, value: '0x4' },
      ];
      const batchId = `batch-restart-${resumedBy}`;
      void first.call(DAPP, 'wallet_sendCalls', [{ version: '2.0.0', id: batchId, chainId: '0x1', from: ACCOUNT_0, calls }]);
      await secondBroadcast;
      const [stopped] = await firstStore.list();
      expect(stopped!.steps.map((s) => s.status)).toEqual(['mined', 'sending', 'planned']);
      expect(stopped!.steps[1]).toMatchObject({ nonce: nonce + 1 });
      expect(stopped!.steps[1]!.hash).toBeUndefined();

      // "Restart": a new worker reads the same stored state (new store object, new executor), same wallet storage.
      const { store, settled } = watchedStore(createMemoryFlowStore(await firstStore.list()));
      const second = createHarness(client, items, { callFlows: store });
      const done = settled(stopped!.id);
      if (resumedBy === 'status poll') {
        expect(await second.call(DAPP, 'wallet_getCallsStatus', [batchId])).toMatchObject({ result: { id: batchId } });
      } else {
        const deps: ProviderRouterDeps = {
          wallet: second.wallet,
          networks: second.networks,
          permissions: second.permissions,
          approvals: second.approvals,
          activity: createActivityService({ item: items.activity }),
          callBundles: items.callBundles,
          watchedAssets: items.watchedAssets,
          client: async () => client,
          emit: () => undefined,
          callFlows: store,
        };
        void resumeCallFlows(deps, store);
      }
      const finished = await done;
      expect(finished.status).toBe('done');

      expect(await client.getTransactionCount({ address: ACCOUNT_0 })).toBe(nonce + 3);
      const txs = await Promise.all(finished.steps.map((s) => client.getTransaction({ hash: s.hash! })));
      expect(txs.map((t) => t.nonce)).toEqual([nonce, nonce + 1, nonce + 2]);
      expect(txs.map((t) => t.value)).toEqual([1n, 2n, 4n]);
      expect(await client.getBalance({ address: ACCOUNT_1 })).toBe(before + 7n);
      const status = await second.call(DAPP, 'wallet_getCallsStatus', [batchId]);
      expect(status).toMatchObject({ result: { status: 200, receipts: [{ status: '0x1' }, { status: '0x1' }, { status: '0x1' }] } });
    },
  );

  it('a batch whose first call would revert is refused before anything is sent (error to the dApp, status 400)', async () => {
    const store = createMemoryFlowStore();
    const h = createHarness(client, items, { callFlows: store });
    const nonce = await client.getTransactionCount({ address: ACCOUNT_0 });
    // 0xfe is INVALID: a contract whose code is that byte reverts on every call.
    await client.request({ method: 'anvil_setCode', params: ['0x00000000000000000000000000000000000000fe', '0xfe'] } as never);
    const sent = await h.call(DAPP, 'wallet_sendCalls', [
      {
        version: '2.0.0',
        id: 'batch-revert',
        chainId: '0x1',
        from: ACCOUNT_0,
        calls: [
          { to: '0x00000000000000000000000000000000000000fe', data: '0x01' },
          { to: ACCOUNT_1, value: '0x1' },
        ],
      },
    ]);
    expect(sent).toMatchObject({ error: { code: -32603 } });
    expect((sent as { error: { message: string } }).error.message).toMatch(/first call of the batch failed/);
    expect(await client.getTransactionCount({ address: ACCOUNT_0 })).toBe(nonce);
    expect(await h.call(DAPP, 'wallet_getCallsStatus', ['batch-revert'])).toMatchObject({ result: { status: 400, receipts: [] } });
  });
});
