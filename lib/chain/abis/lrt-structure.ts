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

/** ether.fi EtherFiNodesManager: lookups by legacy validator id only; no list (IEtherFiNodesManager.sol). */
export const etherfiNodesManagerAbi = parseAbi(['function etherfiNodeAddress(uint256 id) view returns (address)']);
