import { parseAbi } from 'viem';

/**
 * The ENS registry's reads (ENSRegistry.sol, ensdomains/ens-contracts): who owns a name and which resolver
 * answers for it. Resolution itself goes through viem's getEnsAddress (the Universal Resolver); these two
 * tell an unknown name from a name that resolves to nothing.
 */
export const ensRegistryAbi = parseAbi([
  'function owner(bytes32 node) view returns (address)',
  'function resolver(bytes32 node) view returns (address)',
]);
