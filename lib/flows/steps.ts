import { encodeFunctionData, zeroAddress, type Abi, type Address, type Hex } from 'viem';
import {
  aavePoolAbi,
  curveNgPoolAbi,
  curvePairPoolAbi,
  delegationManagerAbi,
  erc20Abi,
  erc4626Abi,
  kelpDepositPoolAbi,
  mantleStakingAbi,
  pendleRouterAbi,
  rethAbi,
  rswethAbi,
  strategyManagerAbi,
  weethAbi,
  wstethAbi,
} from '../chain/abis';
import { AAVE_V3, CURVE, DEPOSITS, EIGENLAYER, NATIVE_ETH, PENDLE, PROTOCOL_CONTRACTS as P, TOKENS } from '../restaking';
import type { FlowTx, StakeSymbol, StepSpec, WrapperSymbol } from './types';

const ONE = 10n ** 18n;

/** A view call that tells what a step gives for an amount in; `map` turns its result into output wei. */
export type StepQuote =
  | {
      kind: 'read';
      address: Address;
      abi: Abi;
      functionName: string;
      args: readonly unknown[];
      map?: (result: bigint, amountIn: bigint) => bigint;
      source: string;
    }
  /** 1 token per 1 ETH by design (rebasing stETH / eETH). */
  | { kind: 'pegged'; source: string }
  /** No preview function: the whole-flow simulation's measured output is the quote. */
  | { kind: 'simulation'; source: string };

export type StepQuoteInfo = { quote: StepQuote; enforcedBy: 'contract' | 'wallet' };

const read = (
  address: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[],
  source: string,
  map?: (r: bigint, a: bigint) => bigint,
): StepQuote => ({ kind: 'read', address, abi, functionName, args, source, ...(map ? { map } : {}) });

/** Where each stake mints (the registry's deposit entry) and which preview prices it. */
const STAKE_QUOTES: Record<StakeSymbol, (amount: bigint) => StepQuoteInfo> = {
  stETH: () => ({ quote: { kind: 'pegged', source: 'stETH mints 1:1 with ETH (Lido submit)' }, enforcedBy: 'wallet' }),
  eETH: () => ({ quote: { kind: 'pegged', source: 'eETH mints 1:1 with ETH (ether.fi LiquidityPool.deposit)' }, enforcedBy: 'wallet' }),
  wstETH: (a) => ({
    quote: read(TOKENS.wstETH, wstethAbi, 'getWstETHByStETH', [a], 'wstETH.getWstETHByStETH'),
    enforcedBy: 'wallet',
  }),
  rETH: (a) => ({ quote: read(TOKENS.rETH, rethAbi, 'getRethValue', [a], 'rETH.getRethValue'), enforcedBy: 'wallet' }),
  ezETH: () => ({ quote: { kind: 'simulation', source: 'simulated mint (Renzo has no single-call preview)' }, enforcedBy: 'wallet' }),
  rsETH: (a) => ({
    quote: read(P.kelpDepositPool, kelpDepositPoolAbi, 'getRsETHAmountToMint', [NATIVE_ETH, a], 'Kelp LRTDepositPool.getRsETHAmountToMint'),
    enforcedBy: 'contract',
  }),
  pufETH: (a) => ({
    quote: read(TOKENS.pufETH, erc4626Abi, 'previewDeposit', [a], 'pufETH.previewDeposit'),
    enforcedBy: 'wallet',
  }),
  rswETH: () => ({
    quote: read(TOKENS.rswETH, rswethAbi, 'ethToRswETHRate', [], 'rswETH.ethToRswETHRate', (rate, a) => (a * rate) / ONE),
    enforcedBy: 'wallet',
  }),
  ETHx: (a) => ({
    quote: read(P.staderStakePoolsManager, erc4626Abi, 'previewDeposit', [a], 'Stader StakePoolsManager.previewDeposit'),
    enforcedBy: 'wallet',
  }),
  mETH: (a) => ({ quote: read(P.mantleStaking, mantleStakingAbi, 'ethToMETH', [a], 'Mantle Staking.ethToMETH'), enforcedBy: 'contract' }),
};

const WRAPPED: Record<
  WrapperSymbol,
  { wrapper: Address; inner: Address; innerSymbol: string; toWrapped: string; toInner: string; abi: Abi }
