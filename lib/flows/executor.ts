import type { Address, Client, Hex } from 'viem';
import { getBlockNumber, getTransactionCount, readContract } from 'viem/actions';
import { sameAddress } from '../format';
import { erc20Abi } from '../chain/abis';
import { AppError, serializeError } from '../errors';
import { failureOptions, readHoldings } from './failure';
import { stepFeeOf } from './fee';
import { findSentTransactionSettled } from './find-sent';
import { resolveAmount } from './resolve';
import { balanceProbe, simulateFlow } from './simulate-flow';
import { buildStepTx, stepAmountRef, stepQuote } from './steps';
import type { FlowExecutorDeps, FlowFee, FlowPlan, FlowPreview, FlowState, StepState } from './types';

/** Raised inside a step to stop the flow; carries whether anything of the step reached the chain. */
class StepStop extends Error {
  constructor(
    readonly error: AppError,
    readonly beforeSending: boolean,
  ) {
    super(error.shortMessage);
  }
}

const balanceOf = (client: Client, token: Address, owner: Address, blockNumber?: bigint) =>
  readContract(client, {
    address: token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [owner],
    ...(blockNumber !== undefined ? { blockNumber } : {}),
  });

export type FlowExecutor = ReturnType<typeof createFlowExecutor>;

export type FlowExecutorOptions = FlowExecutorDeps & {
  /**
   * The runs in progress, by flow id. Pass one map to every executor of a worker: an executor made
   * for another network (or a second one for the same) must not drive a flow that is already running.
   */
  runs?: Map<string, Promise<FlowState>>;
  /** How often a transaction left in the pool by a stopped worker is checked, and for how long. */
  poolPollMs?: number;
  poolTimeoutMs?: number;
};

const withoutHashOrError = ({ error: _error, hash: _hash, ...rest }: StepState): StepState => rest;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends a planned flow step by step, persisting every transition (planned → sending (nonce) →
 * sent (hash) → mined) before acting on it, so a new executor on the same store resumes where the
 * old one stopped: a step with a hash is awaited, never re-sent; a step marked sending without a
 * hash is re-sent only if the account's nonce shows it never went out.
 */
