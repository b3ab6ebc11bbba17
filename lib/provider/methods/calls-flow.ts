import { toHex, type Address, type Hex, type TransactionReceipt } from 'viem';
import { providerErrors } from '@metamask/rpc-errors';
import { AppError, serializeError } from '../../errors';
import { callsStatusOf, planFromCalls, type CallsStatusCode } from '../../flows/calls';
import { createFlowExecutor, type FlowExecutor } from '../../flows/executor';
import { assertStepFeeHolds } from '../../flows/fee';
import type { FlowFee, FlowState, FlowStore } from '../../flows/types';
import type { ProviderRouterDeps } from '../context';
import { signAndSend } from './transaction';
import { siteScope } from '../site-network';
import { watchReceipt } from '../../wallet/transactions';

type Runner = { executor: FlowExecutor; listeners: Map<string, (state: FlowState) => void> };

/**
 * One executor per (store, origin, network) for the life of the worker: the executor keeps one run
 * per flow at a time, so a status poll that resumes a batch joins the run already going instead of
 * starting a second one. Keyed by the store object, so nothing outlives the services that made it.
 */
const runners = new WeakMap<FlowStore, Map<string, Runner>>();

async function runnerFor(deps: ProviderRouterDeps, store: FlowStore, origin: string): Promise<Runner> {
  const network = await deps.networks.active();
  const key = JSON.stringify([origin, network.chainId, network.rpcUrls]);
  const byKey = runners.get(store) ?? new Map<string, Runner>();
  runners.set(store, byKey);
  const existing = byKey.get(key);
  if (existing) return existing;
  const client = await deps.client();
  const listeners = new Map<string, (state: FlowState) => void>();
  const executor = createFlowExecutor({
    client,
    store,
    now: deps.now ?? Date.now,
    sendTransaction: async (tx) => {
      // The user approved this batch for one chain: never sign it for another after a network switch.
      const active = (await deps.networks.active()).chainId;
      if (active !== tx.chainId)
        throw new AppError(`Switch back to chain ${tx.chainId} to finish this batch`, {
          details: `The active network is chain ${active}; the batch was approved for chain ${tx.chainId}.`,
        });
      const params = { from: tx.from, to: tx.to, data: tx.data, value: toHex(tx.value), nonce: toHex(tx.nonce) };
      if (!tx.fee) return signAndSend(params, origin, deps);
      // Signed as the approval window showed it: its nonce, its gas limit, its fee per gas (or stopped, saying why).
      await assertStepFeeHolds(client, tx.fee, tx.nonce);
      const { type, gasLimit: gas, maxFeePerGas, maxPriorityFeePerGas, gasPrice } = tx.fee;
      return signAndSend(
        params,
        origin,
        deps,
        type === 'legacy'
          ? { type, nonce: tx.nonce, gas, gasPrice: BigInt(gasPrice!) }
          : { type, nonce: tx.nonce, gas, maxFeePerGas: BigInt(maxFeePerGas!), maxPriorityFeePerGas: BigInt(maxPriorityFeePerGas!) },
      );
    },
    waitForReceipt: (hash: Hex) => watchReceipt(client, hash, { replacementOf: (h) => deps.activity.replacementOf(h) }),
    onUpdate: (state) => listeners.get(state.id)?.(state),
  });
  const runner = { executor, listeners };
  byKey.set(key, runner);
  return runner;
}

export type StartCallsFlowParameters = {
  origin: string;
  from: Address;
  chainId: number;
  calls: readonly { to: Address; data?: Hex; value?: bigint }[];
  /** The fee the approval window showed and the user approved. */
  fee?: FlowFee;
};

/** Stores the approved batch as a flow; nothing is sent until runCallsFlow. */
export async function startCallsFlow(deps: ProviderRouterDeps, store: FlowStore, p: StartCallsFlowParameters): Promise<FlowState> {
  const { executor } = await runnerFor(deps, store, p.origin);
  const plan = planFromCalls({
    from: p.from,
    chainId: p.chainId,
    calls: p.calls,
    title: `Batch from ${p.origin}`,
    now: (deps.now ?? Date.now)(),
    fee: p.fee,
  });
  return executor.start(plan);
}

