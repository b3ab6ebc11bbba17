import type { Address } from 'viem';
import type { RestakingSymbol } from './types';

/**
 * Symbiotic on Ethereum mainnet (issue #15 item 1): the core contracts, the vaults behind the Mellow LRTs and
 * other large wstETH/LST vaults, the Mellow LRTs themselves with the Symbiotic vault each deposits into, and
 * the networks listed in Symbiotic's metadata. Pure data, not wired into the tracker or the UI yet.
 *
 * Every address carries `source`: the file in the protocol's own public repository that states it
 * (repository, path, commit read). `[3P]` marks a fact found only in a third party's repository; the smoke
 * step (`npm run smoke -- --rpc`, tests/smoke/check-symbiotic.ts) is what verifies those, and checks every
 * address here: code present, the vault views answer, each Mellow LRT's own view names the paired vault.
 * Delegator, slasher and burner are read from the vault on chain (`delegator()`, `slasher()`, `burner()`);
 * they are recorded here only where a source states them. Addresses are EIP-55 literals
 * (symbiotic-registry.test.ts checks each with viem's getAddress). What no source gave is in SYMBIOTIC_GAPS.
 */

// ——— Sources (repository/path@commit as read) ———

const CORE_CONSTANTS = 'github:symbioticfi/core/test/integration/SymbioticCoreConstants.sol@7cb0663 (tag v1.0.3, core(), chainid 1)';
const METADATA = 'github:symbioticfi/metadata-mainnet';
const METADATA_COMMIT = '06c88c1';
/** Symbiotic's own metadata repository: one folder per registered vault/network, named by its address. */
const metadata = (kind: 'vaults' | 'networks', folder: string, what: string): string =>
  `${METADATA}/${kind}/${folder}/info.json@${METADATA_COMMIT} (${what})`;
const MELLOW_COMPLETION = 'github:mellow-finance/simple-lrt/test/acceptance/CompletionMigrationTest.t.sol@23f4eb6 (VAULTS, CURATORS)';
const MELLOW_ROETH_MIGRATION = 'github:mellow-finance/simple-lrt/test/acceptance/MigrationAcceptanceTest.t.sol@a185256';
const MELLOW_LRT_VALIDATION =
  'github:mellow-finance/mellow-lrt/scripts/mainnet/OnchainValidationScript.sol@3c9bb06 (setups[0..3]) + scripts/mainnet/DeployConstants.sol@3c9bb06 (names, symbols)';
const INCEPTION_VAULTS = '[3P] github:inceptionlrt/smart-contracts/projects/vaults/test/data/vaults.ts@9f661b3 (symbiotic[], test data)';

/** A contract of Symbiotic's core (factories, registries, opt-in services). */
export interface SymbioticCoreContract {
  name: string;
  address: Address;
  source: string;
}

export type SymbioticCollateral = Extract<RestakingSymbol, 'wstETH' | 'cbETH' | 'rETH'>;

/** Delegator, slasher and burner as a source states them; the smoke check compares them with the vault's views. */
export interface RecordedModules {
  delegator: Address;
  slasher: Address;
  burner: Address;
  source: string;
}

export interface SymbioticVaultEntry {
  /** The vault's name in Symbiotic's metadata. */
  name: string;
  address: Address;
  /** The collateral a source names (the smoke check compares it with `collateral()`). */
  collateral: SymbioticCollateral;
  collateralSource: string;
  /** Who curates it, as the metadata tags say. */
  curator: string;
  /** The Mellow LRT that deposits into it, when one does (MELLOW_LRTS). */
  mellowLrt?: string;
  modules?: RecordedModules;
  source: string;
}

/** Which view on the Mellow vault names its Symbiotic vault (lib/chain/abis/mellow.ts). */
export type MellowLookThrough = 'symbioticVault()' | 'subvaultAt(i).vault';

