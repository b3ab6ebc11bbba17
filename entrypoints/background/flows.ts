import type { Address, Hex, PublicClient } from 'viem';
import { AppError, serializeError } from '../../lib/errors';
import {
  RECIPES,
  createFlowExecutor,
  createItemFlowStore,
  planFlow,
  planUnwind,
  recipeById,
  validateAmount,
  validateOperatorAddress,
  type FlowExecutor,
  type Recipe,
} from '../../lib/flows';
import { readRecipeYields } from '../../lib/flows/recipe-yield';
import { createFlowResumeAlarm } from '../../lib/flows/resume-alarm';
import { flowsItem } from '../../lib/flows/storage-item';
import type { FlowPreview, FlowState, SendFlowTransaction } from '../../lib/flows/types';
import { onMessage, type BallastProtocol, type Result, type UiTopic } from '../../lib/messaging';
import type { FlowRecipeView } from '../../lib/messaging/protocol';
import { signTransactionWithKey } from '../../lib/wallet/signing';
import type { BrowserApi, MessageSender } from './browser-api';
import { isExtensionPage } from './ports';
import type { Services } from './services';

type Key =
  | 'flows:recipes'
  | 'flows:yields'
  | 'flows:account'
  | 'flows:plan'
  | 'flows:start'
  | 'flows:get'
  | 'flows:list'
  | 'flows:retry'
  | 'flows:unwind';
type DataOf<K extends Key> = Parameters<BallastProtocol[K]>[0];
type ValueOf<K extends Key> = ReturnType<BallastProtocol[K]> extends Result<infer V> ? V : never;

/** Why each kind of recipe carries the risk it does (shown in the picker next to the level). */
function riskOf(recipe: Recipe): Pick<FlowRecipeView, 'risk' | 'riskWhy'> {
  const kind = recipe.id.split(':')[0];
  if (kind === 'eigen') return { risk: 'high', riskWhy: 'Slashing exposure of the operator, plus the staked token’s peg.' };
  if (kind === 'curve') return { risk: 'medium', riskWhy: 'Impermanent loss if the token depegs from ETH in the pool.' };
  if (kind === 'aave') return { risk: 'medium', riskWhy: 'Lending-market risk; a health factor to watch if you borrow against it.' };
  if (kind === 'pendle') return { risk: 'medium', riskWhy: 'Fixed yield until maturity; the PT price moves before it.' };
  return { risk: 'low', riskWhy: 'The protocol’s staking and the token’s peg to ETH.' };
}

/** Keeps the preview JSON-safe: the batch analysis holds bigints and the screen does not need it. */
const forUi = (preview: FlowPreview): FlowPreview => {
  const { batchPreview: _batch, ...rest } = preview;
  return rest;
};

/**
 * Stake & deploy flows in the worker: planning for the selected account, the resumable executor
 * (state in chrome.storage.local, resumed at every worker start), signing through the wallet
 * service — the user's one click on the previewed flow approves all of its steps — and topic
 * 'flows' on every transition for the progress view.
 */