/**
 * Runs a stored batch and answers once its last call is broadcast (every earlier call is then mined:
 * the executor waits for each receipt before the next nonce), or once it stopped. A run that threw
 * before sending anything is marked failed, so no later resume sends calls the dApp was told failed.
 */
export async function runCallsFlow(deps: ProviderRouterDeps, store: FlowStore, origin: string, id: string): Promise<FlowState> {
  const { executor, listeners } = await runnerFor(deps, store, origin);
  let settle!: (state: FlowState) => void;
  const allSent = new Promise<FlowState>((resolve) => (settle = resolve));
  listeners.set(id, (state) => {
    const last = state.steps[state.steps.length - 1];
    if (state.status === 'done' || state.status === 'failed' || last?.hash) settle(state);
  });
  try {
    return await Promise.race([allSent, executor.run(id)]);
  } catch (error) {
    const state = await store.get(id);
    if (!state || state.steps.some((s) => s.nonce !== undefined || s.hash)) throw error;
    const index = Math.max(
      0,
      state.steps.findIndex((s) => s.status !== 'mined'),
    );
    state.status = 'failed';
    state.failure = {
      step: index,
      label: state.plan.steps[index]?.label ?? '',
      beforeSending: true,
      error: serializeError(error),
      holdings: [],
      options: [],
    };
    state.updatedAt = (deps.now ?? Date.now)();
    await store.put(state);
    return state;
  } finally {
    listeners.delete(id);
  }
}

export type CallsFlowStatus = { status: CallsStatusCode; chainId: number; receipts: TransactionReceipt[] };

/**
 * The batch's EIP-5792 status from the executor's stored state. A batch left running by a stopped
 * worker is resumed here (same origin, same chain only): a step whose nonce went out is found, not re-sent.
 */
export async function callsFlowStatus(deps: ProviderRouterDeps, store: FlowStore, origin: string, id: string): Promise<CallsFlowStatus> {
  const state = await store.get(id);
  if (!state) throw providerErrors.unauthorized({ message: `The batch ${id} is no longer stored.` });
  const active = (await deps.networks.active()).chainId;
  if (
    (state.status === 'running' || state.status === 'planned') &&
    active === state.plan.chainId &&
    (await deps.wallet.status()) === 'unlocked'
  ) {
    const { executor } = await runnerFor(deps, store, origin);
    void executor.run(id).catch(() => undefined); // joins a run in progress; its errors surface in the stored state
  }
  const client = await deps.client();
  const receipts = await Promise.all(
    state.steps.map((s) => (s.hash ? client.getTransactionReceipt({ hash: s.hash }).catch(() => undefined) : Promise.resolve(undefined))),
  );
  const mined = receipts.filter((r) => r !== undefined);
  return { status: callsStatusOf(state, receipts), chainId: state.plan.chainId, receipts: mined };
}

/**
 * At worker start: carries on with every batch a stopped worker left running, on the chain it was
 * approved for (its site's chain), while the wallet is unlocked (locked, the next status poll after unlocking resumes it).
 */
export async function resumeCallFlows(deps: ProviderRouterDeps, store: FlowStore): Promise<FlowState[]> {
  if ((await deps.wallet.status()) !== 'unlocked') return [];
  const bundles = await deps.callBundles.getValue();
  const running = (await store.list()).filter((f) => f.status === 'running' || f.status === 'planned');
  const resumed = await Promise.all(
    running.map(async (flow) => {
      const origin = bundles.find((b) => b.flowId === flow.id)?.origin;
      if (!origin) return [];
      // On the chain of the site that sent it, and only while that site is still on the chain it approved for.
      const site = siteScope(origin, deps);
      if ((await site.networks.active()).chainId !== flow.plan.chainId) return [];
      return [await runnerFor(site, store, origin).then(({ executor }) => executor.run(flow.id))];
    }),
  );
  return resumed.flat();
}