export interface MellowLrt {
  symbol: string;
  /**
   * A label: the token name in Mellow's deploy constants (mellow-finance/mellow-lrt scripts/mainnet/DeployConstants.sol,
   * across its history) where found, else the Symbiotic vault's metadata name (isETH). The smoke check compares `symbol()`.
   */
  name: string;
  /** The LRT token and its vault: one contract (ERC-4626 over wstETH, behind a proxy). */
  address: Address;
  asset: 'wstETH';
  /** The Symbiotic vault it deposits into; the smoke check reads the LRT's own view and compares. */
  symbioticVault: Address;
  /** Why these two belong together: a Mellow file that pairs them, or the metadata link to the LRT's page. */
  pairing: string;
  source: string;
}

export interface SymbioticNetwork {
  name: string;
  address: Address;
  source: string;
}

export const SYMBIOTIC_CORE: readonly SymbioticCoreContract[] = [
  { name: 'VaultFactory', address: '0xAEb6bdd95c502390db8f52c8909F703E9Af6a346', source: CORE_CONSTANTS },
  { name: 'DelegatorFactory', address: '0x985Ed57AF9D475f1d83c1c1c8826A0E5A34E8C7B', source: CORE_CONSTANTS },
  { name: 'SlasherFactory', address: '0x685c2eD7D59814d2a597409058Ee7a92F21e48Fd', source: CORE_CONSTANTS },
  { name: 'NetworkRegistry', address: '0xC773b1011461e7314CF05f97d95aa8e92C1Fd8aA', source: CORE_CONSTANTS },
  { name: 'NetworkMiddlewareService', address: '0xD7dC9B366c027743D90761F71858BCa83C6899Ad', source: CORE_CONSTANTS },
  { name: 'OperatorRegistry', address: '0xAd817a6Bc954F678451A71363f04150FDD81Af9F', source: CORE_CONSTANTS },
  { name: 'OperatorVaultOptInService', address: '0xb361894bC06cbBA7Ea8098BF0e32EB1906A5F891', source: CORE_CONSTANTS },
  { name: 'OperatorNetworkOptInService', address: '0x7133415b33B438843D581013f98A08704316633c', source: CORE_CONSTANTS },
];

export const SYMBIOTIC_VAULT_FACTORY = SYMBIOTIC_CORE[0]!.address;
export const SYMBIOTIC_DELEGATOR_FACTORY = SYMBIOTIC_CORE[1]!.address;
export const SYMBIOTIC_SLASHER_FACTORY = SYMBIOTIC_CORE[2]!.address;
export const SYMBIOTIC_NETWORK_REGISTRY = SYMBIOTIC_CORE[3]!.address;

/** Mellow deployed every ETH LRT's Symbiotic vault with wstETH collateral and requires collateral() == asset(). */
const MELLOW_COLLATERAL =
  'github:mellow-finance/simple-lrt/scripts/mainnet/MigrationContracts.s.sol@a185256 (collateral: WSTETH); CompletionMigrationTest.t.sol@23f4eb6 (symbioticVault.collateral() == vault.asset() == WSTETH)';

const mellowVault = (name: string, address: Address, curator: string, mellowLrt: string, slug: string): SymbioticVaultEntry => ({
  name,
  address,
  collateral: 'wstETH',
  collateralSource: MELLOW_COLLATERAL,
  curator,
  mellowLrt,
  source: metadata('vaults', address, `"${name}", Deposit link ${slug}`),
});

const otherVault = (
  name: string,
  folder: string,
  address: Address,
  collateral: SymbioticCollateral,
  curator: string,
  modules?: RecordedModules,
): SymbioticVaultEntry => ({
  name,
  address,
  collateral,
  collateralSource: metadata('vaults', folder, `name "${name}"`),
  curator,
  ...(modules ? { modules } : {}),
  source: metadata('vaults', folder, `"${name}"`),
});

/**
 * The Symbiotic vaults: first the twelve behind Mellow's ETH LRTs, then large wstETH/LST vaults run by
 * curators (Gauntlet, ether.fi, MEV Capital, Ryabina). Which are the largest by stake is measured, not
 * sourced: the smoke check reads `activeStake()` of each and prints them ranked.
 */
