import { encodeFunctionData, isAddressEqual, type Address, type Client } from 'viem';
import { getBlockNumber, readContract } from 'viem/actions';
import { delegationManagerAbi, erc20Abi, strategyAbi } from '../chain/abis';
import { AppError } from '../errors';
import { formatAmountExact, sameAddress } from '../format';
import { WITHDRAWAL_FACTS } from '../insights/withdrawal-facts';
import { EIGENLAYER, PROTOCOLS, TOKENS, isRestakingSymbol } from '../restaking';
import { withdrawalQueueById, withdrawalQueueFor, type QueueCall } from '../restaking/withdrawal-queues';
import { scoreFlags } from '../risk';
import { attachFlowFee } from './fee';
import { simulatedOutcome, type PlanFlowDeps } from './plan';
import { readQueueWait } from './queue-wait';
import type { FlowProbe } from './simulate-flow';
import { simulateTrackedSteps, type Tracked } from './tracked-simulation';
import { buildStepTx } from './steps';
import type { FlowPlan, FlowPreview, PlannedStep, StepSpec, WithdrawFactRow, WithdrawKind } from './types';
import { assertFlowChain } from './validate';

/**
 * What the user asked for in one click: a request into a protocol's queue, the claim of a finalized
 * request, or the completion of an EigenLayer queued withdrawal (paid out as tokens).
 */
export type WithdrawIntent =
  | { kind: 'request'; symbol: string; amount: bigint }
  | { kind: 'claim'; queue: string; requestId: bigint }
  | { kind: 'eigen-complete'; startBlock: number; strategy: Address; nonce?: bigint };

export type PlanWithdrawParameters = { from: Address; intent: WithdrawIntent; riskRules?: boolean };

/** recipeId prefix of a withdraw flow: `withdraw:request:lido`, `withdraw:claim:lido`, `withdraw:eigen-complete`. */
export const WITHDRAW_RECIPE_PREFIX = 'withdraw:';

type Built = {
  title: string;
  recipeId: string;
  calls: QueueCall[];
  tracked: Tracked[];
  rows: WithdrawFactRow[];
  nft?: Address;
  queue?: string;
};

const symbolOfToken = (token: Address): string =>
  (Object.entries(TOKENS) as [string, Address][]).find(([, a]) => sameAddress(a, token))?.[0] ?? `${token.slice(0, 6)}…${token.slice(-4)}`;

function noQueue(what: string): never {
  throw new AppError(`No withdrawal queue for ${what}`, {
    code: 'withdraw.no-queue',
    details:
      'Ballast requests and claims only through the protocol queues it knows (Lido: stETH, wstETH; ether.fi: eETH; Kelp: rsETH; Renzo: ezETH; Puffer: pufETH; Mantle: mETH). Sell it on a market instead.',
  });
}

async function buildRequest(client: Client, from: Address, symbol: string, amount: bigint): Promise<Built> {
  const queue = withdrawalQueueFor(symbol);
  if (!queue || !isRestakingSymbol(symbol)) noQueue(symbol);
  const token = TOKENS[symbol];
  const balance = await readContract(client, { address: token, abi: erc20Abi, functionName: 'balanceOf', args: [from] });
  if (amount <= 0n)
    throw new AppError('Enter an amount above zero', { code: 'withdraw.amount-too-small', details: 'A request of 0 would only cost gas.' });
  if (amount > balance)
    throw new AppError(`Not enough ${symbol}`, {
      code: 'withdraw.amount-above-balance',
      details: `You hold ${formatAmountExact(balance)} ${symbol} and asked to withdraw ${formatAmountExact(amount)}.`,
    });
  const calls = queue.requestCalls({ symbol, amount, owner: from });
  const facts = WITHDRAWAL_FACTS[queue.protocol];
  // The wait as the queue states it on chain now (the Unwind screen shows the same before its click).
  const wait = await readQueueWait(client, queue.id).catch((e: Error) => ({
    text: `not read (${e.message})`,
    source: 'queue read failed',
  }));
  const sourced = (label: string, f: { value: string; source: string }): WithdrawFactRow => ({ label, value: f.value, source: f.source });
  return {
    title: `Request withdrawal through ${PROTOCOLS[queue.protocol].name}`,
    recipeId: `${WITHDRAW_RECIPE_PREFIX}request:${queue.id}`,
    calls,
    tracked: [
      { token: 'ETH', symbol: 'ETH' },
      { token, symbol },
    ],
    nft: queue.contract.address,
    queue: queue.id,
    rows: [
      { label: 'Route', value: facts.route, source: `${queue.contract.name} ${queue.contract.address} (${queue.contract.source})` },
      { label: 'Pays out', value: queue.pays, source: `${queue.name}: the claim once finalized` },
      sourced('Delay', facts.delay),
      { label: 'Wait', value: wait.text, source: wait.source },
      sourced('Fee', facts.fee),
      sourced('Queue', facts.queue),
    ],
  };
}

