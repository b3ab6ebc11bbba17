import { multicall3Abi as viemMulticall3Abi, parseAbi } from 'viem';

/**
 * Multicall3: viem's ABI (aggregate3, getEthBalance, getCurrentBlockTimestamp) plus the block facts the
 * tracker pins a refresh to, read in the same batch.
 */
export const multicall3Abi = [
  ...viemMulticall3Abi,
  ...parseAbi(['function getBlockNumber() view returns (uint256)', 'function getChainId() view returns (uint256)']),
] as const;
