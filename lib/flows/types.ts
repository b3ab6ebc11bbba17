import type { Address, Client, Hex } from 'viem';
import type { SerializedError } from '../errors';
import type { Preview, PreviewFacts } from '../preview';
import type { RiskFlag, Severity } from '../risk';

/**
 * Where a step's amount comes from. `input`: the ETH the user typed. `step`: what step k produced,
 * measured as the user's balance change of step k's output token — from the whole-flow simulation
 * while planning, from the chain (balance before vs after the receipt) while executing.
 */
export type AmountRef = { from: 'input' } | { from: 'step'; step: number } | { from: 'fixed'; wei: string };

export type StakeSymbol = 'stETH' | 'wstETH' | 'rETH' | 'eETH' | 'ezETH' | 'rsETH' | 'pufETH' | 'rswETH' | 'ETHx' | 'mETH';
export type WrapperSymbol = 'wstETH' | 'weETH';

/** One step as data (JSON-safe), so a stored flow can rebuild its calls after a worker restart. */
export type StepSpec =
  | { kind: 'stake'; symbol: StakeSymbol; amount: AmountRef }
  | { kind: 'wrap'; wrapper: WrapperSymbol; amount: AmountRef }
  | { kind: 'unwrap'; wrapper: WrapperSymbol; amount: AmountRef }
  | { kind: 'approve'; token: Address; symbol: string; spender: Address; spenderLabel: string; amount: AmountRef }
  | { kind: 'aave-supply'; asset: Address; symbol: string; amount: AmountRef }
  | { kind: 'aave-emode'; categoryId: number; label: string }
  | { kind: 'curve-add'; pool: Address; label: string; coinIndex: 0 | 1; dynamicArray: boolean; amount: AmountRef }
  | { kind: 'pendle-buy'; market: Address; pt: Address; label: string; amount: AmountRef }
  | { kind: 'eigen-deposit'; strategy: Address; token: Address; symbol: string; amount: AmountRef }
  | { kind: 'eigen-delegate'; operator: Address }
  /** A call as a dApp sent it (wallet_sendCalls): sent as is, nothing resolved. */
  | { kind: 'call'; to: Address; data: Hex; value: string; label?: string };

export type StepKind = StepSpec['kind'];

/** A transaction as the wallet signs it; value in wei as a decimal string (the plan crosses messaging). */
export type FlowTx = { from: Address; to: Address; data: Hex; value: string };

export type PlannedStep = {
  index: number;
  spec: StepSpec;
  label: string;
  tx: FlowTx;
  /** Wei going in (ETH or the input token). */
  amountIn: string;
  /** Token whose balance this step raises (the thing later steps spend), 'ETH' never. */
  output?: { token: Address; symbol: string };
  /** What the protocol's own preview (or, without one, the simulation) says the step gives. */
  expectedOut?: string;
  /** expectedOut × (1 − slippage), rounded down. */
  minOut?: string;
  /** Where expectedOut came from, e.g. "Kelp LRTDepositPool.getRsETHAmountToMint". */
  quoteSource?: string;
  /** contract: the call itself reverts below minOut; wallet: Ballast checks before sending and after mining. */
  minOutEnforcedBy?: 'contract' | 'wallet';
  /** Output measured in the whole-flow simulation. */
  simulatedOut?: string;
  gasUsed?: string;
};

/**
 * The network fee the user saw before the one click (a dApp batch's approval window, the Stake & deploy
 * preview). Every step is signed with exactly this fee per gas and never above its gas limit, so the flow
 * costs at most what was shown; a base fee above the max fee stops the flow before the step (nothing sent).
 */
export type FlowFee = {
  type: 'eip1559' | 'legacy';
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  gasPrice?: string;
  /** Per step: the gas limit counted in the max cost shown. */
  gasLimits: string[];
  /** true: each step is signed with exactly its limit (a dApp batch, as shown); false: the estimate at send time, up to it. */
  exactGas: boolean;
  /** Per step, when the nonces were shown (a dApp batch): a step that would go out with another one stops the flow. */
  nonces?: number[];
};