export function registerFlows(browser: BrowserApi, services: () => Services, notify: (topic: UiTopic) => void) {
  const store = createItemFlowStore(flowsItem);
  const previews = new Map<string, FlowPreview>();
  let current: { key: string; executor: FlowExecutor } | undefined;
  // Shared by every executor of this worker: a network switch makes a new executor, and a flow
  // still driven by the old one must not get a second driver (each step would go out twice).
  const runs = new Map<string, Promise<FlowState>>();
  // Receipt waits are plain fetches: without this alarm MV3 may stop the worker mid-flow and nothing wakes it.
  const resumeAlarm = createFlowResumeAlarm({
    alarms: browser.alarms,
    hasUnfinished: async () => (await store.list()).some((f) => f.status === 'running' || f.status === 'planned'),
    resume: () => resumeIfReady(),
  });

  /**
   * Continues the flows a stopped worker left, once it can: while the wallet is locked (a browser
   * restart clears the session) a step could not be signed and the flow would stop; a flow of another
   * network waits for it. The resume alarm asks again every 30 s.
   */
  async function resumeIfReady(): Promise<FlowState[]> {
    if ((await services().wallet.status()) !== 'unlocked') return [];
    const { executor: ex, chainId } = await executor();
    return ex.resume({ chainId });
  }

  /** The account that signs: selected, unlocked, able to sign. */
  async function signer(): Promise<Address> {
    const wallet = services().wallet;
    if ((await wallet.status()) !== 'unlocked') {
      throw new AppError('Unlock Ballast first', {
        code: 'flow.wallet.locked',
        details: 'The wallet is locked; unlock it with your password, then preview the flow again.',
      });
    }
    const [accounts, meta] = await Promise.all([wallet.accounts(), wallet.meta()]);
    const account = accounts.find((a) => a.address.toLowerCase() === meta.selectedAddress?.toLowerCase());
    if (!account) throw new AppError('No account selected', { code: 'flow.account.none', details: 'Pick an account on Home first.' });
    if (account.kind === 'watch') {
      throw new AppError('A watch-only account cannot stake', {
        code: 'flow.account.watch-only',
        details: `${account.name} is watch-only: Ballast has no key to sign its transactions. Select an account you imported or created.`,
      });
    }
    return account.address;
  }

  const sendTransaction: SendFlowTransaction = async (tx) => {
    const { wallet, activity } = services();
    if ((await wallet.status()) !== 'unlocked') {
      throw new AppError('Ballast is locked', {
        code: 'flow.wallet.locked',
        details: 'Unlock the wallet, then press Retry to send this step.',
      });
    }
    const client = await services().client();
    const [gas, fees] = await Promise.all([
      client.estimateGas({ account: tx.from, to: tx.to, data: tx.data, value: tx.value }),
      client.estimateFeesPerGas(),
    ]);
    const signed = await signTransactionWithKey(await wallet.privateKey(tx.from), {
      type: 'eip1559',
      chainId: tx.chainId,
      nonce: tx.nonce,
      to: tx.to,
      data: tx.data,
      value: tx.value,
      // 20 % headroom: the estimate was taken on the state before earlier steps settle.
      gas: (gas * 12n) / 10n,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    });
    const hash = await client.sendRawTransaction({ serializedTransaction: signed });
    await activity.add({
      hash,
      from: tx.from,
      to: tx.to,
      value: tx.value.toString(),
      chainId: tx.chainId,
      status: 'pending',
      submittedAt: Date.now(),
      origin: 'Ballast · Stake & deploy',
    });
    return hash;
  };

  /** One executor per active network (its reads go to that network's RPC). */
  async function executor(): Promise<{ executor: FlowExecutor; client: PublicClient; chainId: number }> {
    const network = await services().networks.active();
    const client = await services().client();
    const key = JSON.stringify([network.chainId, network.rpcUrls]);
    if (current?.key !== key) {
      current = {
        key,
        executor: createFlowExecutor({
          client,
          store,
          runs,
          now: Date.now,
          sendTransaction,
          waitForReceipt: async (hash: Hex) => {
            const r = await client.waitForTransactionReceipt({ hash, pollingInterval: 1_000, timeout: 10 * 60_000 });
            return { status: r.status, blockNumber: r.blockNumber, gasUsed: r.gasUsed };
          },
          onUpdate: () => {
            notify('flows');
            void resumeAlarm.sync().catch(report('arming the flow resume alarm'));
          },
        }),
      };
    }
    return { executor: current.executor, client, chainId: network.chainId };
  }

  const report = (what: string) => (error: unknown) => console.warn(`Ballast flows: ${what} failed`, serializeError(error).message);

  function handle<K extends Key>(key: K, fn: (data: DataOf<K>) => Promise<ValueOf<K>>) {
    onMessage(key, (async ({ data, sender }: { data: DataOf<K>; sender: MessageSender }) => {
      try {
        if (!isExtensionPage(browser, sender)) {
          throw new AppError('Refused: not an extension page', {
            details: 'Only Ballast pages may plan or start flows.',
            code: 'forbidden_sender',
          });
        }
        return { ok: true, value: await fn(data) };
      } catch (error) {
        return { ok: false, error: serializeError(error) };
      }
    }) as never);
  }

  handle('flows:recipes', async () =>
    RECIPES.map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.summary,
      needsOperator: r.needsOperator,
      devnetOnly: r.devnetOnly ?? false,
      ...riskOf(r),
    })),
  );
  // Separate from the list so the picker shows at once; a few reads on the active network's RPC.
  handle('flows:yields', async () =>
    readRecipeYields(
      (await executor()).client,
      RECIPES.map((r) => r.id),
    ),
  );

  handle('flows:account', async () => {
    const { wallet } = services();
    const [accounts, meta] = await Promise.all([wallet.accounts(), wallet.meta()]);
    const account = accounts.find((a) => a.address.toLowerCase() === meta.selectedAddress?.toLowerCase());
    if (!account) return { canSign: false, reason: 'No account selected: pick one on Home.' };
    const { client } = await executor();
    const balanceWei = (await client.getBalance({ address: account.address })).toString();
    const problem = await signer().then(
      () => undefined,
      (error: unknown) => serializeError(error),
    );
    return {
      address: account.address,
      name: account.name,
      balanceWei,
      canSign: !problem,
      ...(problem ? { reason: `${problem.message}. ${problem.details ?? ''}`.trim() } : {}),
    };
  });

  handle('flows:plan', async ({ recipeId, amountText, slippageBps, operator }) => {
    const recipe = recipeById(recipeId);
    const from = await signer();
    const { client, chainId } = await executor();
    const balance = await client.getBalance({ address: from });
    const amount = validateAmount({ text: amountText, balance });
    const operatorAddress =
      recipe.needsOperator && operator !== undefined && operator.trim() !== '' ? validateOperatorAddress(operator) : undefined;
    const preview = forUi(
      await planFlow(
        { client, chainId, now: Date.now },
        {
          recipeId,
          from,
          amount,
          ...(slippageBps !== undefined ? { slippageBps } : {}),
          ...(operatorAddress ? { operator: operatorAddress } : {}),
        },
      ),
    );
    const previewId = globalThis.crypto.randomUUID();
    previews.clear(); // only the newest preview can be started
    previews.set(previewId, preview);
    return { ...preview, previewId };
  });

  handle('flows:start', async ({ previewId, preview }) => {
    const planned = (previewId ? previews.get(previewId) : undefined) ?? preview;
    if (!planned)
      throw new AppError('This preview expired', { code: 'flow.preview.expired', details: 'Press Preview again to re-plan the flow.' });
    const from = await signer();
    if (planned.plan.from.toLowerCase() !== from.toLowerCase()) {
      throw new AppError('The selected account changed', {
        code: 'flow.account.changed',
        details: 'The preview was planned for another account. Press Preview again.',
      });
    }
    const { executor: ex } = await executor();
    const state = await ex.start(planned);
    if (previewId) previews.delete(previewId);
    void ex.run(state.id).catch(report(`running ${state.id}`));
    return state;
  });

  handle('flows:get', async ({ id }) => (await store.get(id)) ?? null);
  handle('flows:list', async () => (await store.list()).sort((a, b) => b.createdAt - a.createdAt));
  handle('flows:retry', async ({ id }) => {
    await signer();
    const { executor: ex } = await executor();
    const before = await store.get(id);
    if (!before) throw new AppError('No such flow', { code: 'flow.unknown', details: `Flow ${id} is not stored.` });
    void ex.retry(id).catch(report(`retrying ${id}`));
    return before;
  });

  // The undo of a stopped (or finished) flow is a new preview like any other: started with flows:start.
  handle('flows:unwind', async ({ id }) => {
    const from = await signer();
    const state = await store.get(id);
    if (!state) throw new AppError('No such flow', { code: 'flow.unknown', details: `Flow ${id} is not stored.` });
    if (state.plan.from.toLowerCase() !== from.toLowerCase()) {
      throw new AppError('Select the account that ran this flow', {
        code: 'flow.account.changed',
        details: `The flow was sent from ${state.plan.from}; select that account on Home to unwind it.`,
      });
    }
    const { client, chainId } = await executor();
    if (state.plan.chainId !== chainId) {
      throw new AppError('Switch to the network of this flow', {
        code: 'flow.unwind.network',
        details: `The flow ran on chain ${state.plan.chainId}; the active network is ${chainId}.`,
      });
    }
    const preview = forUi(await planUnwind({ client, chainId, now: Date.now }, { state }));
    const previewId = globalThis.crypto.randomUUID();
    previews.clear();
    previews.set(previewId, preview);
    return { ...preview, previewId };
  });

  // A worker stopped mid-flow: carry on with every flow that was running.
  void resumeIfReady()
    .catch(report('resuming flows'))
    .finally(() => void resumeAlarm.sync().catch(report('arming the flow resume alarm')));
  browser.alarms.onAlarm.addListener((alarm) => void resumeAlarm.onAlarm(alarm.name).catch(report('resuming flows on the alarm')));

  // The 'wallet' topic also fires for every approval-queue change; only an unlock can free a waiting flow.
  let lastWalletStatus: string | undefined;
  return {
    /** The wallet changed: on an unlock, a flow waiting for the signer goes on now, not at the next alarm. */
    walletChanged: () =>
      void services()
        .wallet.status()
        .then((status) => {
          const unlocked = status === 'unlocked' && lastWalletStatus !== 'unlocked';
          lastWalletStatus = status;
          return unlocked ? resumeIfReady() : undefined;
        })
        .catch(report('resuming flows after an unlock')),
  };
}