export function createFlowExecutor(deps: FlowExecutorOptions) {
  const { client, store } = deps;
  const running = deps.runs ?? new Map<string, Promise<FlowState>>();
  const poolPollMs = deps.poolPollMs ?? 1_000;
  const poolTimeoutMs = deps.poolTimeoutMs ?? 10 * 60_000;

  async function save(state: FlowState): Promise<void> {
    state.updatedAt = deps.now();
    await store.put(state);
    deps.onUpdate?.(state);
  }

  async function load(id: string): Promise<FlowState> {
    const state = await store.get(id);
    if (!state)
      throw new AppError('No such flow', { code: 'flow.unknown', details: `Flow ${id} is not stored; it may have been cleared.` });
    return state;
  }

  /** Stores a plan as a new flow (nothing is sent yet). Refuses a preview whose simulation failed. */
  async function start(input: FlowPreview | FlowPlan): Promise<FlowState> {
    if ('status' in input && input.status !== 'ok') {
      throw new AppError('This flow would fail', {
        code: 'flow.simulation.reverted',
        details: input.failedStep
          ? `Step ${input.failedStep.index + 1} (${input.failedStep.label}) would revert: ${input.failedStep.reason}`
          : 'The simulation did not pass.',
      });
    }
    const plan = 'plan' in input ? input.plan : input;
    const now = deps.now();
    const state: FlowState = {
      version: 1,
      id: `flow-${now}-${globalThis.crypto.randomUUID().slice(0, 8)}`,
      plan,
      status: 'planned',
      steps: plan.steps.map(() => ({ status: 'planned' })),
      createdAt: now,
      updatedAt: now,
    };
    await save(state);
    return state;
  }

  function amountsFor(state: FlowState, index: number): { amountIn: bigint; minOut: bigint } {
    const planned = state.plan.steps[index]!;
    const measured = state.plan.steps.map((p, i) => {
      const actual = state.steps[i]?.actualOut;
      return actual !== undefined ? BigInt(actual) : p.simulatedOut !== undefined ? BigInt(p.simulatedOut) : undefined;
    });
    const amountIn = resolveAmount(stepAmountRef(planned.spec), BigInt(state.plan.inputWei), measured);
    const plannedIn = BigInt(planned.amountIn);
    // The minimum scales with what actually came in: 0.5 % under the quote for the real amount.
    const minOut =
      planned.minOut === undefined ? 0n : plannedIn === 0n ? BigInt(planned.minOut) : (BigInt(planned.minOut) * amountIn) / plannedIn;
    return { amountIn, minOut };
  }

  /** Re-checks a step against the chain as it is now; throws StepStop before anything is sent. */
  async function preSendChecks(state: FlowState, index: number, amountIn: bigint, minOut: bigint) {
    const planned = state.plan.steps[index]!;
    const from = state.plan.from;
    const quote = stepQuote(planned.spec, amountIn)?.quote;
    if (quote?.kind === 'read' && minOut > 0n) {
      const raw = (await readContract(client, {
        address: quote.address,
        abi: quote.abi,
        functionName: quote.functionName,
        args: quote.args,
      } as never)) as bigint;
      const now = quote.map ? quote.map(raw, amountIn) : raw;
      if (now < minOut) {
        const symbol = planned.output?.symbol ?? 'output';
        throw new StepStop(
          new AppError(`Stopped before step ${index + 1}: ${symbol} out is below your minimum`, {
            code: 'flow.min-out.not-met',
            details: `${quote.source} now gives ${now} wei of ${symbol} for ${amountIn} wei in; the minimum you accepted is ${minOut} (slippage ${state.plan.slippageBps / 100} %). The price moved since the preview. Nothing was sent for this step; retry to re-quote, or raise the slippage.`,
          }),
          true,
        );
      }
    }
    const tx = buildStepTx(planned.spec, from, amountIn, minOut);
    const output = planned.output;
    const sim = await simulateFlow(
      client,
      from,
      [tx],
      output ? [balanceProbe('before', -1, output.token, from), balanceProbe('after', 0, output.token, from)] : [],
    );
    const result = sim.steps[0];
    if (!result || result.status === 'reverted') {
      throw new StepStop(
        new AppError(`Stopped before step ${index + 1}: ${planned.label} would fail`, {
          code: 'flow.step.would-revert',
          details: `Simulated against the chain now, it reverts: ${result?.reason ?? 'no result'}. Nothing was sent for this step.`,
        }),
        true,
      );
    }
    const before = sim.probes.get('before');
    const after = sim.probes.get('after');
    if (output && minOut > 0n && typeof before === 'bigint' && typeof after === 'bigint' && after - before < minOut) {
      throw new StepStop(
        new AppError(`Stopped before step ${index + 1}: ${output.symbol} out is below your minimum`, {
          code: 'flow.min-out.not-met',
          details: `Simulated now, ${planned.label} gives ${after - before} wei of ${output.symbol}; the minimum you accepted is ${minOut}. Nothing was sent for this step.`,
        }),
        true,
      );
    }
    return tx;
  }

  async function send(state: FlowState, index: number): Promise<void> {
    const step = state.steps[index]!;
    const from = state.plan.from;
    const { amountIn, minOut } = amountsFor(state, index);
    const tx = await preSendChecks(state, index, amountIn, minOut);
    const output = state.plan.steps[index]!.output;
    // The fee shown before the one click, this step's share: the sender signs within it or stops.
    const fee = stepFeeOf(state.plan.fee, index);
    // A nonce kept from an earlier attempt that never went out is reused, never skipped. A nonce the user
    // set above the account's next one (a dApp batch's "Advanced") is used as set; one below stops the step.
    const pending = step.nonce ?? (await getTransactionCount(client, { address: from, blockTag: 'pending' }));
    const nonce = step.nonce ?? (fee?.nonce !== undefined && fee.nonce > pending ? fee.nonce : pending);
    const [block, before] = await Promise.all([
      getBlockNumber(client, { cacheTime: 0 }),
      output ? balanceOf(client, output.token, from) : Promise.resolve(undefined),
    ]);
    Object.assign(step, {
      status: 'sending',
      nonce,
      sentFromBlock: block.toString(),
      tx,
      amountIn: amountIn.toString(),
      minOut: minOut.toString(),
      ...(before !== undefined ? { balanceBefore: before.toString() } : {}),
    } satisfies StepState);
    await save(state);
    let hash: Hex;
    try {
      hash = await deps.sendTransaction({
        from,
        to: tx.to,
        data: tx.data,
        value: BigInt(tx.value),
        nonce,
        chainId: state.plan.chainId,
        ...(fee ? { fee } : {}),
      });
    } catch (error) {
      // The fee shown no longer holds (base fee above it, nonce taken, more gas needed): said as it is.
      if (error instanceof AppError && error.code === 'flow.step.fee-above-max') throw new StepStop(error, true);
      // A hardware account's device said no (rejected, locked, unplugged, timed out): its words say what to do.
      if (error instanceof AppError && error.code?.startsWith('hardware.')) throw new StepStop(error, true);
      throw new StepStop(
        new AppError(`Step ${index + 1} was not sent`, {
          code: 'flow.step.not-sent',
          cause: error,
          details: `${serializeError(error).message}. Retry the step when ready.`,
        }),
        true,
      );
    }
    Object.assign(step, { status: 'sent', hash });
    await save(state);
  }

  const nonceCounts = (from: Address) =>
    Promise.all([
      getTransactionCount(client, { address: from, blockTag: 'latest' }),
      getTransactionCount(client, { address: from, blockTag: 'pending' }),
    ]);

  /**
   * A transaction with this nonce is in the node's pool: wait for its block. Giving up here (instead
   * of waiting) left the flow "running" with nobody driving it, and re-sending would spend the step twice.
   */
  async function waitUntilNonceMined(index: number, from: Address, nonce: number): Promise<void> {
    const deadline = deps.now() + poolTimeoutMs;
    for (;;) {
      const [latest, pending] = await nonceCounts(from);
      if (latest > nonce) return;
      if (pending <= nonce) return; // dropped from the pool: the caller sees the nonce unused
      if (deps.now() >= deadline) {
        throw new StepStop(
          new AppError(`Step ${index + 1} is still waiting in the mempool`, {
            code: 'flow.step.pending',
            details: `Its transaction (nonce ${nonce}) was sent before a restart and no block has taken it in ${Math.round(poolTimeoutMs / 60_000)} min. Retry once it is mined; Ballast will find it by its nonce and not send it again.`,
          }),
          false,
        );
      }
      await delay(poolPollMs);
    }
  }

  /** A step left "sending" by a stopped worker: did its nonce go out? */
  async function recoverSending(state: FlowState, index: number): Promise<void> {
    const step = state.steps[index]!;
    const from = state.plan.from;
    if (step.nonce === undefined) return void (step.status = 'planned');
    const [, pending] = await nonceCounts(from);
    if (pending > step.nonce) await waitUntilNonceMined(index, from, step.nonce);
    const latest = await getTransactionCount(client, { address: from, blockTag: 'latest' });
    if (latest > step.nonce) {
      const found = await findSentTransactionSettled(client, from, step.nonce, BigInt(step.sentFromBlock ?? '0'), {
        waitMs: poolPollMs,
      });
      // The nonce's transaction must be this step's call: another one (sent from elsewhere) is not it.
      const isThisStep =
        found && (!step.tx || (sameAddress(found.to, step.tx.to) && found.input.toLowerCase() === step.tx.data.toLowerCase()));
      if (!found)
        throw new StepStop(
          new AppError(`Step ${index + 1}: nonce ${step.nonce} is used by a transaction Ballast cannot find`, {
            code: 'flow.step.nonce-used',
            details: 'It may be this step. Check Activity before retrying, so nothing is sent twice.',
          }),
          false,
        );
      if (!isThisStep)
        throw new StepStop(
          new AppError(`Step ${index + 1}: nonce ${step.nonce} was taken by another transaction`, {
            code: 'flow.step.nonce-taken',
            details: `${found.hash} used it, so this step did not go out. Retry sends it with a new nonce.`,
          }),
          true,
        );
      Object.assign(step, { status: 'sent', hash: found.hash });
    } else {
      step.status = 'planned';
    }
    await save(state);
  }

  async function confirm(state: FlowState, index: number): Promise<void> {
    const step = state.steps[index]!;
    const planned = state.plan.steps[index]!;
    const receipt = await deps.waitForReceipt(step.hash!);
    if (receipt.hash && receipt.hash !== step.hash) {
      // Sped up (or cancelled) from Activity: the step follows the hash that was mined.
      Object.assign(step, { replacedHashes: [...(step.replacedHashes ?? []), step.hash!], hash: receipt.hash });
      await save(state);
      if (receipt.replaced && receipt.replaced.reason !== 'repriced') {
        const cancelled = receipt.replaced.reason === 'cancelled';
        throw new StepStop(
          new AppError(`Step ${index + 1} was ${cancelled ? 'cancelled' : 'replaced by another transaction'}`, {
            code: cancelled ? 'flow.step.cancelled' : 'flow.step.nonce-taken',
            details: `${receipt.hash} took its nonce ${step.nonce ?? ''} in block ${receipt.blockNumber}, so ${planned.label} did not run. Retry sends it anew.`,
          }),
          false,
        );
      }
    }
    if (receipt.status !== 'success') {
      throw new StepStop(
        new AppError(`Step ${index + 1} reverted on-chain: ${planned.label}`, {
          code: 'flow.step.reverted',
          details: `Transaction ${step.hash} failed in block ${receipt.blockNumber}; only its gas was spent.`,
        }),
        false,
      );
    }
    step.blockNumber = receipt.blockNumber.toString();
    if (planned.output && step.balanceBefore !== undefined) {
      const after = await balanceOf(client, planned.output.token, state.plan.from, receipt.blockNumber);
      step.actualOut = (after - BigInt(step.balanceBefore)).toString();
    }
    step.status = 'mined';
    await save(state);
    deps.onStepMined?.(state, index);
    if (step.actualOut !== undefined && step.minOut !== undefined && BigInt(step.actualOut) < BigInt(step.minOut)) {
      throw new StepStop(
        new AppError(`Step ${index + 1} gave less ${planned.output?.symbol} than your minimum`, {
          code: 'flow.min-out.not-met',
          details: `Received ${step.actualOut}, minimum ${step.minOut}. The flow stopped before spending it.`,
        }),
        false,
      );
    }
  }

  async function runStep(state: FlowState, index: number): Promise<void> {
    const step = state.steps[index]!;
    if (step.status === 'sending' && !step.hash) await recoverSending(state, index);
    if (step.status === 'planned') await send(state, index);
    if (step.status === 'sent' || (step.status === 'sending' && step.hash)) await confirm(state, index);
  }

  async function fail(state: FlowState, index: number, stop: StepStop): Promise<FlowState> {
    const step = state.steps[index]!;
    // A mined step stays mined (its tokens exist); only the flow stops.
    if (step.status !== 'mined') step.status = 'failed';
    step.error = serializeError(stop.error);
    state.status = 'failed';
    const holdings = await readHoldings(client, state).catch(() => []);
    state.failure = {
      step: index,
      label: state.plan.steps[index]?.label ?? '',
      beforeSending: stop.beforeSending,
      error: serializeError(stop.error),
      holdings,
      options: failureOptions(state, index),
    };
    await save(state);
    return state;
  }

  function interrupted(state: FlowState, index: number, error: unknown): StepStop {
    const step = state.steps[index]!;
    const sent = step.hash !== undefined || step.nonce !== undefined;
    return new StepStop(
      new AppError(`Step ${index + 1} was interrupted`, {
        code: 'flow.step.interrupted',
        cause: error,
        details: `${serializeError(error).message}. ${sent ? 'Its transaction may be on its way: Retry waits for it (found by hash or nonce) and does not send it again.' : 'Nothing was sent for this step; Retry when the network answers again.'}`,
      }),
      !sent,
    );
  }

  async function drive(id: string, maxSteps: number): Promise<FlowState> {
    const state = await load(id);
    if (state.status === 'done' || state.status === 'failed') return state;
    state.status = 'running';
    await save(state);
    let done = 0;
    for (let i = state.steps.findIndex((s) => s.status !== 'mined'); i >= 0 && i < state.steps.length && done < maxSteps; i++, done++) {
      try {
        await runStep(state, i);
      } catch (error) {
        // Anything else (RPC down, receipt wait timed out) must stop the flow too: left "running",
        // nobody would drive it again and the progress view would spin forever without a Retry.
        return fail(state, i, error instanceof StepStop ? error : interrupted(state, i, error));
      }
    }
    if (state.steps.every((s) => s.status === 'mined')) {
      state.status = 'done';
      await save(state);
    }
    return state;
  }

  /** One run per flow at a time: a second caller gets the same promise. */
  function exclusive(id: string, maxSteps: number): Promise<FlowState> {
    const current = running.get(id);
    if (current) return current;
    const next = drive(id, maxSteps).finally(() => running.delete(id));
    running.set(id, next);
    return next;
  }

  return {
    start,
    /** Runs the flow to the end (or to the first failure). */
    run: (id: string) => exclusive(id, Number.POSITIVE_INFINITY),
    /** Runs the next unfinished step only (progress views, tests). */
    advance: (id: string) => exclusive(id, 1),
    /** After a worker restart: continues every flow that was running (on `chainId` only, when given). */
    async resume({ chainId }: { chainId?: number } = {}): Promise<FlowState[]> {
      // 'planned': the worker stopped between the click (flow stored) and its first transition.
      // A flow of another chain waits: this executor's client reads (and its steps would go to) the active one.
      const flows = (await store.list()).filter(
        (f) => (f.status === 'running' || f.status === 'planned') && (chainId === undefined || f.plan.chainId === chainId),
      );
      return Promise.all(flows.map((f) => exclusive(f.id, Number.POSITIVE_INFINITY)));
    },
    /**
     * Retries the failed step (re-quoted, re-checked); a step whose nonce may have gone out is recovered, not re-sent.
     * `fee`: the new fee the user accepted for the remaining steps (after a stop for the fee), stored with the plan.
     */
    async retry(id: string, { fee }: { fee?: FlowFee } = {}): Promise<FlowState> {
      const state = await load(id);
      if (state.status !== 'failed' || !state.failure) return state;
      delete state.feeRequote;
      if (fee) state.plan.fee = fee;
      const step = state.steps[state.failure.step]!;
      if (step.status === 'mined') {
        delete state.failure;
        state.status = 'running';
        await save(state);
        return exclusive(id, Number.POSITIVE_INFINITY);
      }
      // A reverted transaction used its nonce, and so did another one's: send the step anew. Otherwise
      // the step's nonce decides, as after a restart: mined → its transaction is found and awaited; in
      // the pool → waited for; unused (dropped) → sent again with that same nonce, so two copies can
      // never both land.
      const sendAnew = (['flow.step.reverted', 'flow.step.nonce-taken', 'flow.step.cancelled'] as unknown[]).includes(step.error?.code);
      state.steps[state.failure.step] = sendAnew
        ? { status: 'planned' }
        : step.nonce !== undefined
          ? { ...withoutHashOrError(step), status: 'sending' }
          : { status: 'planned' };
      delete state.failure;
      state.status = 'running';
      await save(state);
      return exclusive(id, Number.POSITIVE_INFINITY);
    },
    get: (id: string) => store.get(id),
    list: () => store.list(),
  };
}
