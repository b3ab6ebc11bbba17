import { parseAbi } from 'viem';

/**
 * A Mellow LRT (steakLRT, Re7LRT, pzETH…) names the Symbiotic vault it deposits into in one of two shapes,
 * depending on which Mellow implementation sits behind the proxy:
 * - simple-lrt's MellowSymbioticVault / MellowVaultCompat: `symbioticVault()`
 *   (mellow-finance/simple-lrt src/interfaces/vaults/IMellowSymbioticVaultStorage.sol@a185256);
 * - the later MultiVault: `subvaultAt(i)` → (protocol, vault, withdrawalQueue), protocol 0 = SYMBIOTIC
 *   (simple-lrt src/interfaces/vaults/IMultiVaultStorage.sol@0cfbcd4; the migration acceptance test reads
 *   `subvaultAt(0).vault` as the Symbiotic vault, test/migration-acceptance/AcceptanceTestRunner.sol@0cfbcd4).
 * Both are ERC-4626 over wstETH: `asset()` comes from erc4626Abi.
 */
export const mellowSymbioticVaultAbi = parseAbi(['function symbioticVault() view returns (address)']);

export const mellowMultiVaultAbi = parseAbi([
  'function subvaultsCount() view returns (uint256)',
  'function subvaultAt(uint256 index) view returns ((uint8 protocol, address vault, address withdrawalQueue))',
]);

/** MultiVault's Protocol enum: the subvault kind whose `vault` is a Symbiotic vault. */
export const MELLOW_PROTOCOL_SYMBIOTIC = 0;
