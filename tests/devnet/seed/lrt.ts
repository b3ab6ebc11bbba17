import { concat, getAddress, keccak256, parseEther, slice, stringToHex, toHex, type Address, type Hex } from 'viem';
import { EIGENLAYER, EIGEN_STRATEGIES, PROTOCOL_CONTRACTS, TOKENS } from '../../../lib/restaking/addresses';
import {
  ETHERFI_NODES_MANAGER,
  ETHERFI_STAKING_MANAGER,
  KELP_DEPOSIT_POOL,
  KELP_LRT_CONFIG,
  PUFFER_PROTOCOL,
  RENZO_RESTAKE_MANAGER,
} from '../../../lib/restaking/lrt-structure';
import type { DevnetContext } from '../context';
import { doubleAbi, placeDouble } from './abi';
import { WAD, eigenAbi } from './eigen-base';

/**
 * The structure behind three LRTs on the devnet (issue #15 item 2): Kelp's NodeDelegators (listed by the
 * LRTDepositPool double), Renzo's OperatorDelegators (RestakeManager double) and Puffer's modules
 * (PufferProtocol double, at its mainnet address). Each staker is an LrtStaker double that holds stETH in
 * the EigenLayer stETH strategy and delegates to one of four operators; the operators allocate to the
 * operator sets of two AVSs, and operator "lrt-a" is shared by Kelp and Renzo. Operators and AVSs are
 * devnet addresses (impersonated), the staker contracts too: the wallet finds them on chain, not by name.
 */

const dev = (tag: string, n: number): Address => getAddress(`0x${tag}${n.toString(16).padStart(40 - tag.length, '0')}`);

export const LRT_DEVNET_OPERATORS = {
  'lrt-a': dev('0e7a', 1),
  'lrt-b': dev('0e7a', 2),
  'lrt-c': dev('0e7a', 3),
  'lrt-d': dev('0e7a', 4),
} as const;
export const LRT_DEVNET_AVS = { 'avs-x': dev('a75', 1), 'avs-y': dev('a75', 2) } as const;
export type LrtOperatorName = keyof typeof LRT_DEVNET_OPERATORS;
export type LrtAvsName = keyof typeof LRT_DEVNET_AVS;

/** Operator sets per AVS (every set takes every LST strategy, as the seeded EigenLayer sets do). */
export const LRT_DEVNET_SETS: { avs: LrtAvsName; id: number }[] = [
  { avs: 'avs-x', id: 1 },
  { avs: 'avs-x', id: 2 },
  { avs: 'avs-y', id: 1 },
];

/** stETH-strategy magnitudes in percent of 1.0 (hand-picked; sums stay ≤ 100 % per operator). */
export const LRT_DEVNET_ALLOCATIONS: { operator: LrtOperatorName; avs: LrtAvsName; id: number; percent: bigint }[] = [
  { operator: 'lrt-a', avs: 'avs-x', id: 1, percent: 30n },
  { operator: 'lrt-a', avs: 'avs-x', id: 2, percent: 20n },
  { operator: 'lrt-a', avs: 'avs-y', id: 1, percent: 25n },
  { operator: 'lrt-b', avs: 'avs-x', id: 1, percent: 50n },
  { operator: 'lrt-c', avs: 'avs-x', id: 2, percent: 10n },
  { operator: 'lrt-c', avs: 'avs-y', id: 1, percent: 40n },
  { operator: 'lrt-d', avs: 'avs-x', id: 1, percent: 10n },
  { operator: 'lrt-d', avs: 'avs-y', id: 1, percent: 60n },
];

export type LrtDevnetStaker = {
  lrt: 'rsETH' | 'ezETH' | 'pufETH' | 'weETH' | 'rswETH';
  staker: Address;
  operator: LrtOperatorName;
  stakedEth: bigint;
  name?: string;
};