/** One step's share of FlowFee, handed to the sender with the step's transaction. */
export type FlowStepFee = Omit<FlowFee, 'gasLimits' | 'nonces'> & { gasLimit: bigint; nonce?: number };

export type FlowPlan = {
  recipeId: string;
  title: string;
  from: Address;
  chainId: number;
  inputWei: string;
  slippageBps: number;
  operator?: Address;
  steps: PlannedStep[];
  createdAt: number;
  /** The fee shown before the one click; without it (flows stored before fees were shown) steps are priced at send time. */
  fee?: FlowFee;
};

export type TokenAmount = { token: Address | 'ETH'; symbol: string; amount: string };

export type StepPreview = {
  index: number;
  label: string;
  status: 'ok' | 'reverted' | 'not-run';
  reason?: string;
  gasUsed?: string;
  /** Balance changes of the user caused by this step alone. */
  changes: TokenAmount[];
  flags: RiskFlag[];
};

export type WithdrawKind = 'request' | 'claim' | 'eigen-complete';

/**
 * One "way out" the Unwind screen compares for a staked token a protocol queue takes (lib/flows/unwind-exits):
 * amounts in wei as text. `held`: in the wallet now (the request can go at once); otherwise `comesBackWith`
 * names the unwind step that gives it back first.
 */
export type UnwindExit = {
  symbol: string;
  amount: string;
  held: boolean;
  comesBackWith?: string;
  queue: { id: string; name: string; protocol: string; pays: string };
  wait: { eta: 'estimated' | 'unknown'; text: string; source: string; atLeastSeconds?: string };
  /** What the tokens are worth at the protocol's fair rate, before any fee (null: the rate was not read). */
  fairValueEth: string | null;
  fairSource: string;
  /** The sale: this unwind's own Curve step (`inUnwind`) or the best pool quote for the size; null: no market quotes it. */
  market: { venue: string; ethOut: string; minOut?: string; vsFairWad: string | null; source: string; inUnwind: boolean } | null;
};
export type WithdrawFactRow = { label: string; value: string; source: string };

export type FlowPreview = {
  plan: FlowPlan;
  status: 'ok' | 'reverted' | 'unavailable';
  /** The first step that would fail, named before anything is sent. */
  failedStep?: { index: number; label: string; reason: string };
  steps: StepPreview[];
  /** Net balance changes over the whole flow (the final position plus what was spent). */
  finalPosition: TokenAmount[];
  /** Tokens that pass through the user's hands on the way (minted, then spent). */
  intermediate: TokenAmount[];
  gasUsed: string;
  /** Flags that belong to no single step (e.g. "could not check"). */
  flowFlags: RiskFlag[];
  worst: Severity | 'none';
  facts: PreviewFacts & {
    healthFactorAfter?: string;
    /** Depeg-to-liquidation facts of the supplied collateral after the flow (the Portfolio's detail keys). */
    liquidationAfter?: Record<string, string>;
    delegatedTo?: Address;
    withdrawableShares?: string;
    /** A withdraw flow (lib/flows/withdraw): the queue and its facts, each with its source. */
    withdrawal?: { kind: WithdrawKind; queue?: string; rows: WithdrawFactRow[] };
    /** An unwind: the protocol queue beside the market for each staked token it leaves (the user picks). */
    unwindExits?: UnwindExit[];
  };
  /** The lib/preview analysis of the whole batch (decoded calls, checked / not checked). */
  batchPreview?: Preview;
  /** The whole flow's network fee before the one click (the model of lib/risk/fees); absent when the fee could not be read. */
  feeEstimate?: FlowFeeEstimate;
};

/** What the preview card shows of the fee: likely and max cost of all steps, in wei, with the price and the flags. */
export type FlowFeeEstimate = {
  likely: string;
  max: string;
  /** The ETH/USD answer read on chain with the fee ({answer, decimals}), or why there is none. */
  ethUsd?: { answer: string; decimals: number; updatedAt: number; feed: Address };
  ethUsdError?: string;
  nextBaseFee: string;
  /** Danger flags of the fee (lib/risk/fee-caps). */
  flags: RiskFlag[];
};