async function buildClaim(client: Client, from: Address, queueId: string, requestId: bigint): Promise<Built> {
  const queue = withdrawalQueueById(queueId) ?? noQueue(`queue "${queueId}"`);
  const calls = await queue.claimCalls({ requestId, owner: from, client });
  const paid: Tracked = queue.pays === 'ETH' ? { token: 'ETH', symbol: 'ETH' } : { token: TOKENS[queue.pays], symbol: queue.pays };
  return {
    title: `Claim ${PROTOCOLS[queue.protocol].name} withdrawal #${requestId}`,
    recipeId: `${WITHDRAW_RECIPE_PREFIX}claim:${queue.id}`,
    calls,
    tracked: paid.token === 'ETH' ? [paid] : [{ token: 'ETH', symbol: 'ETH' }, paid],
    nft: queue.contract.address,
    queue: queue.id,
    rows: [
      { label: 'Request', value: `#${requestId}`, source: `${queue.contract.name} ${queue.contract.address}` },
      { label: 'Pays out', value: queue.pays, source: `${queue.name}: finalized, checked on chain before this preview` },
    ],
  };
}

type QueuedWithdrawal = {
  staker: Address;
  delegatedTo: Address;
  withdrawer: Address;
  nonce: bigint;
  startBlock: number;
  strategies: readonly Address[];
  scaledShares: readonly bigint[];
};

/**
 * EigenLayer: rebuilds the Withdrawal struct from getQueuedWithdrawals (the root is its hash, so every
 * field must be the stored one), checks the delay is over, then completeQueuedWithdrawals with
 * receiveAsTokens = true and each strategy's underlying token.
 */
async function buildEigenComplete(
  client: Client,
  from: Address,
  want: Extract<WithdrawIntent, { kind: 'eigen-complete' }>,
): Promise<Built> {
  const DM = EIGENLAYER.delegationManager;
  const [[withdrawals], delay, block] = await Promise.all([
    readContract(client, { address: DM, abi: delegationManagerAbi, functionName: 'getQueuedWithdrawals', args: [from] }),
    readContract(client, { address: DM, abi: delegationManagerAbi, functionName: 'minWithdrawalDelayBlocks' }),
    getBlockNumber(client, { cacheTime: 0 }),
  ]);
  const w = (withdrawals as readonly QueuedWithdrawal[]).find(
    (q) =>
      q.startBlock === want.startBlock &&
      q.strategies.some((s) => isAddressEqual(s, want.strategy)) &&
      (want.nonce === undefined || q.nonce === want.nonce),
  );
  if (!w)
    throw new AppError('No such queued withdrawal', {
      code: 'withdraw.not-found',
      details: `getQueuedWithdrawals(${from}) lists none started at block ${want.startBlock} for strategy ${want.strategy}; it may be completed already.`,
    });
  const claimableBlock = BigInt(w.startBlock) + BigInt(delay);
  // The double and mainnet revert while startBlock + delay >= block.number of the completing transaction (the next block).
  if (block < claimableBlock)
    throw new AppError('This withdrawal is not completable yet', {
      code: 'withdraw.not-claimable',
      details: `It becomes completable after block ${claimableBlock} (now ${block}): EigenLayer's delay is ${delay} blocks from block ${w.startBlock}.`,
    });
  if (!isAddressEqual(w.withdrawer, from))
    throw new AppError('Another address completes this withdrawal', {
      code: 'withdraw.not-owner',
      details: `Its withdrawer is ${w.withdrawer}.`,
    });
  const tokens = await Promise.all(
    w.strategies.map((s) => readContract(client, { address: s, abi: strategyAbi, functionName: 'underlyingToken' })),
  );
  const data = encodeFunctionData({
    abi: delegationManagerAbi,
    functionName: 'completeQueuedWithdrawals',
    args: [[w], [tokens], [true]],
  });
  const symbols = tokens.map(symbolOfToken);
  return {
    title: `Complete EigenLayer withdrawal (${symbols.join(', ')})`,
    recipeId: `${WITHDRAW_RECIPE_PREFIX}eigen-complete`,
    calls: [{ to: DM, data, value: 0n, label: `Complete EigenLayer withdrawal of ${symbols.join(', ')} (receive as tokens)` }],
    tracked: [{ token: 'ETH', symbol: 'ETH' }, ...tokens.map((t, i) => ({ token: t, symbol: symbols[i]! }))],
    rows: [
      { label: 'Queued at block', value: String(w.startBlock), source: `DelegationManager ${DM}.getQueuedWithdrawals` },
      { label: 'Delay', value: `${delay} blocks (completable after block ${claimableBlock})`, source: `${DM}.minWithdrawalDelayBlocks` },
      { label: 'Receives', value: 'tokens (receiveAsTokens = true)', source: 'completeQueuedWithdrawals' },
    ],
  };
}

