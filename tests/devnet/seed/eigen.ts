import { type Address } from 'viem';
import { EIGENLAYER, EIGEN_STRATEGIES, TOKENS } from '../../../lib/restaking/addresses';
import type { DevnetContext } from '../context';
import {
  EIGEN_DEVNET_AVS,
  EIGEN_DEVNET_OPERATOR,
  EIGEN_DEVNET_SECOND_OPERATOR,
  EIGEN_DEVNET_WITHDRAWAL_DELAY_BLOCKS,
  SYMBIOTIC_DEVNET_BURNER,
  SYMBIOTIC_DEVNET_EPOCH_SECONDS,
  SYMBIOTIC_DEVNET_VAULT,
  WAD,
  eigenAbi,
  type EigenSeed,
  type EigenStrategySymbol,
} from './eigen-base';

export * from './eigen-base';
export * from './eigen-actions';

/**
 * Devnet seed for EigenLayer (slashing release) and one Symbiotic v1 vault: places the doubles from
 * contracts/eigen and contracts/symbiotic at the mainnet addresses, registers operators, creates operator
 * sets for an AVS and allocates magnitude, so a wallet reading mainnet ABIs sees a live restaking setup.
 * Token code is not placed here (seedTokens / the tests do that): strategies hold the real token addresses.
 */

/** Strategies sorted ascending, as slashOperator requires. */
const sortedStrategies = () => Object.values(EIGEN_STRATEGIES).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));

export async function seedEigen(ctx: DevnetContext, _tokens?: unknown): Promise<EigenSeed> {
  const { delegationManager: dm, strategyManager: sm, allocationManager: am } = EIGENLAYER;
  await ctx.place('EigenDelegationManager', dm);
  await ctx.place('EigenStrategyManager', sm);
  await ctx.place('EigenAllocationManager', am);
  await ctx.write({
    address: dm,
    abi: eigenAbi.delegationManager(),
    functionName: 'initialize',
    args: [ctx.admin, sm, am, EIGEN_DEVNET_WITHDRAWAL_DELAY_BLOCKS],
  });
  await ctx.write({ address: sm, abi: eigenAbi.strategyManager(), functionName: 'initialize', args: [ctx.admin, dm] });
  await ctx.write({ address: am, abi: eigenAbi.allocationManager(), functionName: 'initialize', args: [ctx.admin, dm] });

  for (const [symbol, strategy] of Object.entries(EIGEN_STRATEGIES) as [EigenStrategySymbol, Address][]) {
    await ctx.place('EigenStrategy', strategy);
    await ctx.write({ address: strategy, abi: eigenAbi.strategy(), functionName: 'initialize', args: [TOKENS[symbol], sm] });
  }
  await ctx.write({
    address: sm,
    abi: eigenAbi.strategyManager(),
    functionName: 'addStrategiesToDepositWhitelist',
    args: [Object.values(EIGEN_STRATEGIES)],
  });

  const operators = [EIGEN_DEVNET_OPERATOR, EIGEN_DEVNET_SECOND_OPERATOR];
  for (const [i, operator] of operators.entries()) {
    await ctx.write({
      address: dm,
      abi: eigenAbi.delegationManager(),
      functionName: 'registerAsOperator',
      args: ['0x0000000000000000000000000000000000000000', 0, `https://devnet.ballast.invalid/operator-${i + 1}.json`],
      from: operator,
    });
  }

  const avs = EIGEN_DEVNET_AVS;
  const strategies = sortedStrategies();
  const setIds = [1, 2];
  await ctx.write({
    address: am,
    abi: eigenAbi.allocationManager(),
    functionName: 'createOperatorSets',
    args: [avs, setIds.map((operatorSetId) => ({ operatorSetId, strategies }))],
    from: avs,
  });

  const allocations = [
    { operator: EIGEN_DEVNET_OPERATOR, operatorSetId: 1, magnitude: (WAD * 30n) / 100n },
    { operator: EIGEN_DEVNET_OPERATOR, operatorSetId: 2, magnitude: (WAD * 20n) / 100n },
    { operator: EIGEN_DEVNET_SECOND_OPERATOR, operatorSetId: 1, magnitude: (WAD * 50n) / 100n },
  ];
  for (const operator of operators) {
    const mine = allocations.filter((a) => a.operator === operator);
    await ctx.write({
      address: am,
      abi: eigenAbi.allocationManager(),
      functionName: 'registerForOperatorSets',
      args: [operator, { avs, operatorSetIds: mine.map((a) => a.operatorSetId), data: '0x' }],
      from: operator,
    });
    await ctx.write({
      address: am,
      abi: eigenAbi.allocationManager(),
      functionName: 'modifyAllocations',
      args: [
        operator,
        mine.map((a) => ({
          operatorSet: { avs, id: a.operatorSetId },
          strategies: [EIGEN_STRATEGIES.stETH],
          newMagnitudes: [a.magnitude],
        })),
      ],
      from: operator,
    });
  }

  await ctx.place('SymbioticVault', SYMBIOTIC_DEVNET_VAULT);
  await ctx.write({
    address: SYMBIOTIC_DEVNET_VAULT,
    abi: eigenAbi.symbioticVault(),
    functionName: 'initialize',
    args: [ctx.admin, TOKENS.wstETH, SYMBIOTIC_DEVNET_BURNER, SYMBIOTIC_DEVNET_EPOCH_SECONDS],
  });

  return {
    delegationManager: dm,
    strategyManager: sm,
    allocationManager: am,
    strategies: { ...EIGEN_STRATEGIES },
    avs,
    operator: EIGEN_DEVNET_OPERATOR,
    secondOperator: EIGEN_DEVNET_SECOND_OPERATOR,
    operatorSets: setIds.map((id) => ({ avs, id, strategies })),
    allocations: allocations.map((a) => ({ ...a, strategy: EIGEN_STRATEGIES.stETH, magnitude: a.magnitude.toString() })),
    minWithdrawalDelayBlocks: EIGEN_DEVNET_WITHDRAWAL_DELAY_BLOCKS,
    symbiotic: {
      vault: SYMBIOTIC_DEVNET_VAULT,
      collateral: TOKENS.wstETH,
      burner: SYMBIOTIC_DEVNET_BURNER,
      epochDurationSeconds: SYMBIOTIC_DEVNET_EPOCH_SECONDS,
    },
  };
}
