import { encodeFunctionData, parseEventLogs, type Abi, type Address, type Client } from 'viem';
import { getTransactionReceipt, readContract } from 'viem/actions';
import { aavePoolAbi, curveStableSwapAbi, delegationManagerAbi, erc20Abi, strategyManagerAbi } from '../chain/abis';
import { sameAddress } from '../format';
import { WITHDRAWAL_FACTS } from '../insights/withdrawal-facts';
import { AAVE_V3, EIGENLAYER, MARKETS, PROTOCOLS, RESTAKING_TOKENS, TOKENS, isRestakingSymbol } from '../restaking';
import { withdrawalQueueFor } from '../restaking/withdrawal-queues';
import { stepInput, stepOutput } from './steps';
import type { AmountRef, FlowState, StepSpec } from './types';

/** A view read after the steps before it; its result is the step's expected output. */
export type UnwindQuote = { address: Address; abi: Abi; functionName: string; args: readonly unknown[]; source: string };

/**
 * One inverse step before amounts are resolved. `amount` is fixed (measured in the original flow) or
 * what an earlier unwind step gave back; `build` makes the step for the resolved amount and minimum.
 */
export type UnwindDraft = {
  undoes: number;
  label: (amountIn: bigint) => string;
  amount: AmountRef;
  output?: { token: Address; symbol: string };
  quote?: (amountIn: bigint) => UnwindQuote;
  build: (amountIn: bigint, minOut: bigint) => StepSpec;
};

/**
 * A token a finished stake step left that its protocol's queue takes (WITHDRAWAL_QUEUES): the Unwind
 * screen offers the request next to the market. `amount` is fixed (held now) or an unwind step's output;
 * `saleDraft` is the draft that sells it on Curve in this unwind, when there is one.
 */
export type UnwindExitCandidate = { symbol: string; amount: AmountRef; saleDraft?: number };

export type UnwindDrafts = { drafts: UnwindDraft[]; notes: string[]; exits: UnwindExitCandidate[] };

const call = (to: Address, data: `0x${string}`, label: string): StepSpec => ({ kind: 'call', to, data, value: '0', label });
const fixed = (wei: bigint | string): AmountRef => ({ from: 'fixed', wei: wei.toString() });
const SECONDS_PER_BLOCK = 12;
/** Less than this left of a staked token (share rounding after a request or a transfer) is not worth a step. */
const DUST_WEI = 1000n;

/** Where a token can be sold for ETH on a Curve pool the registry lists (reference §3 markets). */
function curveMarket(symbol: string) {
  if (!isRestakingSymbol(symbol)) return undefined;
  const m = MARKETS[symbol]?.find((s) => s.venue === 'curve');
  return m && m.venue === 'curve' ? m : undefined;
}

/** The protocol's own way out, with the delay as the reference states it (or "not known"). */
function withdrawalNote(symbol: string, exitOffered: boolean): string {
  if (!isRestakingSymbol(symbol)) return `${symbol}: no instant way back to ETH on chain; sell it on a market.`;
  const protocol = RESTAKING_TOKENS[symbol].protocol;
  const facts = WITHDRAWAL_FACTS[protocol];
  const delay = facts.delay.value === 'unknown' ? 'delay not known to Ballast' : `delay ${facts.delay.value}`;
  // Where Ballast automates the queue, the Unwind screen offers that request beside the market (a request is not
  // an undo step: it starts a wait); without an amount to exit here, Position detail still offers it.
  const queue = withdrawalQueueFor(symbol);
  const automated = !queue
    ? ''
    : exitOffered
      ? ` in one click under "Ways out" here (preview first)`
      : ` in one click from Portfolio → ${symbol} → "Request withdrawal through ${queue.name}" (preview first)`;
  return `${symbol}: no instant unstake. Request a withdrawal in ${PROTOCOLS[protocol].name} (${facts.route}; ${delay})${automated}, or sell it on a market.`;
}

/**
 * The inverse of every finished step, newest first, where one exists on chain; a note (never a fake
 * step) where none does. Tokens that a later finished step spent are only unwound when an unwind step
 * gives them back (chained amount); tokens still held are unwound by what the flow measured.
 */