function build(client: Client, from: Address, intent: WithdrawIntent): Promise<Built> {
  switch (intent.kind) {
    case 'request':
      return buildRequest(client, from, intent.symbol, intent.amount);
    case 'claim':
      return buildClaim(client, from, intent.queue, intent.requestId);
    case 'eigen-complete':
      return buildEigenComplete(client, from, intent);
  }
}

/**
 * Plans a withdraw flow like a recipe: the protocol's calls as `call` steps, simulated together in one
 * eth_simulateV1 block with balance probes between them (what is spent, what is received, the request
 * NFTs minted or burned), the risk rules and the fee. The preview starts with flows:start like any other.
 * Bad input (no queue, too small, not claimable, foreign request) throws before anything is simulated.
 */
export async function planWithdraw(deps: PlanFlowDeps, { from, intent, riskRules = true }: PlanWithdrawParameters): Promise<FlowPreview> {
  const { client } = deps;
  assertFlowChain(deps.chainId);
  const built = await build(client, from, intent);
  const steps: PlannedStep[] = built.calls.map((c, index) => {
    const spec: StepSpec = { kind: 'call', to: c.to, data: c.data, value: c.value.toString(), label: c.label };
    return { index, spec, label: c.label, tx: buildStepTx(spec, from, c.value, 0n), amountIn: c.value.toString() };
  });
  const plan: FlowPlan = {
    recipeId: built.recipeId,
    title: built.title,
    from,
    chainId: deps.chainId,
    // No ETH goes in (the fee summary adds inputWei as ETH): the tokens spent show under "You spend".
    inputWei: '0',
    slippageBps: 0,
    steps,
    createdAt: deps.now(),
  };
  const last = steps.length - 1;
  // The queue's NFT count (ERC-721 balanceOf has the ERC-20 signature): requests minted or burned.
  const extraProbes: FlowProbe[] = built.nft
    ? [
        { key: 'nft@-1', after: -1, address: built.nft, abi: erc20Abi, functionName: 'balanceOf', args: [from] },
        { key: 'nft@last', after: last, address: built.nft, abi: erc20Abi, functionName: 'balanceOf', args: [from] },
      ]
    : [];
  const { sim, batchPreview, feeMarket, changesOf, previews, perStep, flow } = await simulateTrackedSteps(deps, {
    from,
    steps,
    tracked: built.tracked,
    extraProbes,
    riskRules,
  });
  const rows = [...built.rows];
  const nftBefore = sim.probes.get('nft@-1');
  const nftAfter = sim.probes.get('nft@last');
  if (typeof nftBefore === 'bigint' && typeof nftAfter === 'bigint' && nftAfter !== nftBefore)
    rows.push({
      label: nftAfter > nftBefore ? 'Request NFTs received' : 'Request NFTs burned',
      value: String(nftAfter > nftBefore ? nftAfter - nftBefore : nftBefore - nftAfter),
      source: `${built.nft}.balanceOf before and after, in the simulation`,
    });
  const outcome = simulatedOutcome(plan, sim, changesOf);
  const kind: WithdrawKind = intent.kind;
  return {
    plan,
    ...outcome,
    ...attachFlowFee(plan, outcome.status, feeMarket),
    steps: previews,
    flowFlags: scoreFlags(flow).flags,
    worst: scoreFlags([...perStep.flat(), ...flow]).worst,
    facts: { ...(batchPreview?.facts ?? {}), withdrawal: { kind, ...(built.queue ? { queue: built.queue } : {}), rows } },
    ...(batchPreview ? { batchPreview } : {}),
  };
}
