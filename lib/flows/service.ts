import { isAddressEqual, maxUint256, type Address, type Hex, type PublicClient } from 'viem';
import { AppError, serializeError } from '../errors';
import { requireSelectedSigner, selectedAccount } from '../wallet/selected-signer';
import { createFlowExecutor, type FlowExecutor } from './executor';
import { requoteFlowFee, stoppedForFee } from './fee';
import { planFlow } from './plan';
import { readRecipeYields, type RecipeYieldView } from './recipe-yield';
import { RECIPES, recipeById, type Recipe } from './recipes';
import { createFlowResumeAlarm, type FlowResumeAlarmDeps } from './resume-alarm';
import { createFlowStepSender, type SendFlowStepDeps } from './send-step';
import { watchReceipt } from '../wallet/transactions';
import type { StoredFlowPreview } from './storage-item';
import type { FlowPreview, FlowState, FlowStore } from './types';
import { planUnwind } from './unwind';
import { validateAmount, validateOperatorAddress } from './validate';
import { planWithdraw, WITHDRAW_RECIPE_PREFIX, type WithdrawIntent } from './withdraw';

/** A one-click withdraw as the popup sends it: amounts and ids as text (bigint does not cross messaging). */
export type WithdrawInput = (
  | { kind: 'request'; symbol: string; amountText: string }
  | { kind: 'claim'; queue: string; requestId: string }
  | { kind: 'eigen-complete'; startBlock: number; strategy: `0x${string}`; nonce?: string }
) & {
  /** The position's account: refused unless it is the selected signer (the flow would run from another account). */
  account?: `0x${string}`;
};

function withdrawIntent(input: WithdrawInput): WithdrawIntent {
  switch (input.kind) {
    case 'request':
      // The balance check is planWithdraw's (withdraw.amount-above-balance, read on the token).
      return {
        kind: 'request',
        symbol: input.symbol,
        amount: validateAmount({ text: input.amountText, balance: maxUint256, symbol: input.symbol }),
      };
    case 'claim':
      return { kind: 'claim', queue: input.queue, requestId: BigInt(input.requestId) };
    case 'eigen-complete':
      return {
        kind: 'eigen-complete',
        startBlock: input.startBlock,
        strategy: input.strategy,
        ...(input.nonce !== undefined ? { nonce: BigInt(input.nonce) } : {}),
      };
  }
}

/** A stake-and-deploy recipe as the Stake screen lists it. */
export type FlowRecipeView = {
  id: string;
  title: string;
  summary: string;
  needsOperator: boolean;
  devnetOnly: boolean;
  risk: Recipe['risk']['level'];
  riskWhy: string;
};
export type FlowAccountView = { address?: `0x${string}`; name?: string; balanceWei?: string; canSign: boolean; reason?: string };
/** A planned flow held by the background until the user starts it (or the preview is replaced). */
export type FlowPreviewView = FlowPreview & { previewId: string };

export type FlowsServiceDeps = Omit<SendFlowStepDeps, 'network'> & {
  wallet: SendFlowStepDeps['wallet'] & Parameters<typeof requireSelectedSigner>[0];
  network: () => Promise<{ chainId: number; rpcUrls: readonly string[] }>;
  client: () => Promise<PublicClient>;
  alarms: FlowResumeAlarmDeps['alarms'];
  store: FlowStore;
  /** Where the newest preview waits for the click (session storage: survives a worker restart). */
  previewItem: { getValue(): Promise<StoredFlowPreview | null>; setValue(value: StoredFlowPreview | null): Promise<void> };
  /** A flow changed: the progress view re-reads. */
  onUpdate: () => void;
  newId?: () => string;
  /** The request step of a one-click withdraw flow was mined (its receipt holds the request id; issue #16). */
  onRequestMined?: (tx: { chainId: number; hash: Hex; from: Address }) => void;
};

/** Keeps the preview JSON-safe: the batch analysis holds bigints and the screen does not need it. */
function forUi(preview: FlowPreview): FlowPreview {
  const { batchPreview: _batch, ...rest } = preview;
  return rest;
}

const report = (what: string) => (error: unknown) => console.warn(`Ballast flows: ${what} failed`, serializeError(error).message);

/**
 * Stake & deploy in the background: planning for the selected account, the resumable executor (state
 * in storage, resumed at every worker start and on the resume alarm), and the user's one click on the
 * stored preview, which approves all of its steps.
 */