> = {
  wstETH: {
    wrapper: TOKENS.wstETH,
    inner: TOKENS.stETH,
    innerSymbol: 'stETH',
    toWrapped: 'getWstETHByStETH',
    toInner: 'getStETHByWstETH',
    abi: wstethAbi,
  },
  weETH: {
    wrapper: TOKENS.weETH,
    inner: TOKENS.eETH,
    innerSymbol: 'eETH',
    toWrapped: 'getWeETHByeETH',
    toInner: 'getEETHByWeETH',
    abi: weethAbi,
  },
};

export const wrapperInner = (w: WrapperSymbol) => ({ token: WRAPPED[w].inner, symbol: WRAPPED[w].innerSymbol });

/** The quote (and who enforces its minimum) of steps that swap or mint; undefined for the others. */
export function stepQuote(spec: StepSpec, amountIn: bigint): StepQuoteInfo | undefined {
  switch (spec.kind) {
    case 'stake':
      return STAKE_QUOTES[spec.symbol](amountIn);
    case 'wrap': {
      const w = WRAPPED[spec.wrapper];
      return { quote: read(w.wrapper, w.abi, w.toWrapped, [amountIn], `${spec.wrapper}.${w.toWrapped}`), enforcedBy: 'wallet' };
    }
    case 'unwrap': {
      const w = WRAPPED[spec.wrapper];
      return { quote: read(w.wrapper, w.abi, w.toInner, [amountIn], `${spec.wrapper}.${w.toInner}`), enforcedBy: 'wallet' };
    }
    case 'curve-add': {
      const amounts = curveAmounts(spec.coinIndex, amountIn);
      const abi = spec.dynamicArray ? curveNgPoolAbi : curvePairPoolAbi;
      return {
        quote: read(spec.pool, abi, 'calc_token_amount', [amounts, true], `Curve ${spec.label}.calc_token_amount`),
        enforcedBy: 'contract',
      };
    }
    case 'pendle-buy':
      return {
        quote: read(PENDLE.router, pendleRouterAbi, 'previewPtOut', [spec.market, amountIn], 'Pendle router previewPtOut'),
        enforcedBy: 'contract',
      };
    default:
      return undefined;
  }
}

const curveAmounts = (coinIndex: 0 | 1, amount: bigint): [bigint, bigint] => (coinIndex === 0 ? [amount, 0n] : [0n, amount]);

/** The token whose balance the step raises: what a later step spends. */
export function stepOutput(spec: StepSpec): { token: Address; symbol: string } | undefined {
  switch (spec.kind) {
    case 'stake':
      return { token: TOKENS[spec.symbol], symbol: spec.symbol };
    case 'wrap':
      return { token: WRAPPED[spec.wrapper].wrapper, symbol: spec.wrapper };
    case 'unwrap':
      return wrapperInner(spec.wrapper);
    case 'curve-add':
      return { token: spec.pool === CURVE_STETH_POOL ? CURVE_STETH_LP : spec.pool, symbol: `${spec.label} LP` };
    case 'pendle-buy':
      return { token: spec.pt, symbol: `PT (${spec.label})` };
    default:
      return undefined;
  }
}

// The old ETH/stETH pool mints a separate LP token; stable-ng pools are their own LP token.
const CURVE_STETH_POOL = CURVE.stethPool;
const CURVE_STETH_LP = CURVE.stethLp;

/** What the step spends: ETH (value) or a token pulled with transferFrom. */
export function stepInput(spec: StepSpec): { token: Address | 'ETH'; symbol: string } | undefined {
  switch (spec.kind) {
    case 'stake':
    case 'pendle-buy':
      return { token: 'ETH', symbol: 'ETH' };
    case 'wrap':
      return wrapperInner(spec.wrapper);
    case 'unwrap':
      return { token: WRAPPED[spec.wrapper].wrapper, symbol: spec.wrapper };
    case 'aave-supply':
      return { token: spec.asset, symbol: spec.symbol };
    case 'eigen-deposit':
      return { token: spec.token, symbol: spec.symbol };
    case 'curve-add':
      return undefined; // the coin is known from the approve before it
    default:
      return undefined;
  }
}

