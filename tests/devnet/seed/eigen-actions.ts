import { zeroAddress, zeroHash, type Address, type Hex } from 'viem';
import { EIGENLAYER, EIGEN_STRATEGIES, TOKENS } from '../../../lib/restaking/addresses';
import { artifact, type DevnetContext } from '../context';
import {
  EIGEN_DEVNET_AVS,
  EIGEN_DEVNET_OPERATOR,
  SYMBIOTIC_DEVNET_VAULT,
  WAD,
  decodedLogs,
  eigenAbi,
  erc20Abi,
  type DecodedEvent,
  type EigenStrategySymbol,
} from './eigen-base';

// Scenario actions on the seeded EigenLayer / Symbiotic doubles. Every write goes through ctx.write from an
// unlocked anvil account and waits for its receipt; results are decoded from the emitted events.

export type EigenWithdrawal = {
  staker: Address;
  delegatedTo: Address;
  withdrawer: Address;
  nonce: bigint;
  startBlock: number;
  strategies: readonly Address[];
  scaledShares: readonly bigint[];
};

const strategyAddress = (strategy: EigenStrategySymbol | Address): Address =>
  strategy in EIGEN_STRATEGIES ? EIGEN_STRATEGIES[strategy as EigenStrategySymbol] : (strategy as Address);

/** Turns a fraction (0.25 = 25 %) into a WAD, exact to 1e-9. */
export const fractionToWad = (fraction: number): bigint => (BigInt(Math.round(fraction * 1e9)) * WAD) / 10n ** 9n;

function eventArgs(logs: DecodedEvent[], name: string): Record<string, unknown> {
  const log = logs.find((l) => l.eventName === name);
  if (!log) throw new Error(`expected a ${name} event in the receipt`);
  return log.args;
}

/**
 * Deposits `amount` of the strategy's token (the staker must hold it) and delegates to `operator` when the
 * staker is not delegated yet. Pass `operator: null` to stay undelegated.
 */
export async function depositAndDelegate(
  ctx: DevnetContext,
  staker: Address,
  strategySymbol: EigenStrategySymbol,
  amount: bigint,
  operator: Address | null = EIGEN_DEVNET_OPERATOR,
): Promise<{ depositShares: bigint; depositTx: Hex; delegateTx?: Hex }> {
  const strategy = EIGEN_STRATEGIES[strategySymbol];
  const token = (await ctx.client.readContract({
    address: strategy,
    abi: eigenAbi.strategy(),
    functionName: 'underlyingToken',
  })) as Address;
  await ctx.write({ address: token, abi: erc20Abi, functionName: 'approve', args: [EIGENLAYER.strategyManager, amount], from: staker });
  const depositTx = await ctx.write({
    address: EIGENLAYER.strategyManager,
    abi: eigenAbi.strategyManager(),
    functionName: 'depositIntoStrategy',
    args: [strategy, token, amount],
    from: staker,
  });
  const { logs } = await decodedLogs(ctx, depositTx, EIGENLAYER.strategyManager, eigenAbi.strategyManager());
  const depositShares = eventArgs(logs, 'Deposit').shares as bigint;

  const delegated = (await ctx.client.readContract({
    address: EIGENLAYER.delegationManager,
    abi: eigenAbi.delegationManager(),
    functionName: 'delegatedTo',
    args: [staker],
  })) as Address;
  if (operator === null || delegated !== zeroAddress) return { depositShares, depositTx };
  const delegateTx = await ctx.write({
    address: EIGENLAYER.delegationManager,
    abi: eigenAbi.delegationManager(),
    functionName: 'delegateTo',
    args: [operator, { signature: '0x', expiry: 0n }, zeroHash],
    from: staker,
  });
  return { depositShares, depositTx, delegateTx };
}

export type SlashOperatorParameters = {
  operator: Address;
  operatorSetId?: number;
  /** Share of the set's allocation to slash, 0 < fraction ≤ 1. Ignored when wadToSlash is given. */
  fraction?: number;
  wadToSlash?: bigint;
  strategies?: (EigenStrategySymbol | Address)[];
  avs?: Address;
  description?: string;
};

export type SlashOperatorReturnType = {
  hash: Hex;
  blockNumber: bigint;
  operator: Address;
  operatorSet: { avs: Address; id: number };
  strategies: readonly Address[];
  /** Proportion of the operator's total stake slashed, per strategy (emitted by OperatorSlashed). */
  wadSlashed: readonly bigint[];
  description: string;
};

/** The AVS slashes `operator` in one of its sets (default set 1, stETH strategy). */
export async function slashOperator(ctx: DevnetContext, params: SlashOperatorParameters): Promise<SlashOperatorReturnType> {
  const avs = params.avs ?? EIGEN_DEVNET_AVS;
  const wad = params.wadToSlash ?? fractionToWad(params.fraction ?? 0);
  const strategies = (params.strategies ?? ['stETH']).map(strategyAddress).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const hash = await ctx.write({
    address: EIGENLAYER.allocationManager,
    abi: eigenAbi.allocationManager(),
    functionName: 'slashOperator',
    args: [
      avs,
      {
        operator: params.operator,
        operatorSetId: params.operatorSetId ?? 1,
        strategies,
        wadsToSlash: strategies.map(() => wad),
        description: params.description ?? 'devnet slash',
      },
    ],
    from: avs,
  });
  const { receipt, logs } = await decodedLogs(ctx, hash, EIGENLAYER.allocationManager, eigenAbi.allocationManager());
  const args = eventArgs(logs, 'OperatorSlashed');
  return {
    hash,
    blockNumber: receipt.blockNumber,
    operator: args.operator as Address,
    operatorSet: args.operatorSet as { avs: Address; id: number },
    strategies: args.strategies as readonly Address[],
    wadSlashed: args.wadSlashed as readonly bigint[],
    description: args.description as string,
  };
}