export const SYMBIOTIC_VAULTS_MAINNET: readonly SymbioticVaultEntry[] = [
  mellowVault('Rockmelon ETH', '0x575d6DD4EA8636E08952Bd7f8AF977081754B1B7', 'RockX', 'roETH', 'app.mellow.finance/vaults/ethereum-roeth'),
  mellowVault(
    'Steakhouse Resteaking Vault',
    '0xf7Ce770AbdD1895f2CB0989D7cf2A26705FF37a7',
    'Steakhouse',
    'steakLRT',
    'app.mellow.finance/vaults/ethereum-steaklrt',
  ),
  mellowVault(
    'Re7 Labs LRT Vault',
    '0x3D93b33f5E5fe74D54676720e70EA35210cdD46E',
    'Re7 Labs',
    'Re7LRT',
    'app.mellow.finance/vaults/ethereum-re7lrt',
  ),
  mellowVault(
    'MEV Capital restaked ETH',
    '0x446970400e1787814CA050A4b45AE9d21B3f7EA7',
    'MEV Capital',
    'amphrETH',
    'app.mellow.finance/vaults/ethereum-amphreth',
  ),
  mellowVault(
    'Renzo Restaked LST',
    '0xa88e91cEF50b792f9449e2D4C699b6B3CcE1D19F',
    'Renzo',
    'pzETH',
    'app.mellow.finance/vaults/ethereum-pzeth',
  ),
  mellowVault(
    'Restaking Vault ETH [all Networks]',
    '0x7b276aAD6D2ebfD7e270C5a2697ac79182D9550E',
    'P2P.org, Re7 Labs',
    'rstETH',
    'app.mellow.finance/partners/p2p/vaults/ethereum-rsteth',
  ),
  mellowVault(
    'ETH Restaking Pro',
    '0x7154633EdA7569021e5b1cfCbf953715F8775CA8',
    'Chorus One',
    'coETH',
    'app.mellow.finance/vaults/ethereum-coeth',
  ),
  mellowVault(
    'HashKey Cloud Restaked ETH',
    '0x108784D6B93A010f62b652b2356697dAEF3D7341',
    'HashKey Cloud',
    'hcETH',
    'app.mellow.finance/vaults/ethereum-hceth',
  ),
  mellowVault(
    'InfStones Restaked ETH',
    '0x08144D10f6Aaa152EA88a99072a659E339d6152f',
    'InfStones',
    'ifsETH',
    'app.mellow.finance/vaults/ethereum-ifseth',
  ),
  mellowVault(
    'Luganodes Restaked ETH',
    '0x48bef6aB76E31737d94cF7b3B1dba52EDDEe1cAd',
    'Luganodes',
    'LugaETH',
    'app.stage.mellow.finance/vaults/ethereum-lugaeth',
  ),
  mellowVault(
    'Unified Restaked LST',
    '0xf890434A395e3978622Ac0ae1412934bEfeB09Ff',
    'Quasar',
    'urLRT',
    'app.mellow.finance/vaults/ethereum-urlrt',
  ),
  mellowVault(
    'InfraSingularity Restaked ETH',
    '0xbA91473072EBD125C3cB8D251fd02bf21FDea8Df',
    'InfraSingularity',
    'isETH',
    'app.mellow.finance/vaults/ethereum-iseth',
  ),
  otherVault(
    'Gauntlet Restaked wstETH',
    '0xc10A7f0AC6E3944F4860eE97a937C51572e3a1Da',
    '0xc10A7f0AC6E3944F4860eE97a937C51572e3a1Da',
    'wstETH',
    'Gauntlet',
    {
      delegator: '0x1f16782a9b75FfFAD87e7936791C672bdDBCb8Ec',
      slasher: '0x541c86eb2C5e7F3E0C04eF82aeb68EA6A86409ef',
      burner: '0xDB0737bd7eBEA50135e4c8af56900b029b858371',
      source: `${INCEPTION_VAULTS} "Gauntlet Restaked wstETH"`,
    },
  ),
  otherVault(
    'Ether.fi - wstETH',
    '0x450a90fdEa8B87a6448Ca1C87c88Ff65676aC45b',
    '0x450a90fdEa8B87a6448Ca1C87c88Ff65676aC45b',
    'wstETH',
    'ether.fi',
  ),
  otherVault(
    'MEV Capital wstETH Vault',
    '0x4e0554959A631B3D3938ffC158e0a7b2124aF9c5',
    '0x4e0554959A631B3D3938ffC158e0a7b2124aF9c5',
    'wstETH',
    'MEV Capital',
  ),
  otherVault(
    'Ryabina wstETH',
    '0x93b96d7cde40dc340ca55001f46b3b8e41bc89b4',
    '0x93b96D7cDe40DC340CA55001F46B3B8E41bC89B4',
    'wstETH',
    'Ryabina',
    {
      delegator: '0x742DD9676086579994E9a3DD536C9CCc0Cc6e78D',
      slasher: '0xCCA42120Dc4fc945F2fBd227d7D9EA5963bba490',
      burner: '0x80918bcD2d1e343ed46E201CD09238149dB5A5bF',
      source: `${INCEPTION_VAULTS} "Ryabina wstETH"`,
    },
  ),
  otherVault(
    'Gauntlet Restaked cbETH',
    '0xB8Fd82169a574eB97251bF43e443310D33FF056C',
    '0xB8Fd82169a574eB97251bF43e443310D33FF056C',
    'cbETH',
    'Gauntlet',
  ),
  otherVault(
    'Gauntlet Restaked rETH',
    '0xaF07131C497E06361dc2F75de63dc1d3e113f7cb',
    '0xaF07131C497E06361dc2F75de63dc1d3e113f7cb',
    'rETH',
    'Gauntlet',
  ),
];