export async function unwindDrafts(client: Client, state: FlowState): Promise<UnwindDrafts> {
  const from = state.plan.from;
  const drafts: UnwindDraft[] = [];
  const notes: string[] = [];
  const exits: UnwindExitCandidate[] = [];
  /** token → index of the unwind draft that gives it back. */
  const returned = new Map<string, number>();
  const mined = state.plan.steps.filter((_, i) => state.steps[i]?.status === 'mined');
  const spentLater = (index: number, token: Address) =>
    mined.some(
      (s) =>
        s.index > index &&
        (sameAddress(stepInput(s.spec)?.token, token) || (s.spec.kind === 'curve-add' && curveCoinApproved(state, s.index, token))),
    );
  /** What of `token` (produced by step `index`, `produced` wei) the unwind can spend, or undefined. */
  const available = (index: number, token: Address, produced: string | undefined): AmountRef | undefined => {
    const back = returned.get(token.toLowerCase());
    if (back !== undefined) return { from: 'step', step: back };
    if (spentLater(index, token) || produced === undefined || BigInt(produced) <= 0n) return undefined;
    return fixed(produced);
  };
  const push = (draft: UnwindDraft) => {
    drafts.push(draft);
    if (draft.output) returned.set(draft.output.token.toLowerCase(), drafts.length - 1);
  };

  for (const step of [...mined].reverse()) {
    const spec = step.spec;
    const done = state.steps[step.index]!;
    switch (spec.kind) {
      case 'aave-emode': {
        const current = await readContract(client, {
          address: AAVE_V3.pool,
          abi: aavePoolAbi,
          functionName: 'getUserEMode',
          args: [from],
        });
        if (current !== BigInt(spec.categoryId)) break;
        const data = encodeFunctionData({ abi: aavePoolAbi, functionName: 'setUserEMode', args: [0] });
        push({
          undoes: step.index,
          label: () => `Turn off Aave e-mode ${spec.categoryId}`,
          amount: fixed(0n),
          build: () => call(AAVE_V3.pool, data, `Turn off Aave e-mode ${spec.categoryId}`),
        });
        break;
      }
      case 'aave-supply': {
        const amount = BigInt(done.amountIn ?? step.amountIn);
        const label = `Withdraw ${spec.symbol} from Aave v3`;
        push({
          undoes: step.index,
          label: () => label,
          amount: fixed(amount),
          output: { token: spec.asset, symbol: spec.symbol },
          build: (a) =>
            call(AAVE_V3.pool, encodeFunctionData({ abi: aavePoolAbi, functionName: 'withdraw', args: [spec.asset, a, from] }), label),
        });
        break;
      }
      case 'curve-add': {
        const lp = done.actualOut;
        if (!lp || BigInt(lp) <= 0n) break;
        const coin = await readContract(client, {
          address: spec.pool,
          abi: curveStableSwapAbi,
          functionName: 'coins',
          args: [BigInt(spec.coinIndex)],
        });
        const symbol = symbolOf(state, coin);
        const label = `Remove ${spec.label} liquidity as ${symbol}`;
        push({
          undoes: step.index,
          label: () => label,
          amount: fixed(lp),
          output: { token: coin, symbol },
          quote: (a) => ({
            address: spec.pool,
            abi: curveStableSwapAbi,
            functionName: 'calc_withdraw_one_coin',
            args: [a, BigInt(spec.coinIndex)],
            source: `Curve ${spec.label}.calc_withdraw_one_coin`,
          }),
          build: (a, min) =>
            call(
              spec.pool,
              encodeFunctionData({
                abi: curveStableSwapAbi,
                functionName: 'remove_liquidity_one_coin',
                args: [a, BigInt(spec.coinIndex), min],
              }),
              label,
            ),
        });
        break;
      }
      case 'approve': {
        const allowance = await readContract(client, {
          address: spec.token,
          abi: erc20Abi,
          functionName: 'allowance',
          args: [from, spec.spender],
        });
        if (allowance === 0n) break; // already used up by the step it was for: nothing to revoke
        push({
          undoes: step.index,
          label: () => `Revoke ${spec.spenderLabel}'s ${spec.symbol} allowance`,
          amount: fixed(0n),
          build: () => ({ ...spec, amount: fixed(0n) }),
        });
        break;
      }
      case 'wrap': {
        const wrapper = stepOutput(spec)!;
        const amount = available(step.index, wrapper.token, done.actualOut);
        if (!amount) break;
        const inner = stepInput({ kind: 'wrap', wrapper: spec.wrapper, amount })!;
        push({
          undoes: step.index,
          label: () => `Unwrap ${spec.wrapper} into ${inner.symbol}`,
          amount,
          output: inner as { token: Address; symbol: string },
          build: () => ({ kind: 'unwrap', wrapper: spec.wrapper, amount }),
        });
        break;
      }
      case 'stake': {
        const token = TOKENS[spec.symbol];
        let amount = available(step.index, token, done.actualOut);
        // Still held from this flow: only what is left of it now (requested from the Unwind screen, moved, rebased).
        if (amount?.from === 'fixed') {
          const balance = await readContract(client, { address: token, abi: erc20Abi, functionName: 'balanceOf', args: [from] });
          const left = balance < BigInt(amount.wei) ? balance : BigInt(amount.wei);
          if (left < DUST_WEI) {
            notes.push(`${spec.symbol}: none of what this flow staked is left in the wallet (requested, moved or sold since).`);
            break;
          }
          amount = fixed(left);
        }
        const market = curveMarket(spec.symbol);
        let saleDraft: number | undefined;
        if (amount && market) saleDraft = pushCurveSale(push, drafts, step.index, spec.symbol, token, market, amount);
        const offered = amount !== undefined && withdrawalQueueFor(spec.symbol) !== undefined;
        if (offered) exits.push({ symbol: spec.symbol, amount: amount!, ...(saleDraft !== undefined ? { saleDraft } : {}) });
        notes.push(withdrawalNote(spec.symbol, offered));
        break;
      }
      case 'eigen-deposit': {
        const draft = await eigenWithdrawalDraft(client, state, step.index, spec);
        if (draft) push(draft.draft);
        notes.push(
          draft
            ? draft.note
            : `EigenLayer ${spec.symbol}: the deposit's shares could not be read; queue a withdrawal in the EigenLayer app.`,
        );
        break;
      }
      case 'eigen-delegate':
        notes.push(
          `EigenLayer: still delegated to ${spec.operator}. Undelegating would queue a withdrawal of all your shares, so Ballast leaves it to you.`,
        );
        break;
      case 'pendle-buy':
        notes.push(`${spec.label}: no instant inverse; hold the PT to maturity or sell it on Pendle.`);
        break;
      default:
        notes.push(`${step.label}: no inverse Ballast can send.`);
    }
  }
  return { drafts, notes, exits };
}

