import { getAddress, type Abi, type Address } from 'viem';
import {
  etherfiNodesManagerAbi,
  kelpLrtConfigAbi,
  MELLOW_PROTOCOL_SYMBIOTIC,
  mellowMultiVaultAbi,
  mellowSymbioticVaultAbi,
  kelpNodeDelegatorQueueAbi,
  pufferProtocolModulesAbi,
  renzoOperatorDelegatorsAbi,
} from '../chain/abis';
import { PROTOCOL_CONTRACTS } from './addresses';
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
  | { kind: 'named'; contract: Address; abi: Abi; namesFunction: string; addressFunction: string };

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
    stakerKind: 'EtherFiNode (EigenPod owner)',
    status: 'unknown',
    entry: [
      {
        name: 'EtherFiNodesManager',
        address: ETHERFI_NODES_MANAGER,
        source: 'github.com/etherfi-protocol/smart-contracts test/pectra-fork-tests/EL-exits.t.sol (MAINNET CONTRACT ADDRESSES)',
      },
    ],
    reason:
      'no on-chain path found: EtherFiNodesManager only looks nodes up one by one (etherfiNodeAddress(id), etherFiNodeFromPubkeyHash(hash)); ' +
      'no view lists them, and the node set is only recoverable from its PubkeyLinked events',
    plain:
      'ether.fi keeps no list of its restaking nodes that Ballast can read in one call, so the operators behind eETH and weETH are not known yet.',
    rateShowsSlash: {
      when: 'after-update',
      how: 'eETH rebases and weETH.getRate() moves only after the oracle report (EtherFiAdmin rebase)',
    },
  },
  {
    symbol: 'rswETH',
    protocol: 'swell',
    stakerKind: 'EigenLayerManager',
    status: 'unknown',
    entry: [],
    reason:
      'no on-chain path found: the mainnet address of rswETH’s EigenLayerManager is in no Swell deployment file found ' +
      '(SwellNetwork/v3-core-public has the code only; reference §1.1 lists it as not found)',
    plain: 'Swell has not published the address of the contract that restakes for rswETH, so the operators behind it are not known yet.',
    rateShowsSlash: { when: 'after-update', how: 'rswETHToETHRate is stored and moves only on reprice() (reference §1.1)' },
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