/**
 * After a flow stopped because the fee shown no longer holds: the new fee Retry quoted for the remaining
 * steps, shown with the reason; the flow goes on only when the user accepts this one (by id).
 */
export type FlowFeeRequote = {
  id: string;
  /** The fee the remaining steps are signed with once accepted (replaces the plan's). */
  fee: FlowFee;
  /** Likely and max cost of the remaining steps. */
  estimate: FlowFeeEstimate;
  /** How many steps are left, and the ETH they put in. */
  steps: number;
  valueWei: string;
  /** Why a new fee: the stop's message and details. */
  reason: string;
  quotedAt: number;
};

export type StepStatus = 'planned' | 'sending' | 'sent' | 'mined' | 'failed';

export type StepState = {
  status: StepStatus;
  /** The nonce chosen for this step, stored before sending so a restart can tell whether it went out. */
  nonce?: number;
  /** Block number seen before sending: where a restart starts looking for a hash it lost. */
  sentFromBlock?: string;
  hash?: Hex;
  /** Hashes this step had before a speed-up replaced them (the newest is `hash`). */
  replacedHashes?: Hex[];
  /** The call actually sent (amounts re-resolved from earlier receipts). */
  tx?: FlowTx;
  amountIn?: string;
  minOut?: string;
  balanceBefore?: string;
  actualOut?: string;
  blockNumber?: string;
  error?: SerializedError;
};

export type FlowStatus = 'planned' | 'running' | 'done' | 'failed';

export type FlowFailure = {
  step: number;
  label: string;
  /** true when nothing of this step reached the chain (stopped by a pre-send check). */
  beforeSending: boolean;
  error: SerializedError;
  holdings: TokenAmount[];
  options: FlowOption[];
};

export type FlowOption =
  | { kind: 'retry'; step: number; label: string }
  | { kind: 'unwind'; label: string; steps: StepSpec[]; note?: string }
  | { kind: 'note'; label: string };

export type FlowState = {
  version: 1;
  id: string;
  plan: FlowPlan;
  status: FlowStatus;
  steps: StepState[];
  failure?: FlowFailure;
  /** A new fee offered after a stop for the fee, waiting for the user's click (see FlowFeeRequote). */
  feeRequote?: FlowFeeRequote;
  createdAt: number;
  updatedAt: number;
};

export type FlowStore = {
  get(id: string): Promise<FlowState | undefined>;
  put(state: FlowState): Promise<void>;
  list(): Promise<FlowState[]>;
  remove(id: string): Promise<void>;
};

export type FlowReceipt = {
  status: 'success' | 'reverted';
  blockNumber: bigint;
  gasUsed?: bigint;
  /** The mined hash when it is not the one waited for: the step's transaction was sped up, cancelled or replaced. */
  hash?: Hex;
  /** repriced: the same call with a higher fee (a speed-up); cancelled / replaced: the step's call did not run. */
  replaced?: { reason: 'replaced' | 'cancelled' | 'repriced'; hash: Hex };
};

export type SendFlowTransaction = (tx: {
  from: Address;
  to: Address;
  data: Hex;
  value: bigint;
  nonce: number;
  chainId: number;
  /** The fee shown before the click (FlowPlan.fee), for this step. */
  fee?: FlowStepFee;
}) => Promise<Hex>;

export type FlowExecutorDeps = {
  /** Reads on the user's RPC: nonces, balances, quotes, pre-send eth_call. */
  client: Client;
  /** The wallet signs and broadcasts; resolves with the hash as soon as it is known. */
  sendTransaction: SendFlowTransaction;
  waitForReceipt(hash: Hex): Promise<FlowReceipt>;
  store: FlowStore;
  now(): number;
  /** Called after every persisted transition (progress view). */
  onUpdate?(state: FlowState): void;
  /** A step's transaction was mined successfully (its hash is `state.steps[index].hash`): e.g. record a request's id. */
  onStepMined?(state: FlowState, index: number): void;
};