export const LRT_DEVNET_STAKERS: LrtDevnetStaker[] = [
  { lrt: 'rsETH', staker: dev('4e1d', 1), operator: 'lrt-a', stakedEth: parseEther('3000') },
  { lrt: 'rsETH', staker: dev('4e1d', 2), operator: 'lrt-b', stakedEth: parseEther('2000') },
  { lrt: 'ezETH', staker: dev('0d', 1), operator: 'lrt-a', stakedEth: parseEther('4000') },
  { lrt: 'ezETH', staker: dev('0d', 2), operator: 'lrt-c', stakedEth: parseEther('1000') },
  { lrt: 'pufETH', staker: dev('9f', 1), operator: 'lrt-d', stakedEth: parseEther('2500'), name: 'PUFFER_MODULE_0' },
  { lrt: 'pufETH', staker: dev('9f', 2), operator: 'lrt-c', stakedEth: parseEther('500'), name: 'PUFFER_MODULE_1' },
  // ether.fi EtherFiNodes: lrt-c is shared with Renzo and Puffer, lrt-d with Puffer; two nodes on lrt-c.
  { lrt: 'weETH', staker: dev('efe0', 1), operator: 'lrt-c', stakedEth: parseEther('1200') },
  { lrt: 'weETH', staker: dev('efe0', 2), operator: 'lrt-d', stakedEth: parseEther('900') },
  { lrt: 'weETH', staker: dev('efe0', 3), operator: 'lrt-c', stakedEth: parseEther('400') },
  // Swell StakerProxies (ids 1, 2 of the EigenLayerManager double): lrt-b is shared with Kelp, lrt-d with Puffer and ether.fi.
  { lrt: 'rswETH', staker: dev('5e1', 1), operator: 'lrt-b', stakedEth: parseEther('1500') },
  { lrt: 'rswETH', staker: dev('5e1', 2), operator: 'lrt-d', stakedEth: parseEther('800') },
];

/**
 * Swell's registries have no published mainnet address: the doubles sit at devnet addresses, reached only from rswETH
 * (AccessControlManager() → DepositManager() → eigenLayerManager()).
 */
export const SWELL_DEVNET = {
  accessControlManager: dev('5e11ac', 1),
  depositManager: dev('5e11d0', 1),
  eigenLayerManager: dev('5e11e1', 1),
} as const;

/** A 48-byte validator key per ether.fi node (devnet-made; only its PubkeyLinked log matters). */
export const etherfiDevnetPubkey = (i: number): Hex =>
  concat([keccak256(toHex(`ballast-devnet-validator-${i}`)), slice(keccak256(toHex(`ballast-devnet-validator-${i}-tail`)), 0, 16)]);

const KIND = {
  rsETH: 'NodeDelegator',
  ezETH: 'OperatorDelegator',
  pufETH: 'PufferModule',
  weETH: 'EtherFiNode',
  rswETH: 'StakerProxy',
} as const;
/** Kelp LRTConstants.LRT_DEPOSIT_POOL. */
export const KELP_LRT_DEPOSIT_POOL_KEY = keccak256(toHex('LRT_DEPOSIT_POOL'));

export type LrtSeed = {
  operators: Record<LrtOperatorName, Address>;
  avs: Record<LrtAvsName, Address>;
  allocations: { operator: Address; avs: Address; id: number; strategy: Address; magnitude: string }[];
  stakers: { lrt: string; staker: Address; operator: Address; stakedEth: string }[];
};

const sortedStrategies = () => Object.values(EIGEN_STRATEGIES).sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));

async function actor(ctx: DevnetContext, address: Address) {
  await ctx.client.impersonateAccount({ address });
  await ctx.client.setBalance({ address, value: parseEther('10') });
}