const mellowLrt = (
  symbol: string,
  name: string,
  address: Address,
  symbioticVault: Address,
  pairing: string,
  source = MELLOW_COMPLETION,
): MellowLrt => ({
  symbol,
  name,
  address,
  asset: 'wstETH',
  symbioticVault,
  pairing,
  source: `${source} (${symbol})`,
});

const byMetadataLink = (folder: string, slug: string): string =>
  `${metadata('vaults', folder, `Deposit link app.mellow.finance/…/${slug}`)}: the Symbiotic vault's metadata links this LRT's Mellow page`;

/**
 * Mellow's ETH LRTs (all wstETH, all on Symbiotic). Addresses and symbols from Mellow's own repositories;
 * the Symbiotic vault of roETH is named in Mellow's migration test, the others are paired through the
 * Symbiotic metadata's link to the LRT's app.mellow.finance page — the smoke check reads the pairing from
 * the LRT itself (`symbioticVault()` or `subvaultAt(i).vault`).
 */
export const MELLOW_LRTS: readonly MellowLrt[] = [
  mellowLrt(
    'roETH',
    'Rockmelon ETH',
    '0x7b31F008c48EFb65da78eA0f255EE424af855249',
    '0x575d6DD4EA8636E08952Bd7f8AF977081754B1B7',
    `${MELLOW_ROETH_MIGRATION} (vault, symbioticVault, ROETH_SYMBOL); ${byMetadataLink('0x575d6DD4EA8636E08952Bd7f8AF977081754B1B7', 'ethereum-roeth')}`,
  ),
  mellowLrt(
    'steakLRT',
    'Steakhouse Resteaking Vault',
    '0xBEEF69Ac7870777598A04B2bd4771c71212E6aBc',
    '0xf7Ce770AbdD1895f2CB0989D7cf2A26705FF37a7',
    byMetadataLink('0xf7Ce770AbdD1895f2CB0989D7cf2A26705FF37a7', 'ethereum-steaklrt'),
    `${MELLOW_LRT_VALIDATION}; ${MELLOW_COMPLETION}`,
  ),
  mellowLrt(
    'Re7LRT',
    'Re7 Labs LRT',
    '0x84631c0d0081FDe56DeB72F6DE77abBbF6A9f93a',
    '0x3D93b33f5E5fe74D54676720e70EA35210cdD46E',
    byMetadataLink('0x3D93b33f5E5fe74D54676720e70EA35210cdD46E', 'ethereum-re7lrt'),
    `${MELLOW_LRT_VALIDATION}; ${MELLOW_COMPLETION}`,
  ),
  mellowLrt(
    'amphrETH',
    'Amphor Restaked ETH',
    '0x5fD13359Ba15A84B76f7F87568309040176167cd',
    '0x446970400e1787814CA050A4b45AE9d21B3f7EA7',
    byMetadataLink('0x446970400e1787814CA050A4b45AE9d21B3f7EA7', 'ethereum-amphreth'),
    `${MELLOW_LRT_VALIDATION}; ${MELLOW_COMPLETION}`,
  ),
  mellowLrt(
    'pzETH',
    'Renzo Restaked LST',
    '0x8c9532a60E0E7C6BbD2B2c1303F63aCE1c3E9811',
    '0xa88e91cEF50b792f9449e2D4C699b6B3CcE1D19F',
    byMetadataLink('0xa88e91cEF50b792f9449e2D4C699b6B3CcE1D19F', 'ethereum-pzeth'),
  ),
  mellowLrt(
    'rstETH',
    'Restaking Vault ETH',
    '0x7a4EffD87C2f3C55CA251080b1343b605f327E3a',
    '0x7b276aAD6D2ebfD7e270C5a2697ac79182D9550E',
    byMetadataLink('0x7b276aAD6D2ebfD7e270C5a2697ac79182D9550E', 'ethereum-rsteth'),
    `${MELLOW_LRT_VALIDATION}; ${MELLOW_COMPLETION}`,
  ),
  mellowLrt(
    'coETH',
    'Chorus One Restaking Vault ETH',
    '0xd6E09a5e6D719d1c881579C9C8670a210437931b',
    '0x7154633EdA7569021e5b1cfCbf953715F8775CA8',
    byMetadataLink('0x7154633EdA7569021e5b1cfCbf953715F8775CA8', 'ethereum-coeth'),
  ),
  mellowLrt(
    'hcETH',
    'HashKey Cloud Restaked ETH',
    '0x375A8eE22280076610cA2B4348d37cB1bEEBeba0',
    '0x108784D6B93A010f62b652b2356697dAEF3D7341',
    byMetadataLink('0x108784D6B93A010f62b652b2356697dAEF3D7341', 'ethereum-hceth'),
  ),
  mellowLrt(
    'ifsETH',
    'InfStones Restaked ETH',
    '0x49cd586dd9BA227Be9654C735A659a1dB08232a9',
    '0x08144D10f6Aaa152EA88a99072a659E339d6152f',
    byMetadataLink('0x08144D10f6Aaa152EA88a99072a659E339d6152f', 'ethereum-ifseth'),
  ),
  mellowLrt(
    'LugaETH',
    'LugaETH',
    '0x82dc3260f599f4fC4307209A1122B6eAa007163b',
    '0x48bef6aB76E31737d94cF7b3B1dba52EDDEe1cAd',
    byMetadataLink('0x48bef6aB76E31737d94cF7b3B1dba52EDDEe1cAd', 'ethereum-lugaeth'),
  ),
  mellowLrt(
    'urLRT',
    'unified restaked LRT',
    '0x4f3Cc6359364004b245ad5bE36E6ad4e805dC961',
    '0xf890434A395e3978622Ac0ae1412934bEfeB09Ff',
    byMetadataLink('0xf890434A395e3978622Ac0ae1412934bEfeB09Ff', 'ethereum-urlrt'),
  ),
  mellowLrt(
    'isETH',
    'InfraSingularity Restaked ETH',
    '0xcC36e5272c422BEE9A8144cD2493Ac472082eBaD',
    '0xbA91473072EBD125C3cB8D251fd02bf21FDea8Df',
    byMetadataLink('0xbA91473072EBD125C3cB8D251fd02bf21FDea8Df', 'ethereum-iseth'),
  ),
];

