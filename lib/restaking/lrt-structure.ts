import { getAddress, type Abi, type Address } from 'viem';
import {
  eethSharesAbi,
  etherfiNodesManagerAbi,
  etherfiStakingManagerAbi,
  kelpLrtConfigAbi,
  MELLOW_PROTOCOL_SYMBIOTIC,
  mellowMultiVaultAbi,
  mellowSymbioticVaultAbi,
  kelpNodeDelegatorQueueAbi,
  pufferProtocolModulesAbi,
  renzoOperatorDelegatorsAbi,
  swellAcmDepositManagerAbi,
  swellDepositManagerElmAbi,
  swellEigenLayerManagerAbi,
  swellRswethAcmAbi,
} from '../chain/abis';
import { EIGEN_STRATEGIES, EIGENLAYER, PROTOCOL_CONTRACTS, TOKENS } from './addresses';
import { MELLOW_LRTS } from './symbiotic-registry';
import type { ProtocolId, RestakingSymbol } from './types';

/**
 * Who restakes for each LRT (reference §6 item 6): the contracts that are EigenLayer stakers for the
 * protocol, and how to list them on chain. Every address carries the file it comes from; a protocol
 * with no view function that lists its stakers is `unknown` with the reason, never an invented list.
 */
const a = (x: string): Address => getAddress(x.toLowerCase());

export type SourcedAddress = { name: string; address: Address; source: string };

/** One view call that lists staker contracts (or the names that lead to them), with the ABI to call it. */
export type LrtDiscovery =
  /** One call returns the whole list (Kelp). */
  | { kind: 'list'; contract: Address; abi: Abi; functionName: string }
  /** A public array: read its length and each index (Renzo). */
  | { kind: 'indexed'; contract: Address; abi: Abi; lengthFunction: string; itemFunction: string }
  /** Names, then one address per name (Puffer). */
  | { kind: 'named'; contract: Address; abi: Abi; namesFunction: string; addressFunction: string }
  /**
   * No view lists them: each staker is announced once by an event (ether.fi). The log scan runs outside the
   * refresh (lib/tracker/lookthrough/event-scan.ts, cached with the last scanned block); the refresh reads at most
   * `maxRead` of the stakers found, each in `strategies` only.
   */
  | {
      kind: 'events';
      contract: Address;
      abi: Abi;
      eventName: string;
      /** The indexed argument that is the staker. */
      stakerArg: string;
      /** No such event before this block (the implementation that emits it came later). */
      fromBlock: bigint;
      strategies: readonly Address[];
      maxRead: number;
    }
  /**
   * The registry that numbers the stakers is not at a published address but is named by a chain of public getters
   * starting at `contract` (Swell: rswETH → AccessControlManager → DepositManager → EigenLayerManager). Each hop is
   * one dependent read, so the walk and the list (ids firstIndex…count) run beside the refresh with the event scans
   * (lib/tracker/lookthrough/path-scan.ts, cached, again every SCAN_INTERVAL_MS); the refresh reads at most `maxRead`
   * of the stakers found.
   */
  | {
      kind: 'path';
      contract: Address;
      /** hops[0] is called on `contract`, every next hop on the address the one before answered. */
      hops: readonly { name: string; abi: Abi; functionName: string; source: string }[];
      list: { name: string; abi: Abi; countFunction: string; itemFunction: string; firstIndex: number; source: string };
      maxRead: number;
    };

/**
 * When a slash reaches the LRT's fair rate (reference §6 item 6): `at-once` where the rate is computed
 * from balances at read time; otherwise only after the named update runs.
 */
export type RateShowsSlash = { when: 'at-once' | 'after-update'; how: string };