/** Queues a withdrawal of `depositShares` deposit shares of one strategy. */
export async function queueWithdrawal(
  ctx: DevnetContext,
  staker: Address,
  strategy: EigenStrategySymbol | Address,
  depositShares: bigint,
): Promise<{ hash: Hex; root: Hex; withdrawal: EigenWithdrawal; sharesToWithdraw: readonly bigint[] }> {
  const hash = await ctx.write({
    address: EIGENLAYER.delegationManager,
    abi: eigenAbi.delegationManager(),
    functionName: 'queueWithdrawals',
    args: [[{ strategies: [strategyAddress(strategy)], depositShares: [depositShares], __deprecated_withdrawer: staker }]],
    from: staker,
  });
  const { logs } = await decodedLogs(ctx, hash, EIGENLAYER.delegationManager, eigenAbi.delegationManager());
  const args = eventArgs(logs, 'SlashingWithdrawalQueued');
  return {
    hash,
    root: args.withdrawalRoot as Hex,
    withdrawal: args.withdrawal as EigenWithdrawal,
    sharesToWithdraw: args.sharesToWithdraw as readonly bigint[],
  };
}

/** Completes a queued withdrawal as its withdrawer (as tokens by default). Reverts until the delay passed. */
export async function completeWithdrawal(ctx: DevnetContext, withdrawal: EigenWithdrawal, receiveAsTokens = true): Promise<Hex> {
  const tokens: Address[] = [];
  for (const strategy of withdrawal.strategies) {
    tokens.push(
      (await ctx.client.readContract({ address: strategy, abi: eigenAbi.strategy(), functionName: 'underlyingToken' })) as Address,
    );
  }
  return ctx.write({
    address: EIGENLAYER.delegationManager,
    abi: eigenAbi.delegationManager(),
    functionName: 'completeQueuedWithdrawal',
    args: [withdrawal, tokens, receiveAsTokens],
    from: withdrawal.withdrawer,
  });
}

/** Deposits collateral (the staker must hold it) into the devnet Symbiotic vault for the staker. */
export async function symbioticDeposit(
  ctx: DevnetContext,
  staker: Address,
  amount: bigint,
): Promise<{ depositedAmount: bigint; mintedShares: bigint }> {
  const abi = eigenAbi.symbioticVault();
  const collateral = (await ctx.client.readContract({ address: SYMBIOTIC_DEVNET_VAULT, abi, functionName: 'collateral' })) as Address;
  await ctx.write({ address: collateral, abi: erc20Abi, functionName: 'approve', args: [SYMBIOTIC_DEVNET_VAULT, amount], from: staker });
  const hash = await ctx.write({ address: SYMBIOTIC_DEVNET_VAULT, abi, functionName: 'deposit', args: [staker, amount], from: staker });
  const args = eventArgs((await decodedLogs(ctx, hash, SYMBIOTIC_DEVNET_VAULT, abi)).logs, 'Deposit');
  return { depositedAmount: args.amount as bigint, mintedShares: args.shares as bigint };
}

/**
 * Slashes the vault as its slasher (the admin). The capture timestamp defaults to the latest block's,
 * i.e. the current epoch; pass an earlier one (previous epoch) to reach current-epoch withdrawals too.
 */
export async function symbioticSlash(
  ctx: DevnetContext,
  amount: bigint,
  captureTimestamp?: number,
): Promise<{ hash: Hex; amount: bigint; captureTimestamp: number; slashedAmount: bigint }> {
  const abi = eigenAbi.symbioticVault();
  const capture = captureTimestamp ?? Number((await ctx.client.getBlock()).timestamp);
  const hash = await ctx.write({ address: SYMBIOTIC_DEVNET_VAULT, abi, functionName: 'onSlash', args: [amount, capture] });
  const args = eventArgs((await decodedLogs(ctx, hash, SYMBIOTIC_DEVNET_VAULT, abi)).logs, 'OnSlash');
  return {
    hash,
    amount: args.amount as bigint,
    captureTimestamp: Number(args.captureTimestamp),
    slashedAmount: args.slashedAmount as bigint,
  };
}

/**
 * For tests that run without seedTokens: places the mintable EigenTestLST at every strategy token address
 * and at wstETH (the vault's collateral) and mints `amount` of each to every holder.
 */
export async function placeEigenTestTokens(ctx: DevnetContext, holders: Address[], amount: bigint): Promise<void> {
  const addresses = [...(Object.keys(EIGEN_STRATEGIES) as EigenStrategySymbol[]).map((s) => TOKENS[s]), TOKENS.wstETH];
  const abi = artifact('EigenTestLST').abi;
  for (const token of addresses) {
    await ctx.place('EigenTestLST', token);
    for (const holder of holders) await ctx.write({ address: token, abi, functionName: 'mint', args: [holder, amount] });
  }
}