const net = (name: string, address: Address, folder: string = address): SymbioticNetwork => ({
  name,
  address,
  source: metadata('networks', folder, `"${name}"`),
});

/**
 * The networks with metadata in Symbiotic's repository. Which of them a vault serves is read on chain: the
 * smoke check asks each vault's delegator for `maxNetworkLimit(network << 96 | 0)`.
 */
export const SYMBIOTIC_NETWORKS: readonly SymbioticNetwork[] = [
  net('zkLink', '0x213F448e7a1C8DAEDe41cf94883Cc6149244d00F'),
  net('Spark', '0x3300f198988e4C9C63F75dF86De36421f06af8c4'),
  net('Kalypso', '0x3a7B173124DcFeCff1847FF7f8f56e72ABE02340'),
  net('Human Network', '0x42F15F9E4dF4994317453477e80e24797CC1A929'),
  net('Symbiosis', '0x5112EbA9bc2468Bb5134CBfbEAb9334EdaE7106a'),
  net('Hyperlane', '0x59cf937Ea9FA9D7398223E3aA33d92F7f5f986A2', '0x59cf937ea9fa9d7398223e3aa33d92f7f5f986a2'),
  net('Cycle Network', '0x759D4335cb712aa188935C2bD3Aa6D205aC61305'),
  net('Lombard CCIP Network', '0x769f653c1CD9f2abcBACBfeAaE5C9D8Dc2033Fef'),
  net('K3', '0x83742C346E9f305dcA94e20915aB49A483d33f3E'),
  net('Ditto Network', '0x8560C667Ae72F28D09465B342A480daB28821f6b'),
  net('Tanssi Network', '0x8c1a46D032B7b30D9AB4F30e51D8139CC3E85Ce3'),
  net('Mev-commit', '0x9101eda106A443A0fA82375936D0D1680D5a64F5'),
  net('Cap', '0x98e52Ea7578F2088c152E81b17A9a459bF089f2a'),
  net('Capx Cloud', '0xAD12e74847d6D1487A6a3A6b75D1f509f3F627e8'),
  net('Manta Network', '0xF2ce321092Ce5091DE55b94084C355852C0066e0'),
  net('Nexus Mutual Network', '0xF99aA6479Eb153dcA93fd243A06caCD11f3268f9'),
  net('Yodl', '0xcFbAfe0b90c3619FdD9defE8D9456CD8718560AB'),
  net('0G', '0xd5AB0eD30D65f01EC6d6A4BaCA6E466F395334b6'),
  net('Hyve', '0xE3a148b25Cca54ECCBD3A4aB01e235D154f03eFa', '0xe3a148b25cca54eccbd3a4ab01e235d154f03efa'),
  net('Solv CCIP Network', '0xf02D5A6aDEC0286be3e13886C9C2e782679B6c39'),
  net('Radius', '0xfCa0128A19A5c06b0148c27ee7623417a11BaAbd'),
];

