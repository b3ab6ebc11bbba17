import { isAddressEqual, type Address, type Client } from 'viem';
import { readContract } from 'viem/actions';
import { aavePoolAbi, delegationManagerAbi } from '../chain/abis';
import { AppError } from '../errors';
import { AAVE_V3, CURVE, EIGENLAYER, EIGEN_STRATEGIES, PENDLE_MARKETS, TOKENS } from '../restaking';
import type { AmountRef, StakeSymbol, StepSpec } from './types';

export type RecipeContext = { client: Client; from: Address; operator?: Address };

export type RecipeRisk = { level: 'low' | 'medium' | 'high'; why: string };

/** Why each kind of recipe carries the risk it does. */
const RISK = {
  eigen: { level: 'high', why: 'Slashing exposure of the operator, plus the staked token’s peg.' },
  curve: { level: 'medium', why: 'Impermanent loss if the token depegs from ETH in the pool.' },
  aave: { level: 'medium', why: 'Lending-market risk; a health factor to watch if you borrow against it.' },
  pendle: { level: 'medium', why: 'Fixed yield until maturity; the PT price moves before it.' },
  stake: { level: 'low', why: 'The protocol’s staking and the token’s peg to ETH.' },
} as const satisfies Record<string, RecipeRisk>;

export type Recipe = {
  id: string;
  title: string;
  /** One line for the picker: what the user ends up holding. */
  summary: string;
  /** Inputs the form asks for besides the ETH amount. */
  needsOperator: boolean;
  /** Exists only on the Ballast devnet (no mainnet contract with this ABI). */
  devnetOnly?: boolean;
  /** The risk level the picker shows, and why (next to the level). */
  risk: RecipeRisk;
  build(ctx: RecipeContext): Promise<StepSpec[]>;
};

const input: AmountRef = { from: 'input' };
const out = (step: number): AmountRef => ({ from: 'step', step });
const STAKE_SYMBOLS: readonly StakeSymbol[] = ['stETH', 'wstETH', 'rETH', 'eETH', 'ezETH', 'rsETH', 'pufETH', 'rswETH', 'ETHx', 'mETH'];
type Acquirable = StakeSymbol | 'weETH';

/** Steps that turn the input ETH into `symbol`, and the index of the step whose output is it. */
function acquire(symbol: Acquirable): { steps: StepSpec[]; last: number } {
  if (symbol === 'weETH') {
    return {
      steps: [
        { kind: 'stake', symbol: 'eETH', amount: input },
        { kind: 'approve', token: TOKENS.eETH, symbol: 'eETH', spender: TOKENS.weETH, spenderLabel: 'weETH', amount: out(0) },
        { kind: 'wrap', wrapper: 'weETH', amount: out(0) },
      ],
      last: 2,
    };
  }
  return { steps: [{ kind: 'stake', symbol, amount: input }], last: 0 };
}

/** Aave v3 Ethereum e-mode ids (reference §5d, AaveV3EthereumEModes) for LRT/LST collateral. */
export const AAVE_EMODE_FOR: Partial<Record<Acquirable, { id: number; label: string }>> = {
  wstETH: { id: 1, label: 'ETH-correlated' },
  rsETH: { id: 3, label: 'rsETH / WETH, wstETH, ETHx' },
  ezETH: { id: 22, label: 'ezETH / wstETH' },
  weETH: { id: 26, label: 'weETH / WETH, wstETH' },
};

function aaveRecipe(symbol: 'rsETH' | 'weETH' | 'wstETH' | 'ezETH'): Recipe {
  return {
    id: `aave:${symbol}`,
    risk: RISK.aave,
    title: `ETH → ${symbol} → Aave`,
    summary: `Stake ETH for ${symbol} and supply it to Aave v3 as collateral${AAVE_EMODE_FOR[symbol] ? ' in e-mode' : ''}.`,
    needsOperator: false,
    async build({ client, from }) {
      const { steps, last } = acquire(symbol);
      const asset = TOKENS[symbol];
      steps.push({ kind: 'approve', token: asset, symbol, spender: AAVE_V3.pool, spenderLabel: 'Aave v3 Pool', amount: out(last) });
      steps.push({ kind: 'aave-supply', asset, symbol, amount: out(last) });
      const emode = AAVE_EMODE_FOR[symbol];
      // Only from no e-mode: switching someone out of a category they chose could break their borrows.
      const current = await readContract(client, {
        address: AAVE_V3.pool,
        abi: aavePoolAbi,
        functionName: 'getUserEMode',
        args: [from],
      }).catch(() => undefined);
      if (emode && current === 0n) steps.push({ kind: 'aave-emode', categoryId: emode.id, label: emode.label });
      return steps;
    },
  };
}