export type LrtStructure = {
  symbol: RestakingSymbol;
  protocol: ProtocolId;
  /** What the staker contracts are called by the protocol. */
  stakerKind: string;
  entry: readonly SourcedAddress[];
  rateShowsSlash: RateShowsSlash;
  /**
   * What one token is a share of, when not its own totalSupply: a weETH is one eETH share, so its part of ether.fi
   * is balance / eETH.totalShares() (weETH.totalSupply() counts only the wrapped part).
   */
  supply?: { address: Address; abi: Abi; functionName: string; what: string };
  /**
   * The stakers' queued withdrawals are read too (DelegationManager.getQueuedWithdrawals) and counted while still
   * slashable, i.e. until startBlock + minWithdrawalDelayBlocks (reference §6 step 4).
   */
  queuedWithdrawals?: boolean;
} & (
  | {
      status: 'known';
      discovery: LrtDiscovery;
      /** Stakers named by a source, for the smoke check only. */ sampleStakers: readonly SourcedAddress[];
    }
  | {
      status: 'unknown';
      /** Technical: what was looked for and where. */
      reason: string;
      /** The same for a user, without contract or file names. */
      plain: string;
    }
);

const REF = '../shared/reference/restaking.md';
const KELP_README = 'github.com/Kelp-DAO/LRT-rsETH README.md (ETH Mainnet table)';
const PUFFER_DEPLOYMENTS = 'github.com/PufferFinance/Deployments-and-ACL docs/deployments/mainnet.md';

export const KELP_LRT_CONFIG = a('0x947Cb49334e6571ccBFEF1f1f1178d8469D65ec7');
export const RENZO_RESTAKE_MANAGER = PROTOCOL_CONTRACTS.renzoRestakeManager;
export const KELP_DEPOSIT_POOL = PROTOCOL_CONTRACTS.kelpDepositPool;
export const PUFFER_PROTOCOL = a('0xf7b6B32492c2e13799D921E84202450131bd238B');
/** Creates the modules (not read by the look-through). Same source as PUFFER_PROTOCOL. */
export const PUFFER_MODULE_MANAGER = a('0x9E1E4fCb49931df5743e659ad910d331735C3860');
export const ETHERFI_NODES_MANAGER = a('0x8B71140AD2e5d1E7018d2a7f8a288BD3CD38916F');
const ETHERFI_DEPLOYED = 'github.com/etherfi-protocol/smart-contracts script/deploys/Deployed.s.sol @ b4a09680 (2026-07-15)';
/** Announces every EtherFiNode (EtherFiNodeDeployed). Same source. */
export const ETHERFI_STAKING_MANAGER = a('0x25e821b7197B146F7713C3b89B6A4D83516B912d');
/**
 * The StakingManager implementation that emits EtherFiNodeDeployed was deployed 2025-10-16 (deployment/StakingManager/
 * 2025-10-16-16-33-11.json; the event came in commit 687760cf, 2025-08-27) and the older nodes were backfilled after
 * it. Block 23,500,000 (early October 2025, ~12 s blocks after Pectra's 22,431,084 on 2025-05-07) is before both.
 */
export const ETHERFI_NODES_FROM_BLOCK = 23_500_000n;
/**
 * Nodes read per refresh (delegatedTo + getWithdrawableShares in two strategies, ~70k gas declared each): 160 nodes
 * take ~11M gas of phase 2's 30M; mainnet had 504 nodes in 2025-10, so there the figure is "160 of N nodes read".
 */
export const ETHERFI_NODES_READ_CAP = 160;

/** Swell's LRT contracts (SwellNetwork/v3-core-public @ ba1eeff12ab994a26492fa5dcd0aa8937733dbb4, 2024-11-13). */
const SWELL = 'github.com/SwellNetwork/v3-core-public @ ba1eeff1 contracts/lrt/contracts/implementations';
/**
 * StakerProxies read per refresh (delegatedTo + getWithdrawableShares in every LST strategy and native ETH, ~410k gas
 * declared each): 16 take ~6.6M of phase 2's 30M. Swell creates them in batches (createStakerAndPod(_batchSize)).
 */