/** The coin a curve-add deposited is the token approved to its pool just before it. */
function curveCoinApproved(state: FlowState, index: number, token: Address): boolean {
  const spec = state.plan.steps[index]?.spec;
  if (spec?.kind !== 'curve-add') return false;
  return state.plan.steps.some(
    (s) => s.index < index && s.spec.kind === 'approve' && sameAddress(s.spec.spender, spec.pool) && sameAddress(s.spec.token, token),
  );
}

function symbolOf(state: FlowState, token: Address): string {
  for (const s of state.plan.steps) {
    const out = s.output ?? stepOutput(s.spec);
    if (out && sameAddress(out.token, token)) return out.symbol;
    if (s.spec.kind === 'approve' && sameAddress(s.spec.token, token)) return s.spec.symbol;
  }
  return `${token.slice(0, 6)}…`;
}

type CurveMarket = Extract<NonNullable<ReturnType<typeof curveMarket>>, { venue: 'curve' }>;

/** Sell on the registry's Curve pool: approve the pool, then exchange with min-out from get_dy. Answers the exchange's draft index. */
function pushCurveSale(
  push: (d: UnwindDraft) => void,
  drafts: readonly UnwindDraft[],
  undoes: number,
  symbol: string,
  token: Address,
  market: CurveMarket,
  amount: AmountRef,
) {
  const i = market.tokenIndex;
  const j = market.quoteIndex;
  const approve: StepSpec = { kind: 'approve', token, symbol, spender: market.pool, spenderLabel: `Curve ${symbol} pool`, amount };
  push({ undoes, label: () => `Allow the Curve pool to take ${symbol} (to sell it)`, amount, build: () => approve });
  const label = `Sell ${symbol} for ${market.quoteAsset} on Curve`;
  push({
    undoes,
    label: () => label,
    amount,
    quote: (a) => ({
      address: market.pool,
      abi: curveStableSwapAbi,
      functionName: 'get_dy',
      args: [i, j, a],
      source: `Curve ${symbol} pool get_dy`,
    }),
    build: (a, min) =>
      call(market.pool, encodeFunctionData({ abi: curveStableSwapAbi, functionName: 'exchange', args: [i, j, a, min] }), label),
  });
  return drafts.length - 1;
}

/** queueWithdrawals of exactly the shares the flow's deposit minted (its Deposit event). */
async function eigenWithdrawalDraft(client: Client, state: FlowState, index: number, spec: Extract<StepSpec, { kind: 'eigen-deposit' }>) {
  const hash = state.steps[index]?.hash;
  if (!hash) return undefined;
  const receipt = await getTransactionReceipt(client, { hash }).catch(() => undefined);
  const deposit =
    receipt &&
    parseEventLogs({ abi: strategyManagerAbi, logs: receipt.logs, eventName: 'Deposit' }).find(
      (l) => sameAddress(l.address, EIGENLAYER.strategyManager) && sameAddress(l.args.strategy, spec.strategy),
    );
  if (!deposit) return undefined;
  const shares = deposit.args.shares;
  const delayBlocks = await readContract(client, {
    address: EIGENLAYER.delegationManager,
    abi: delegationManagerAbi,
    functionName: 'minWithdrawalDelayBlocks',
  });
  const hours = ((delayBlocks * SECONDS_PER_BLOCK) / 3600).toFixed(1);
  const from = state.plan.from;
  const label = `Queue an EigenLayer withdrawal of ${spec.symbol} (claimable after ${delayBlocks} blocks)`;
  const data = encodeFunctionData({
    abi: delegationManagerAbi,
    functionName: 'queueWithdrawals',
    args: [[{ strategies: [spec.strategy], depositShares: [shares], __deprecated_withdrawer: from }]],
  });
  const draft: UnwindDraft = {
    undoes: index,
    label: () => label,
    amount: fixed(shares),
    build: () => call(EIGENLAYER.delegationManager, data, label),
  };
  const note = `EigenLayer ${spec.symbol}: the withdrawal is not instant. It stays slashable and is claimable after ${delayBlocks} blocks (about ${hours} h, DelegationManager.minWithdrawalDelayBlocks); complete it then to get ${spec.symbol} back.`;
  return { draft, note };
}
