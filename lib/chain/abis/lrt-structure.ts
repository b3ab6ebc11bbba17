import { parseAbi } from 'viem';

/**
 * The view functions that list the contracts an LRT restakes through (lib/restaking/lrt-structure.ts):
 * each is the mainnet signature from the protocol's own repository, named there with its source.
 */

/** Kelp LRTDepositPool: the NodeDelegator contracts, returned whole (Kelp-DAO/LRT-rsETH contracts/LRTDepositPool.sol). */
export const kelpNodeDelegatorQueueAbi = parseAbi(['function getNodeDelegatorQueue() view returns (address[])']);

/** Kelp LRTConfig: contracts registered by role key (LRTConfig.getContract, LRTConstants.LRT_DEPOSIT_POOL). */
export const kelpLrtConfigAbi = parseAbi(['function getContract(bytes32 contractKey) view returns (address)']);

/** Renzo RestakeManager: `IOperatorDelegator[] public operatorDelegators` and its length (RestakeManager.sol). */
export const renzoOperatorDelegatorsAbi = parseAbi([
  'function operatorDelegators(uint256 index) view returns (address)',
  'function getOperatorDelegatorsLength() view returns (uint256)',
]);

/** PufferProtocol: module names in rotation and the module (EigenPod owner) per name (IPufferProtocol.sol). */
export const pufferProtocolModulesAbi = parseAbi([
  'function getModuleWeights() view returns (bytes32[])',
  'function getModuleAddress(bytes32 moduleName) view returns (address)',
]);

/**
 * ether.fi EtherFiNodesManager (0x8B71…916F): validators are linked to nodes one by one (PubkeyLinked, one log
 * per validator); the EigenPod of a node (getEigenPod(node) = node.getEigenPod() = EigenPodManager.ownerToPod(node)).
 * No view lists the nodes. Source: etherfi-protocol/smart-contracts src/staking/interfaces/IEtherFiNodesManager.sol
 * and src/staking/EtherFiNodesManager.sol @ b4a09680 (2026-07-15).
 */
export const etherfiNodesManagerAbi = parseAbi([
  'function etherfiNodeAddress(uint256 id) view returns (address)',
  'function getEigenPod(address node) view returns (address)',
  'function stakingManager() view returns (address)',
  'event PubkeyLinked(bytes32 indexed pubkeyHash, address indexed nodeAddress, uint256 indexed legacyId, bytes pubkey)',
]);

/**
 * ether.fi StakingManager (0x25e8…912d): every EtherFiNode is announced once by `EtherFiNodeDeployed` — new nodes by
 * instantiateEtherFiNode, the nodes that existed before the event by backfillExistingEtherFiNodes ("All 504
 * addresses", script/el-exits/ELExitsTransactions.s.sol) — and `deployedEtherFiNodes(node)` is the gate every
 * EtherFiNodesManager operation checks (_validateNode). The argument is spelled `etheFiNode` on mainnet.
 * Source: src/staking/interfaces/IStakingManager.sol, src/staking/StakingManager.sol @ b4a09680.
 */
export const etherfiStakingManagerAbi = parseAbi([
  'event EtherFiNodeDeployed(address indexed etheFiNode)',
  'function deployedEtherFiNodes(address etherFiNode) view returns (bool)',
]);

/** ether.fi eETH: the share count weETH is one of (src/core/EETH.sol `totalShares`); weETH.getRate() is ETH per share. */
export const eethSharesAbi = parseAbi(['function totalShares() view returns (uint256)']);

/**
 * Swell rswETH → its EigenLayerManager, one public getter per hop (SwellNetwork/v3-core-public @ ba1eeff1,
 * contracts/lrt/contracts/implementations/): rswETH inherits Whitelist, whose `IAccessControlManager public
 * AccessControlManager` (Whitelist.sol L17) names the registry; AccessControlManager.sol L30 `IDepositManager public
 * DepositManager`; DepositManager.sol L46 `IEigenLayerManager public eigenLayerManager`. The manager numbers its
 * StakerProxy contracts 1…stakeId (EigenLayerManager.sol L31 `uint256 public stakeId`, L39 `mapping(uint256 =>
 * address) public stakerProxyAddresses`, filled by createStakerAndPod L204–216 as `++stakeId`); each StakerProxy
 * is the EigenLayer staker (it owns the EigenPod and calls delegateTo, StakerProxy.sol).
 */
export const swellRswethAcmAbi = parseAbi(['function AccessControlManager() view returns (address)']);
export const swellAcmDepositManagerAbi = parseAbi(['function DepositManager() view returns (address)']);
export const swellDepositManagerElmAbi = parseAbi(['function eigenLayerManager() view returns (address)']);
export const swellEigenLayerManagerAbi = parseAbi([
  'function stakeId() view returns (uint256)',
  'function stakerProxyAddresses(uint256 id) view returns (address)',
]);