export const SWELL_STAKERS_READ_CAP = 16;

export const LRT_STRUCTURES: readonly LrtStructure[] = [
  {
    symbol: 'rsETH',
    protocol: 'kelp',
    stakerKind: 'NodeDelegator',
    status: 'known',
    entry: [
      { name: 'LRTConfig', address: KELP_LRT_CONFIG, source: `${REF} §1.1 other addresses (${KELP_README})` },
      { name: 'LRTDepositPool', address: KELP_DEPOSIT_POOL, source: `${REF} §1.2 (${KELP_README}, contracts/LRTDepositPool.sol)` },
    ],
    discovery: { kind: 'list', contract: KELP_DEPOSIT_POOL, abi: kelpNodeDelegatorQueueAbi, functionName: 'getNodeDelegatorQueue' },
    // Its stakers exit EigenLayer through DelegationManager.queueWithdrawals like any staker (reference §6 step 4): the
    // queued shares stay slashable for minWithdrawalDelayBlocks, so they are read and counted until completable.
    queuedWithdrawals: true,
    sampleStakers: [],
    rateShowsSlash: {
      when: 'after-update',
      how: 'rsETHPrice is stored in LRTOracle: a slash shows only after updateRSETHPrice() runs (reference §1.1, §6 item 6)',
    },
  },
  {
    symbol: 'ezETH',
    protocol: 'renzo',
    stakerKind: 'OperatorDelegator',
    status: 'known',
    entry: [
      {
        name: 'RestakeManager',
        address: RENZO_RESTAKE_MANAGER,
        source: `${REF} §1.1 (Renzo-Protocol/contracts-public RestakeManager.sol)`,
      },
    ],
    discovery: {
      kind: 'indexed',
      contract: RENZO_RESTAKE_MANAGER,
      abi: renzoOperatorDelegatorsAbi,
      lengthFunction: 'getOperatorDelegatorsLength',
      itemFunction: 'operatorDelegators',
    },
    // Its stakers exit EigenLayer through DelegationManager.queueWithdrawals like any staker (reference §6 step 4): the
    // queued shares stay slashable for minWithdrawalDelayBlocks, so they are read and counted until completable.
    queuedWithdrawals: true,
    sampleStakers: [
      {
        name: 'OperatorDelegator',
        address: a('0xbAf5f3A05BD7Af6f3a0BBA207803bf77e2657c8F'),
        source: `${REF} §1.1 (balancer ezETHRateProvider.md)`,
      },
      {
        name: 'OperatorDelegator',
        address: a('0x0B1981a9Fcc24A445dE15141390d3E46DA0e425c'),
        source: `${REF} §1.1 (balancer ezETHRateProvider.md)`,
      },
    ],
    rateShowsSlash: {
      when: 'at-once',
      how: 'the rate is calculateTVLs() / supply, computed from the operator delegators’ EigenLayer shares at read time (reference §6 item 6)',
    },
  },
  {
    symbol: 'pufETH',
    protocol: 'puffer',
    stakerKind: 'PufferModule',
    status: 'known',
    // Modules are created through the PufferModuleManager (PUFFER_MODULE_MANAGER); the list is read from PufferProtocol.
    entry: [{ name: 'PufferProtocol', address: PUFFER_PROTOCOL, source: PUFFER_DEPLOYMENTS }],
    discovery: {
      kind: 'named',
      contract: PUFFER_PROTOCOL,
      abi: pufferProtocolModulesAbi,
      namesFunction: 'getModuleWeights',
      addressFunction: 'getModuleAddress',
    },
    // Its stakers exit EigenLayer through DelegationManager.queueWithdrawals like any staker (reference §6 step 4): the
    // queued shares stay slashable for minWithdrawalDelayBlocks, so they are read and counted until completable.
    queuedWithdrawals: true,
    sampleStakers: [
      {
        name: 'PUFFER_MODULE_0',
        address: a('0xe60ca7abf24de99af64e7d9057659ae2dbc2eb2c'),
        source: `${PUFFER_DEPLOYMENTS} (Restaking table)`,
      },
    ],
    rateShowsSlash: {
      when: 'at-once',
      how: 'convertToAssets reads the vault’s balances at call time (reference §1.1, §6 item 6); validator ETH is booked by the PufferOracle',
    },
  },
  {
    symbol: 'weETH',
    protocol: 'etherfi',
    stakerKind: 'EtherFiNode',
    status: 'known',
    entry: [
      { name: 'StakingManager', address: ETHERFI_STAKING_MANAGER, source: ETHERFI_DEPLOYED },
      { name: 'EtherFiNodesManager', address: ETHERFI_NODES_MANAGER, source: ETHERFI_DEPLOYED },
    ],
    // Each EtherFiNode owns one EigenPod (EtherFiNode.getEigenPod = EigenPodManager.ownerToPod(node)) and is the
    // EigenLayer staker: ether.fi's own script/operator-management/a41/printA41OperatorAddresses.s.sol reads each
    // node's operator as DelegationManager.delegatedTo(node). Nodes restake native ETH (beaconChainETHStrategy); the
    // stETH strategy is read too, which is where the devnet's node doubles restake (no beacon chain there).
    discovery: {
      kind: 'events',
      contract: ETHERFI_STAKING_MANAGER,
      abi: etherfiStakingManagerAbi,
      eventName: 'EtherFiNodeDeployed',
      stakerArg: 'etheFiNode',
      fromBlock: ETHERFI_NODES_FROM_BLOCK,
      strategies: [EIGENLAYER.beaconChainETHStrategy, EIGEN_STRATEGIES.stETH],
      maxRead: ETHERFI_NODES_READ_CAP,
    },
    // Nodes queue withdrawals when validators exit (EtherFiNodesManager.queueETHWithdrawal → DelegationManager.queueWithdrawals).
    queuedWithdrawals: true,
    supply: {
      address: TOKENS.eETH,
      abi: eethSharesAbi,
      functionName: 'totalShares',
      what: 'eETH.totalShares() (one weETH = one eETH share)',
    },
    sampleStakers: [],
    rateShowsSlash: {
      when: 'after-update',
      how: 'eETH rebases and weETH.getRate() moves only after the oracle report (EtherFiAdmin rebase)',
    },
  },
  {
    symbol: 'rswETH',
    protocol: 'swell',
    stakerKind: 'StakerProxy',
    status: 'known',
    entry: [{ name: 'rswETH', address: TOKENS.rswETH, source: `${REF} §1.1 (${SWELL}/RswETH.sol)` }],
    // The EigenLayerManager's address is in no Swell deployment file found; rswETH names it through two registries.
    discovery: {
      kind: 'path',
      contract: TOKENS.rswETH,
      hops: [
        {
          name: 'AccessControlManager',
          abi: swellRswethAcmAbi,
          functionName: 'AccessControlManager',
          source: `${SWELL}/Whitelist.sol L17 (rswETH is Whitelist)`,
        },
        {
          name: 'DepositManager',
          abi: swellAcmDepositManagerAbi,
          functionName: 'DepositManager',
          source: `${SWELL}/AccessControlManager.sol L30`,
        },
        {
          name: 'EigenLayerManager',
          abi: swellDepositManagerElmAbi,
          functionName: 'eigenLayerManager',
          source: `${SWELL}/DepositManager.sol L46`,
        },
      ],
      list: {
        name: 'StakerProxy',
        abi: swellEigenLayerManagerAbi,
        countFunction: 'stakeId',
        itemFunction: 'stakerProxyAddresses',
        // createStakerAndPod stores `stakerProxyAddresses[++stakeId]`: ids run 1…stakeId.
        firstIndex: 1,
        source: `${SWELL}/EigenLayerManager.sol L31, L39, L204–216`,
      },
      maxRead: SWELL_STAKERS_READ_CAP,
    },
    // Its stakers exit EigenLayer through DelegationManager.queueWithdrawals like any staker (reference §6 step 4): the
    // queued shares stay slashable for minWithdrawalDelayBlocks, so they are read and counted until completable.
    queuedWithdrawals: true,
    sampleStakers: [],
    rateShowsSlash: {
      when: 'after-update',
      how: 'rswETHToETHRate is stored and moves only on reprice() by the repricing bot (RswETH.sol; reference §1.1, §6 item 6)',
    },
  },
];