/** Needs seedTokens (stETH) and seedEigen (EigenLayer doubles) first. */
export async function seedLrt(ctx: DevnetContext): Promise<LrtSeed> {
  const am = eigenAbi.allocationManager();
  const dm = eigenAbi.delegationManager();
  await placeDouble(ctx, 'KelpLRTConfig', KELP_LRT_CONFIG);
  await ctx.write({ address: KELP_LRT_CONFIG, abi: doubleAbi('KelpLRTConfig'), functionName: 'initialize' });
  await ctx.write({
    address: KELP_LRT_CONFIG,
    abi: doubleAbi('KelpLRTConfig'),
    functionName: 'setContract',
    args: [KELP_LRT_DEPOSIT_POOL_KEY, KELP_DEPOSIT_POOL],
  });
  await placeDouble(ctx, 'PufferProtocolDouble', PUFFER_PROTOCOL);
  await ctx.write({ address: PUFFER_PROTOCOL, abi: doubleAbi('PufferProtocolDouble'), functionName: 'initialize' });

  for (const [i, operator] of Object.values(LRT_DEVNET_OPERATORS).entries()) {
    await actor(ctx, operator);
    await ctx.write({
      address: EIGENLAYER.delegationManager,
      abi: dm,
      functionName: 'registerAsOperator',
      args: ['0x0000000000000000000000000000000000000000', 0, `https://devnet.ballast.invalid/lrt-operator-${i + 1}.json`],
      from: operator,
    });
  }
  const strategies = sortedStrategies();
  for (const [name, avs] of Object.entries(LRT_DEVNET_AVS) as [LrtAvsName, Address][]) {
    await actor(ctx, avs);
    const ids = LRT_DEVNET_SETS.filter((s) => s.avs === name).map((s) => s.id);
    await ctx.write({
      address: EIGENLAYER.allocationManager,
      abi: am,
      functionName: 'createOperatorSets',
      args: [avs, ids.map((operatorSetId) => ({ operatorSetId, strategies }))],
      from: avs,
    });
  }
  for (const [name, operator] of Object.entries(LRT_DEVNET_OPERATORS) as [LrtOperatorName, Address][]) {
    const mine = LRT_DEVNET_ALLOCATIONS.filter((x) => x.operator === name);
    for (const avsName of [...new Set(mine.map((x) => x.avs))]) {
      await ctx.write({
        address: EIGENLAYER.allocationManager,
        abi: am,
        functionName: 'registerForOperatorSets',
        args: [
          operator,
          { avs: LRT_DEVNET_AVS[avsName], operatorSetIds: mine.filter((x) => x.avs === avsName).map((x) => x.id), data: '0x' },
        ],
        from: operator,
      });
    }
    await ctx.write({
      address: EIGENLAYER.allocationManager,
      abi: am,
      functionName: 'modifyAllocations',
      args: [
        operator,
        mine.map((x) => ({
          operatorSet: { avs: LRT_DEVNET_AVS[x.avs], id: x.id },
          strategies: [EIGEN_STRATEGIES.stETH],
          newMagnitudes: [(WAD * x.percent) / 100n],
        })),
      ],
      from: operator,
    });
  }

  const stakerAbi = doubleAbi('LrtStaker');
  for (const s of LRT_DEVNET_STAKERS) {
    await placeDouble(ctx, 'LrtStaker', s.staker);
    await ctx.write({
      address: s.staker,
      abi: stakerAbi,
      functionName: 'initialize',
      args: [EIGENLAYER.delegationManager, EIGENLAYER.strategyManager, KIND[s.lrt]],
    });
    await ctx.client.setBalance({ address: s.staker, value: s.stakedEth });
    await ctx.write({ address: s.staker, abi: stakerAbi, functionName: 'restakeEth', args: [EIGEN_STRATEGIES.stETH] });
    await ctx.write({ address: s.staker, abi: stakerAbi, functionName: 'delegateTo', args: [LRT_DEVNET_OPERATORS[s.operator]] });
  }
  const of = (lrt: LrtDevnetStaker['lrt']) => LRT_DEVNET_STAKERS.filter((s) => s.lrt === lrt);
  // The rates read the stakers' EigenLayer balances (a slash shows in them); the seeded rates stay as they
  // were: the ETH booked outside EigenLayer shrinks by what the stakers now hold.
  const kelpPool = doubleAbi('KelpLRTDepositPool');
  const kelpOracle = doubleAbi('KelpLRTOracle');
  const kelpBefore = (await ctx.client.readContract({
    address: PROTOCOL_CONTRACTS.kelpOracle,
    abi: kelpOracle,
    functionName: 'getTotalETHInProtocol',
  })) as bigint;
  await ctx.write({ address: PROTOCOL_CONTRACTS.kelpOracle, abi: kelpOracle, functionName: 'addSupportedAsset', args: [TOKENS.stETH] });
  await ctx.write({
    address: KELP_DEPOSIT_POOL,
    abi: kelpPool,
    functionName: 'addNodeDelegatorContractToQueue',
    args: [of('rsETH').map((s) => s.staker)],
  });
  const kelpRestaked = (await ctx.client.readContract({
    address: KELP_DEPOSIT_POOL,
    abi: kelpPool,
    functionName: 'getTotalAssetDeposits',
    args: [TOKENS.stETH],
  })) as bigint;
  await ctx.write({ address: KELP_DEPOSIT_POOL, abi: kelpPool, functionName: 'setTotalETHDeposits', args: [kelpBefore - kelpRestaked] });

  const renzo = doubleAbi('RenzoRestakeManager');
  const tvl = async () =>
    (
      (await ctx.client.readContract({ address: RENZO_RESTAKE_MANAGER, abi: renzo, functionName: 'calculateTVLs' })) as [
        unknown,
        unknown,
        bigint,
      ]
    )[2];
  const renzoBefore = await tvl();
  await ctx.write({ address: RENZO_RESTAKE_MANAGER, abi: renzo, functionName: 'addCollateralToken', args: [TOKENS.stETH] });
  for (const s of of('ezETH'))
    await ctx.write({ address: RENZO_RESTAKE_MANAGER, abi: renzo, functionName: 'addOperatorDelegator', args: [s.staker, 5000n] });
  await ctx.write({ address: RENZO_RESTAKE_MANAGER, abi: renzo, functionName: 'setTotalTVL', args: [renzoBefore] });
  for (const s of of('pufETH'))
    await ctx.write({
      address: PUFFER_PROTOCOL,
      abi: doubleAbi('PufferProtocolDouble'),
      functionName: 'registerModule',
      args: [stringToHex(s.name!, { size: 32 }), s.staker],
    });

  await seedEtherfiNodes(ctx, of('weETH'));
  await seedSwell(ctx, of('rswETH'));

  return {
    operators: { ...LRT_DEVNET_OPERATORS },
    avs: { ...LRT_DEVNET_AVS },
    allocations: LRT_DEVNET_ALLOCATIONS.map((x) => ({
      operator: LRT_DEVNET_OPERATORS[x.operator],
      avs: LRT_DEVNET_AVS[x.avs],
      id: x.id,
      strategy: EIGEN_STRATEGIES.stETH,
      magnitude: ((WAD * x.percent) / 100n).toString(),
    })),
    stakers: LRT_DEVNET_STAKERS.map((s) => ({
      lrt: s.lrt,
      staker: s.staker,
      operator: LRT_DEVNET_OPERATORS[s.operator],
      stakedEth: s.stakedEth.toString(),
    })),
  };
}