export function stepLabel(spec: StepSpec): string {
  switch (spec.kind) {
    case 'stake':
      return `Stake ETH for ${spec.symbol}`;
    case 'wrap':
      return `Wrap ${WRAPPED[spec.wrapper].innerSymbol} into ${spec.wrapper}`;
    case 'unwrap':
      return `Unwrap ${spec.wrapper} into ${WRAPPED[spec.wrapper].innerSymbol}`;
    case 'approve':
      return `Allow ${spec.spenderLabel} to take ${spec.symbol}`;
    case 'aave-supply':
      return `Supply ${spec.symbol} to Aave v3`;
    case 'aave-emode':
      return `Turn on Aave e-mode ${spec.categoryId} (${spec.label})`;
    case 'curve-add':
      return `Add liquidity to ${spec.label}`;
    case 'pendle-buy':
      return `Buy ${spec.label} on Pendle`;
    case 'eigen-deposit':
      return `Deposit ${spec.symbol} into EigenLayer`;
    case 'eigen-delegate':
      return `Delegate to operator ${spec.operator.slice(0, 6)}…${spec.operator.slice(-4)}`;
    case 'call':
      return spec.label ?? `Call ${spec.to.slice(0, 6)}…${spec.to.slice(-4)}`;
  }
}

function stakeTx(symbol: StakeSymbol, from: Address, amountIn: bigint, minOut: bigint): { to: Address; data: Hex } {
  const entry = DEPOSITS[symbol];
  if (!entry) throw new Error(`${symbol} has no deposit entry in the registry`);
  if (entry.functionName === 'receive') return { to: entry.contract, data: '0x' };
  const values = { receiver: from, minOut, zeroAddress, emptyString: '', zero: 0n } as const;
  const data = encodeFunctionData({ abi: entry.abi, functionName: entry.functionName, args: entry.args.map((a) => values[a]) } as never);
  return { to: entry.contract, data };
}

/**
 * The transaction of one step for a resolved amount and minimum. Pure: the executor calls it again
 * after a restart with amounts measured from receipts.
 */
export function buildStepTx(spec: StepSpec, from: Address, amountIn: bigint, minOut: bigint): FlowTx {
  const tx = (to: Address, data: Hex, value = 0n): FlowTx => ({ from, to, data, value: value.toString() });
  switch (spec.kind) {
    case 'stake': {
      const { to, data } = stakeTx(spec.symbol, from, amountIn, minOut);
      return tx(to, data, amountIn);
    }
    case 'wrap':
    case 'unwrap': {
      const w = WRAPPED[spec.wrapper];
      return tx(w.wrapper, encodeFunctionData({ abi: w.abi, functionName: spec.kind, args: [amountIn] } as never));
    }
    case 'approve':
      return tx(spec.token, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spec.spender, amountIn] }));
    case 'aave-supply':
      return tx(AAVE_POOL, encodeFunctionData({ abi: aavePoolAbi, functionName: 'supply', args: [spec.asset, amountIn, from, 0] }));
    case 'aave-emode':
      return tx(AAVE_POOL, encodeFunctionData({ abi: aavePoolAbi, functionName: 'setUserEMode', args: [spec.categoryId] }));
    case 'curve-add': {
      const amounts = curveAmounts(spec.coinIndex, amountIn);
      const data = spec.dynamicArray
        ? encodeFunctionData({ abi: curveNgPoolAbi, functionName: 'add_liquidity', args: [amounts, minOut] })
        : encodeFunctionData({ abi: curvePairPoolAbi, functionName: 'add_liquidity', args: [amounts, minOut] });
      return tx(spec.pool, data);
    }
    case 'pendle-buy':
      return tx(
        PENDLE.router,
        encodeFunctionData({ abi: pendleRouterAbi, functionName: 'swapExactEthForPt', args: [from, spec.market, minOut] }),
        amountIn,
      );
    case 'eigen-deposit':
      return tx(
        EIGENLAYER.strategyManager,
        encodeFunctionData({
          abi: strategyManagerAbi,
          functionName: 'depositIntoStrategy',
          args: [spec.strategy, spec.token, amountIn],
        }),
      );
    case 'call':
      return tx(spec.to, spec.data, BigInt(spec.value));
    case 'eigen-delegate':
      return tx(
        EIGENLAYER.delegationManager,
        encodeFunctionData({
          abi: delegationManagerAbi,
          functionName: 'delegateTo',
          args: [spec.operator, { signature: '0x', expiry: 0n }, `0x${'0'.repeat(64)}`],
        }),
      );
  }
}

const AAVE_POOL = AAVE_V3.pool;

/** Steps whose amount is irrelevant (e-mode, delegation) carry none. */
export const stepAmountRef = (spec: StepSpec) => ('amount' in spec ? spec.amount : undefined);