export const lrtStructureOf = (symbol: string): LrtStructure | undefined => LRT_STRUCTURES.find((s) => s.symbol === symbol);

/** Entry addresses the doubles replace on the devnet and the smoke check probes on a real node. */
export const LRT_DISCOVERY_CONTRACTS: readonly Address[] = LRT_STRUCTURES.flatMap((s) =>
  s.status === 'known' ? [s.discovery.contract] : [],
);

/**
 * How a Mellow LRT names the Symbiotic vault it deposits into: its own view, in either implementation Mellow
 * runs behind the proxy (lib/chain/abis/mellow.ts): simple-lrt's `symbioticVault()`, else the MultiVault's
 * subvaults, the first whose protocol is SYMBIOTIC.
 */
export type MellowDiscovery = {
  kind: 'mellow-symbiotic';
  contract: Address;
  direct: { abi: Abi; functionName: 'symbioticVault' };
  subvaults: { abi: Abi; countFunction: 'subvaultsCount'; itemFunction: 'subvaultAt'; symbioticProtocol: number };
};

/** A Mellow LRT on Symbiotic (issue #15 item 1): the LRT vault is the staker; its stake sits in one Symbiotic vault. */
export type MellowLrtStructure = {
  symbol: string;
  protocol: 'mellow';
  stakerKind: 'Symbiotic vault';
  status: 'known';
  entry: readonly SourcedAddress[];
  discovery: MellowDiscovery;
  /** The vault the sources pair it with (lib/restaking/symbiotic-registry.ts); discovery must find this one. */
  pairedVault: SourcedAddress;
  rateShowsSlash: RateShowsSlash;
};