function curveRecipe(symbol: 'weETH' | 'stETH'): Recipe {
  const ng = symbol === 'weETH';
  const pool = ng ? CURVE.weethNgPool : CURVE.stethPool;
  const label = ng ? 'Curve WETH/weETH' : 'Curve ETH/stETH';
  return {
    id: `curve:${symbol}`,
    risk: RISK.curve,
    title: `ETH → ${symbol} → Curve LP`,
    summary: `Stake ETH for ${symbol} and add it alone to the ${label} pool.`,
    needsOperator: false,
    async build() {
      const { steps, last } = acquire(symbol);
      steps.push({ kind: 'approve', token: TOKENS[symbol], symbol, spender: pool, spenderLabel: label, amount: out(last) });
      steps.push({ kind: 'curve-add', pool, label, coinIndex: 1, dynamicArray: ng, amount: out(last) });
      return steps;
    },
  };
}

type EigenSymbol = 'stETH' | 'rETH' | 'ETHx' | 'mETH';

function eigenRecipe(symbol: EigenSymbol): Recipe {
  return {
    id: `eigen:${symbol}`,
    risk: RISK.eigen,
    title: `ETH → ${symbol} → EigenLayer → operator`,
    summary: `Stake ETH for ${symbol}, restake it in EigenLayer's ${symbol} strategy and delegate to the operator you choose.`,
    needsOperator: true,
    async build({ client, from, operator }) {
      if (!operator)
        throw new AppError('Choose an operator', {
          code: 'flow.operator.missing',
          details: 'EigenLayer flows delegate the deposit; pick the operator first.',
        });
      const delegated = await readContract(client, {
        address: EIGENLAYER.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'delegatedTo',
        args: [from],
      });
      const { steps, last } = acquire(symbol);
      steps.push({
        kind: 'approve',
        token: TOKENS[symbol],
        symbol,
        spender: EIGENLAYER.strategyManager,
        spenderLabel: 'EigenLayer StrategyManager',
        amount: out(last),
      });
      steps.push({ kind: 'eigen-deposit', strategy: EIGEN_STRATEGIES[symbol], token: TOKENS[symbol], symbol, amount: out(last) });
      if (BigInt(delegated) === 0n) steps.push({ kind: 'eigen-delegate', operator });
      else if (!isAddressEqual(delegated, operator)) {
        throw new AppError('This account is already delegated to another operator', {
          code: 'flow.operator.already-delegated',
          details: `EigenLayer lets a staker delegate to one operator: this account follows ${delegated}. Undelegate first, or pick that operator.`,
        });
      }
      return steps;
    },
  };
}

function stakeRecipe(symbol: Acquirable): Recipe {
  return {
    id: `stake:${symbol}`,
    risk: RISK.stake,
    title: `ETH → ${symbol}`,
    summary: `Stake ETH for ${symbol}.`,
    needsOperator: false,
    build: async () => acquire(symbol).steps,
  };
}

const pendleRecipes: Recipe[] = PENDLE_MARKETS.map((m, i) => ({
  id: `pendle:${i}`,
  risk: RISK.pendle,
  title: `ETH → ${m.label}`,
  summary: `Buy the Pendle principal token of ${m.label}: a fixed yield until maturity.`,
  needsOperator: false,
  devnetOnly: m.devnetOnly,
  build: async (): Promise<StepSpec[]> => [{ kind: 'pendle-buy', market: m.market, pt: m.pt, label: m.label, amount: input }],
}));

export const RECIPES: readonly Recipe[] = [
  aaveRecipe('rsETH'),
  aaveRecipe('weETH'),
  aaveRecipe('wstETH'),
  aaveRecipe('ezETH'),
  curveRecipe('weETH'),
  curveRecipe('stETH'),
  eigenRecipe('stETH'),
  eigenRecipe('rETH'),
  eigenRecipe('ETHx'),
  eigenRecipe('mETH'),
  ...pendleRecipes,
  ...[...STAKE_SYMBOLS, 'weETH' as const].map(stakeRecipe),
];

export function recipeById(id: string): Recipe {
  const recipe = RECIPES.find((r) => r.id === id);
  if (!recipe)
    throw new AppError('Unknown flow', {
      code: 'flow.recipe.unknown',
      details: `No recipe "${id}". Known: ${RECIPES.map((r) => r.id).join(', ')}.`,
    });
  return recipe;
}