/**
 * ether.fi: the StakingManager double announces each node (EtherFiNodeDeployed, as instantiateEtherFiNode and the
 * backfill do on mainnet) and links one validator to it through the EtherFiNodesManager double (PubkeyLinked). The
 * LiquidityPool double books the nodes' present EigenLayer balance as part of its pooled ETH (the weETH rate stays
 * as seeded); a later oracle report (`oracle-update weETH`) moves the pooled ETH by the change.
 */
async function seedEtherfiNodes(ctx: DevnetContext, nodes: LrtDevnetStaker[]) {
  const sm = doubleAbi('EtherFiStakingManagerDouble');
  const nm = doubleAbi('EtherFiNodesManagerDouble');
  await placeDouble(ctx, 'EtherFiStakingManagerDouble', ETHERFI_STAKING_MANAGER);
  await placeDouble(ctx, 'EtherFiNodesManagerDouble', ETHERFI_NODES_MANAGER);
  await ctx.write({ address: ETHERFI_STAKING_MANAGER, abi: sm, functionName: 'initialize', args: [ETHERFI_NODES_MANAGER] });
  await ctx.write({ address: ETHERFI_NODES_MANAGER, abi: nm, functionName: 'initialize', args: [ETHERFI_STAKING_MANAGER] });
  for (const [i, n] of nodes.entries()) {
    await ctx.write({ address: ETHERFI_STAKING_MANAGER, abi: sm, functionName: 'registerEtherFiNode', args: [n.staker] });
    await ctx.write({
      address: ETHERFI_STAKING_MANAGER,
      abi: sm,
      functionName: 'createBeaconValidator',
      args: [etherfiDevnetPubkey(i), BigInt(100_000 + i), n.staker],
    });
  }
  await ctx.write({
    address: PROTOCOL_CONTRACTS.etherfiLiquidityPool,
    abi: doubleAbi('EtherFiLiquidityPool'),
    functionName: 'setReportNodes',
    args: [nodes.map((n) => n.staker), TOKENS.stETH],
  });
}

/**
 * Swell: rswETH names its AccessControlManager, which names the DepositManager, which names the EigenLayerManager that
 * numbers the StakerProxies (createStakerAndPod). rswETH books the proxies' present EigenLayer balance as part of its
 * seeded reserves (the rate stays as seeded); `oracle-update rswETH` reprices from their change.
 */
async function seedSwell(ctx: DevnetContext, proxies: LrtDevnetStaker[]) {
  const S = SWELL_DEVNET;
  await placeDouble(ctx, 'SwellAccessControlManagerDouble', S.accessControlManager);
  await placeDouble(ctx, 'SwellDepositManagerDouble', S.depositManager);
  await placeDouble(ctx, 'SwellEigenLayerManagerDouble', S.eigenLayerManager);
  const elm = doubleAbi('SwellEigenLayerManagerDouble');
  await ctx.write({
    address: S.accessControlManager,
    abi: doubleAbi('SwellAccessControlManagerDouble'),
    functionName: 'initialize',
    args: [TOKENS.rswETH, S.depositManager],
  });
  await ctx.write({
    address: S.depositManager,
    abi: doubleAbi('SwellDepositManagerDouble'),
    functionName: 'initialize',
    args: [S.eigenLayerManager],
  });
  await ctx.write({ address: S.eigenLayerManager, abi: elm, functionName: 'initialize' });
  for (const p of proxies)
    await ctx.write({ address: S.eigenLayerManager, abi: elm, functionName: 'registerStakerProxy', args: [p.staker] });
  const rsweth = doubleAbi('RswETH');
  await ctx.write({ address: TOKENS.rswETH, abi: rsweth, functionName: 'setAccessControlManager', args: [S.accessControlManager] });
  await ctx.write({
    address: TOKENS.rswETH,
    abi: rsweth,
    functionName: 'setReportStakers',
    args: [proxies.map((p) => p.staker), TOKENS.stETH],
  });
}