const MELLOW_TOTAL_ASSETS =
  'github:mellow-finance/simple-lrt/src/MellowSymbioticVault.sol@a185256 (totalAssets = idle wstETH + default collateral + symbioticVault().activeBalanceOf(this))';

export const MELLOW_LRT_STRUCTURES: readonly MellowLrtStructure[] = MELLOW_LRTS.map((l) => ({
  symbol: l.symbol,
  protocol: 'mellow',
  stakerKind: 'Symbiotic vault',
  status: 'known',
  entry: [{ name: `${l.symbol} (Mellow LRT vault)`, address: l.address, source: l.source }],
  discovery: {
    kind: 'mellow-symbiotic',
    contract: l.address,
    direct: { abi: mellowSymbioticVaultAbi, functionName: 'symbioticVault' },
    subvaults: {
      abi: mellowMultiVaultAbi,
      countFunction: 'subvaultsCount',
      itemFunction: 'subvaultAt',
      symbioticProtocol: MELLOW_PROTOCOL_SYMBIOTIC,
    },
  },
  pairedVault: { name: 'Symbiotic vault', address: l.symbioticVault, source: l.pairing },
  rateShowsSlash: {
    when: 'at-once',
    how: `the share price is totalAssets() / supply and totalAssets reads the Symbiotic vault's activeBalanceOf at call time (${MELLOW_TOTAL_ASSETS})`,
  },
}));

export const mellowStructureOf = (symbol: string): MellowLrtStructure | undefined => MELLOW_LRT_STRUCTURES.find((s) => s.symbol === symbol);

export { etherfiNodesManagerAbi, kelpLrtConfigAbi };