/** What was asked for and not found in any source, with where it was looked for. */
export const SYMBIOTIC_GAPS: readonly string[] = [
  'Ranking by stake: no repository states stake; the smoke check reads activeStake() of every listed vault and prints them largest first. Vaults outside this list (159 folders in symbioticfi/metadata-mainnet vaults/, many non-ETH) are not ranked.',
  'Delegator, slasher and burner addresses: Symbiotic and Mellow create them at deploy time (VaultConfigurator.create returns them; simple-lrt scripts/mainnet/MigrationContracts.s.sol only logs them), so no own source lists them. Read on chain with Vault.delegator()/slasher()/burner(); the two recorded (Gauntlet, Ryabina) are third-party test data [3P].',
  'Networks per vault: no source maps vaults to networks; the metadata lists networks alone. The smoke check probes maxNetworkLimit for subnetwork identifier 0 only; a network that uses another identifier is not seen.',
  "Mellow MultiVault LRTs 0xB908c9FE885369643adB5FBA4407d52bD726c72d and 0x24183535a24CF0272841B05047A26e200fFAB696 appear in simple-lrt test/migration-acceptance/Test.t.sol@0cfbcd4 without a name or symbol; left out. Mellow's non-ETH LRTs (rsUSDe, rsENA, Re7rwBTC, amphrBTC, Re7rtBTC) and DVstETH (CompletionMigrationTest.t.sol@23f4eb6) are out of scope (not ETH restaking on wstETH, or not on Symbiotic).",
  "The metadata's `legacy` entries (e.g. wstETH 0xC329400492c6ff2438472D4651Ad17389fCb843a) are Symbiotic's pre-vault DefaultCollateral tokens, not vaults; left out.",
  'Which Mellow implementation each LRT runs now (MellowVaultCompat with symbioticVault() or MultiVault with subvaultAt()) is not stated per LRT: simple-lrt test/migration-acceptance (Jul 2025) migrates them to MultiVault. The smoke check tries both views and reports which answered.',
];