export function createFlowsService(deps: FlowsServiceDeps) {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  const sendTransaction = createFlowStepSender(deps);
  let current: { key: string; executor: FlowExecutor } | undefined;
  let lastWalletStatus: string | undefined;
  // Shared by every executor of this worker: a network switch makes a new executor, and a flow
  // still driven by the old one must not get a second driver (each step would go out twice).
  const runs = new Map<string, Promise<FlowState>>();
  // Receipt waits are plain fetches: without this alarm MV3 may stop the worker mid-flow and nothing wakes it.
  const resumeAlarm = createFlowResumeAlarm({
    alarms: deps.alarms,
    hasUnfinished: async () => (await deps.store.list()).some((f) => f.status === 'running' || f.status === 'planned'),
    resume: () => resumeIfReady(),
  });

  /** One executor per active network (its reads go to that network's RPC). */
  async function executor(): Promise<{ executor: FlowExecutor; client: PublicClient; chainId: number }> {
    const [network, client] = await Promise.all([deps.network(), deps.client()]);
    const key = JSON.stringify([network.chainId, network.rpcUrls]);
    if (current?.key !== key) {
      current = {
        key,
        executor: createFlowExecutor({
          client,
          store: deps.store,
          runs,
          now,
          sendTransaction,
          waitForReceipt: (hash: Hex) => watchReceipt(client, hash, { replacementOf: (h) => deps.activity.replacementOf(h) }),
          onUpdate: () => {
            deps.onUpdate();
            void resumeAlarm.sync().catch(report('arming the flow resume alarm'));
          },
          onStepMined: (state, index) => {
            const hash = state.steps[index]?.hash;
            if (hash && state.plan.recipeId.startsWith(`${WITHDRAW_RECIPE_PREFIX}request:`))
              deps.onRequestMined?.({ chainId: network.chainId, hash: hash as Hex, from: state.plan.from });
          },
        }),
      };
    }
    return { executor: current.executor, client, chainId: network.chainId };
  }

  /**
   * Continues the flows a stopped worker left, once it can: while the wallet is locked a step could not
   * be signed and the flow would stop; a flow of another network waits for it.
   */
  async function resumeIfReady(): Promise<FlowState[]> {
    if ((await deps.wallet.status()) !== 'unlocked') return [];
    const { executor: ex, chainId } = await executor();
    return ex.resume({ chainId });
  }

  /** Only the newest preview can be started; it replaces the one before. */
  async function keep(preview: FlowPreview): Promise<FlowPreviewView> {
    const stored = { previewId: newId(), preview: forUi(preview), plannedAt: now() };
    await deps.previewItem.setValue(stored);
    return { ...stored.preview, previewId: stored.previewId };
  }

  async function storedFlow(id: string): Promise<FlowState> {
    const state = await deps.store.get(id);
    if (!state) throw new AppError('No such flow', { code: 'flow.unknown', details: `Flow ${id} is not stored.` });
    return state;
  }

  return {
    recipes: async (): Promise<FlowRecipeView[]> =>
      RECIPES.map((r) => ({
        id: r.id,
        title: r.title,
        summary: r.summary,
        needsOperator: r.needsOperator,
        devnetOnly: r.devnetOnly ?? false,
        risk: r.risk.level,
        riskWhy: r.risk.why,
      })),

    /** Separate from the list so the picker shows at once; a few reads on the active network's RPC. */
    yields: async (): Promise<RecipeYieldView[]> =>
      readRecipeYields(
        (await executor()).client,
        RECIPES.map((r) => r.id),
      ),

    async account(): Promise<FlowAccountView> {
      const account = await selectedAccount(deps.wallet);
      if (!account) return { canSign: false, reason: 'No account selected: pick one on Home.' };
      const { client } = await executor();
      const balanceWei = (await client.getBalance({ address: account.address })).toString();
      const problem = await requireSelectedSigner(deps.wallet).then(
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
    },

    async plan(input: { recipeId: string; amountText: string; slippageBps?: number; operator?: string }): Promise<FlowPreviewView> {
      const recipe = recipeById(input.recipeId);
      const from = await requireSelectedSigner(deps.wallet);
      const { client, chainId } = await executor();
      const amount = validateAmount({ text: input.amountText, balance: await client.getBalance({ address: from }) });
      const operator =
        recipe.needsOperator && input.operator !== undefined && input.operator.trim() !== ''
          ? validateOperatorAddress(input.operator)
          : undefined;
      const preview = await planFlow(
        { client, chainId, now },
        {
          recipeId: input.recipeId,
          from,
          amount,
          ...(input.slippageBps !== undefined ? { slippageBps: input.slippageBps } : {}),
          ...(operator ? { operator } : {}),
        },
      );
      return keep(preview);
    },

    /**
     * Withdraw through a protocol's queue (request, claim) or complete an EigenLayer withdrawal: planned and
     * simulated like a recipe, kept as the preview the one click (start) runs. Refused input sends nothing.
     */
    async withdraw(input: WithdrawInput): Promise<FlowPreviewView> {
      const from = await requireSelectedSigner(deps.wallet);
      if (input.account !== undefined && !isAddressEqual(input.account, from)) {
        throw new AppError('Select the account of this position', {
          code: 'flow.account.changed',
          details: `The position belongs to ${input.account}; the selected account is ${from}. Select it on Home, then try again.`,
        });
      }
      const intent = withdrawIntent(input);
      const { client, chainId } = await executor();
      return keep(await planWithdraw({ client, chainId, now }, { from, intent }));
    },

    /** The user's one click: runs only the plan this background built and stored under `previewId`. */
    /** `acceptFeeDanger`: the user ticked the second step a danger-flagged network fee needs. */
    async start(previewId: string, { acceptFeeDanger = false }: { acceptFeeDanger?: boolean } = {}): Promise<FlowState> {
      const stored = await deps.previewItem.getValue();
      if (!stored || stored.previewId !== previewId) {
        throw new AppError('This preview expired', { code: 'flow.preview.expired', details: 'Press Preview again to re-plan the flow.' });
      }
      // An unwind whose only way out is a protocol request has no step of its own: the request is its own flow.
      if (stored.preview.plan.steps.length === 0)
        throw new AppError('Nothing to unwind on chain', {
          code: 'flow.unwind.nothing',
          details: 'This unwind has no step to send; request the withdrawal under "Ways out" instead.',
        });
      const feeDanger = stored.preview.feeEstimate?.flags ?? [];
      if (feeDanger.length > 0 && !acceptFeeDanger) {
        throw new AppError('Confirm the fee warning first', {
          code: 'fee.danger-unconfirmed',
          details: `${feeDanger.map((f) => f.title).join('; ')}. Tick "I understand this fee" to start anyway.`,
        });
      }
      const from = await requireSelectedSigner(deps.wallet);
      if (!isAddressEqual(stored.preview.plan.from, from)) {
        throw new AppError('The selected account changed', {
          code: 'flow.account.changed',
          details: 'The preview was planned for another account. Press Preview again.',
        });
      }
      const { executor: ex } = await executor();
      const state = await ex.start(stored.preview);
      await deps.previewItem.setValue(null);
      void ex.run(state.id).catch(report(`running ${state.id}`));
      return state;
    },

    get: async (id: string): Promise<FlowState | null> => (await deps.store.get(id)) ?? null,
    list: async (): Promise<FlowState[]> => (await deps.store.list()).sort((a, b) => b.createdAt - a.createdAt),

    /**
     * Retry of a stopped flow. After a stop for the fee (base fee above the max fee shown, more gas needed)
     * the old fee is never reused: Retry quotes a new one from the chain for the remaining steps and stores it
     * on the flow with the reason, sending nothing; the flow goes on only when the user accepts that quote
     * by its id (`acceptFee`, plus `acceptFeeDanger` when it has a danger flag).
     */
    async retry(
      id: string,
      { acceptFee, acceptFeeDanger = false }: { acceptFee?: string; acceptFeeDanger?: boolean } = {},
    ): Promise<FlowState> {
      await requireSelectedSigner(deps.wallet);
      const { executor: ex, client } = await executor();
      const before = await storedFlow(id);
      if (stoppedForFee(before)) {
        const offered = before.feeRequote;
        if (acceptFee !== undefined && offered?.id !== acceptFee) {
          throw new AppError('The new fee changed', {
            code: 'flow.fee.requote-stale',
            details: 'The fee you accepted is not the one offered for this flow now. Read the new fee, then continue.',
          });
        }
        if (!offered || acceptFee === undefined) {
          before.feeRequote = await requoteFlowFee(client, before, { id: newId(), now: now() });
          before.updatedAt = now();
          await deps.store.put(before);
          deps.onUpdate();
          return before;
        }
        const danger = offered.estimate.flags;
        if (danger.length > 0 && !acceptFeeDanger) {
          throw new AppError('Confirm the fee warning first', {
            code: 'fee.danger-unconfirmed',
            details: `${danger.map((f) => f.title).join('; ')}. Tick "I understand this fee" to continue anyway.`,
          });
        }
        void ex.retry(id, { fee: offered.fee }).catch(report(`retrying ${id}`));
        return before;
      }
      void ex.retry(id).catch(report(`retrying ${id}`));
      return before;
    },

    /** The undo of a stopped (or finished) flow is a new preview like any other, started with start(). */
    async unwind(id: string): Promise<FlowPreviewView> {
      const from = await requireSelectedSigner(deps.wallet);
      const state = await storedFlow(id);
      if (!isAddressEqual(state.plan.from, from)) {
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
      return keep(await planUnwind({ client, chainId, now }, { state }));
    },

    /** At worker start: carry on with every flow that was running, and keep the resume alarm in step. */
    startup(): void {
      void resumeIfReady()
        .catch(report('resuming flows'))
        .finally(() => void resumeAlarm.sync().catch(report('arming the flow resume alarm')));
    },
    onAlarm: (name: string): Promise<void> => resumeAlarm.onAlarm(name).catch(report('resuming flows on the alarm')),
    /**
     * The wallet changed: on a locked → unlocked transition a flow waiting for the signer goes on now,
     * not at the next alarm. (The 'wallet' topic also fires for every approval-queue change.)
     */
    walletChanged: (): Promise<unknown> =>
      deps.wallet
        .status()
        .then((status) => {
          const unlocked = status === 'unlocked' && lastWalletStatus !== 'unlocked';
          lastWalletStatus = status;
          return unlocked ? resumeIfReady() : undefined;
        })
        .catch(report('resuming flows after an unlock')),
  };
}

export type FlowsService = ReturnType<typeof createFlowsService>;
