import { parseAbi } from 'viem';

/** Symbiotic vault: the staker's balances, the collateral, and the slash it reports (reference §2.2). */
export const symbioticVaultAbi = parseAbi([
  'function activeBalanceOf(address account) view returns (uint256)',
  'function slashableBalanceOf(address account) view returns (uint256)',
  'function collateral() view returns (address)',
  'event OnSlash(uint256 amount, uint48 captureTimestamp, uint256 slashedAmount)',
]);

/**
 * Symbiotic v1 vault: the modules it was created with and its size (symbioticfi/core v1.0.3
 * src/interfaces/vault/IVaultStorage.sol, IVault.sol). Read by the Symbiotic registry's smoke check.
 */
export const symbioticVaultModulesAbi = parseAbi([
  'function delegator() view returns (address)',
  'function slasher() view returns (address)',
  'function burner() view returns (address)',
  'function activeStake() view returns (uint256)',
  'function totalStake() view returns (uint256)',
  'function epochDuration() view returns (uint48)',
]);

/**
 * A Symbiotic delegator or slasher (v1.0.3 src/interfaces/common/IEntity.sol, delegator/IBaseDelegator.sol,
 * slasher/IBaseSlasher.sol): the factory type (delegator 0 = NetworkRestake, 1 = FullRestake,
 * 2 = OperatorSpecific, 3 = OperatorNetworkSpecific; slasher 0 = Slasher, 1 = VetoSlasher), the vault it
 * serves, and the per-subnetwork limit a network set (subnetwork = network << 96 | identifier, Subnetwork.sol).
 */
export const symbioticEntityAbi = parseAbi([
  'function TYPE() view returns (uint64)',
  'function FACTORY() view returns (address)',
  'function vault() view returns (address)',
]);

/**
 * BaseDelegator: the cap a network set for one of its subnetworks on this vault (v1.0.3 IBaseDelegator.sol), and
 * the limit the vault gives it (INetworkRestakeDelegator / IFullRestakeDelegator / IOperatorSpecificDelegator
 * `networkLimit`, v1.0.3): the network's stake in the vault is at most min(activeStake, networkLimit).
 */
export const symbioticDelegatorAbi = parseAbi([
  'function maxNetworkLimit(bytes32 subnetwork) view returns (uint256)',
  'function networkLimit(bytes32 subnetwork) view returns (uint256)',
]);

/**
 * A delegator's split of a subnetwork's stake by operator (symbioticfi/core src/contracts/delegator/BaseDelegator.sol,
 * NetworkRestakeDelegator.sol, FullRestakeDelegator.sol, OperatorSpecificDelegator.sol, commit 00510f1e; interfaces in
 * src/interfaces/delegator/): `stake` is the operator's stake by the delegator's own formula (0 unless opted in);
 * the events announce which operators a curator gave shares or limits to (no view lists them).
 */
export const symbioticOperatorStakeAbi = parseAbi([
  'function stake(bytes32 subnetwork, address operator) view returns (uint256)',
  'function operator() view returns (address)',
  'function operatorNetworkShares(bytes32 subnetwork, address operator) view returns (uint256)',
  'function totalOperatorNetworkShares(bytes32 subnetwork) view returns (uint256)',
  'function operatorNetworkLimit(bytes32 subnetwork, address operator) view returns (uint256)',
  'event SetOperatorNetworkShares(bytes32 indexed subnetwork, address indexed operator, uint256 shares)',
  'event SetOperatorNetworkLimit(bytes32 indexed subnetwork, address indexed operator, uint256 amount)',
]);

/** VetoSlasher: how long a requested slash can be vetoed (v1.0.3 src/interfaces/slasher/IVetoSlasher.sol). */
export const symbioticVetoSlasherAbi = parseAbi([
  'function vetoDuration() view returns (uint48)',
  'event RequestSlash(uint256 indexed slashIndex, bytes32 indexed subnetwork, address indexed operator, uint256 slashAmount, uint48 captureTimestamp, uint48 vetoDeadline)',
  'event ExecuteSlash(uint256 indexed slashIndex, uint256 slashedAmount)',
]);

/** Symbiotic registries and factories (VaultFactory, NetworkRegistry…): v1.0.3 src/interfaces/common/IRegistry.sol. */
export const symbioticRegistryAbi = parseAbi([
  'function isEntity(address account) view returns (bool)',
  'function totalEntities() view returns (uint256)',
]);
