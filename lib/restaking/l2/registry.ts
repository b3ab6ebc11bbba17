import type { Address } from 'viem';

/**
 * The L2s where restaked tokens live (issue #18, item 2): per chain, the bridged LST/LRT token, the rate source
 * that mirrors the L1 rate there, and what holds the backing on Ethereum. Pure data, not wired into the tracker,
 * the networks or the UI yet.
 *
 * Every address carries `source`: a file in the public repository that states it (repository, path, and the
 * commit read), or a docs page. Addresses are stored exactly as EIP-55 checksummed literals; registry.test.ts
 * checks each with viem's getAddress. Where no public source was found the entry is left out and `missing` on the
 * chain says what was searched. Nothing here was read from a chain: the smoke step (`npm run smoke -- --rpc`) is
 * what will confirm code, decimals and rates per chain.
 */

export type L2ChainId = 42161 | 8453 | 10 | 59144;

/** The ABI (a name exported by lib/chain/abis) and the function to call on a rate source. */
export type RateAbiName = 'chainlinkAggregatorAbi' | 'rateProviderAbi';
export type RateFunctionName = 'latestRoundData' | 'getRate';

export interface RateSource {
  address: Address;
  /** Who runs it: Chainlink's exchange-rate feed, Lido's own L2 oracle, Kelp's LayerZero rate receiver. */
  kind: 'chainlink-exchange-rate' | 'lido-token-rate-oracle' | 'kelp-rate-receiver';
  abiName: RateAbiName;
  functionName: RateFunctionName;
  /** What the call returns and in which unit. */
  returns: string;
  source: string;
}

export type BackingKind = 'lido-l1-bridge' | 'canonical-bridge' | 'oft-adapter' | 'lockbox' | 'native-minting-vault';

/** The Ethereum contract that holds the L1 tokens (or ETH) behind the L2 supply. */
export interface Backing {
  chain: 1;
  holder: Address;
  kind: BackingKind;
  description: string;
  source: string;
}

/** A fact that could not be sourced: what was looked for and where. */
export interface Missing {
  missing: string;
}

export type L2TokenSymbol = 'wstETH' | 'weETH' | 'ezETH' | 'rsETH' | 'wrsETH' | 'rETH' | 'cbETH';

export interface L2Token {
  symbol: L2TokenSymbol;
  /** The L1 token this one represents (wrsETH wraps bridged rsETH 1:1). */
  l1Symbol: 'wstETH' | 'weETH' | 'ezETH' | 'rsETH' | 'rETH' | 'cbETH';
  protocol: 'lido' | 'etherfi' | 'renzo' | 'kelp' | 'rocketpool' | 'coinbase';
  address: Address;
  decimals: number;
  /** How the token reaches this chain. */
  bridge: string;
  rateSource: RateSource;
  /** Other sources of the same rate on this chain (e.g. the protocol's own receiver, which also keeps lastUpdated). */
  altRateSources?: readonly RateSource[];
  backing: Backing | Missing;
  /** Further L1 holders (e.g. the vault that collects ETH minted into the token natively on the L2). */
  otherBacking?: readonly Backing[];
  source: string;
}

export interface AaveV3Deployment {
  pool: Address;
  poolAddressesProvider: Address;
  source: string;
}

export interface L2Chain {
  chainId: L2ChainId;
  name: string;
  explorer: string;
  nativeSymbol: 'ETH';
  multicall3: { address: Address; blockCreated: number; source: string };
  ethUsdFeed: { address: Address; abiName: 'chainlinkAggregatorAbi'; functionName: 'latestRoundData'; source: string };
  aaveV3?: AaveV3Deployment;
  tokens: readonly L2Token[];
  /** Tokens or facts asked for on this chain that no public source gave. */
  missing: readonly string[];
}

// ——— Sources (repository/path@commit as read; docs pages by URL) ———

const LIDO_DOCS = 'github:lidofinance/docs/docs/deployed-contracts/index.md@35624e4 (docs.lido.fi/deployed-contracts)';
const lidoDocs = (section: string): string => `${LIDO_DOCS}, ${section}`;
const LIDO_RATE_FEEDS = lidoDocs('"Multichain wstETH/stETH rate feeds"');
const aaveBook = (file: string, constant: string): string => `github:bgd-labs/aave-address-book/src/${file}@f61c976 (${constant})`;
const aaveTokenList = (chainId: number, symbol: string): string =>
  `github:bgd-labs/aave-address-book/tokenlist.json@f61c976 (chainId ${chainId}, ${symbol}, decimals)`;
const aaveCapo = (file: string, constant: string): string => `github:bgd-labs/aave-capo/scripts/${file}@2c280ef (${constant})`;
const KELP_README = 'github:Kelp-DAO/LRT-rsETH/README.md@c289b81';
const kelp = (section: string): string => `${KELP_README}, ${section}`;
const KELP_RECEIVER_CODE = 'github:Kelp-DAO/LRT-rsETH/contracts/cross-chain/CrossChainRateReceiver.sol@c289b81 (getRate, lastUpdated)';
const ETHERFI_L2_CONSTANTS = 'github:etherfi-protocol/weETH-cross-chain/utils/L2Constants.sol@29ea6b7';
const ETHERFI_README = 'github:etherfi-protocol/weETH-cross-chain/README.md@29ea6b7 (L2_OFT)';
const ETHERFI_ADAPTER = `${ETHERFI_L2_CONSTANTS} (L1_OFT_ADAPTER); github:etherfi-protocol/smart-contracts/script/deploys/Deployed.s.sol@b4a0968 (ETHERFI_OFT_ADAPTER)`;
const RENZO_HYPERLANE =
  'github:hyperlane-xyz/hyperlane-monorepo/typescript/infra/config/environments/mainnet3/warp/configGetters/getRenzoEZETHWarpConfig.ts@b2a8400';
const RENZO_LOCKBOX = `${RENZO_HYPERLANE} (ezEthProductionLockbox, lockboxChain 'ethereum')`;
const ROCKET_DOCS =
  'github:rocket-pool/docs.rocketpool.net/docs/en/protocol/contracts-integrations.md@133063e (docs.rocketpool.net/protocol/contracts-integrations)';
const viemChain = (file: string): string =>
  `github:wevm/viem/src/chains/definitions/${file}.ts (viem 2.57.20 as installed: blockExplorers, contracts.multicall3)`;

const CHAINLINK_RATE_RETURNS =
  'latestRoundData() → answer (int256): the L1 exchange rate as last pushed to this chain, scaled by decimals(); updatedAt is when it landed';

const chainlinkRate = (address: Address, what: string, source: string): RateSource => ({
  address,
  kind: 'chainlink-exchange-rate',
  abiName: 'chainlinkAggregatorAbi',
  functionName: 'latestRoundData',
  returns: `${what}: ${CHAINLINK_RATE_RETURNS}`,
  source,
});

const kelpReceiver = (address: Address, chain: string): RateSource => ({
  address,
  kind: 'kelp-rate-receiver',
  abiName: 'rateProviderAbi',
  functionName: 'getRate',
  returns:
    'getRate() → uint256: ETH per rsETH (1e18) as last received over LayerZero from RSETHMultiChainRateProvider on Ethereum; lastUpdated() is its timestamp',
  source: `${kelp(`"RSETH Price/Rate Providers" › ${chain} (RSETHRateReceiver)`)}; ${KELP_RECEIVER_CODE}`,
});

// ——— Shared L1 holders ———

const ETHERFI_OFT_ADAPTER: Backing = {
  chain: 1,
  holder: '0xcd2eb13D6831d4602D80E5db9230A57596CDCA63',
  kind: 'oft-adapter',
  description: "ether.fi's LayerZero OFT adapter on Ethereum: locks weETH for every weETH OFT minted on an L2",
  source: ETHERFI_ADAPTER,
};

const RENZO_EZETH_LOCKBOX: Backing = {
  chain: 1,
  holder: '0xC8140dA31E6bCa19b287cC35531c2212763C2059',
  kind: 'lockbox',
  description: "Renzo's xERC20 lockbox on Ethereum: holds the ezETH behind every bridged (x)ezETH (Hyperlane warp route)",
  source: RENZO_LOCKBOX,
};

const KELP_RSETH_OFT_ADAPTER: Backing = {
  chain: 1,
  holder: '0x85d456B2DfF1fd8245387C0BfB64Dfb700e98Ef3',
  kind: 'oft-adapter',
  description: "Kelp's RSETH_OFTAdapter on Ethereum: locks rsETH for every LayerZero rsETH OFT on an L2",
  source: kelp('"ETH Mainnet" (RSETH_OFTAdapter)'),
};

const kelpVault = (holder: Address, chain: string): Backing => ({
  chain: 1,
  holder,
  kind: 'native-minting-vault',
  description: `Kelp's L1VaultETH for ${chain}: receives the ETH deposited on the L2 to mint rsETH natively there`,
  source: kelp(`"ETH Mainnet" (L1VaultETH (${chain}))`),
});

const RETH_BACKING_MISSING: Missing = {
  missing:
    "Which L1 contract holds the rETH behind this bridged rETH: Rocket Pool's contracts-integrations page lists the L2 token but not its bridge; not found in rocket-pool docs, aave-address-book or the reference.",
};

// ——— Arbitrum One ———

const ARBITRUM: L2Chain = {
  chainId: 42161,
  name: 'Arbitrum One',
  explorer: 'https://arbiscan.io',
  nativeSymbol: 'ETH',
  multicall3: { address: '0xcA11bde05977b3631167028862bE2a173976CA11', blockCreated: 7654707, source: viemChain('arbitrum') },
  ethUsdFeed: {
    address: '0x639Fe6ab55C921f74e7fac1ee960C0B6293ba612',
    abiName: 'chainlinkAggregatorAbi',
    functionName: 'latestRoundData',
    source: aaveBook('ChainlinkArbitrum.sol', 'ETH__USD'),
  },
  aaveV3: {
    pool: '0x794a61358D6845594F94dc1DB02A252b5b4814aD',
    poolAddressesProvider: '0xa97684ead0e402dC232d5A977953DF7ECBaB3CDb',
    source: aaveBook('AaveV3Arbitrum.sol', 'POOL, POOL_ADDRESSES_PROVIDER'),
  },
  tokens: [
    {
      symbol: 'wstETH',
      l1Symbol: 'wstETH',
      protocol: 'lido',
      address: '0x5979D7b546E38E414F7E9822514be443A4800529',
      decimals: 18,
      bridge: "Lido's custom Arbitrum gateway (L1ERC20TokenGateway ↔ L2ERC20TokenGateway)",
      rateSource: chainlinkRate(
        '0xB1552C5e96B312d0Bf8b554186F846C40614a540',
        'stETH per wstETH',
        `${LIDO_RATE_FEEDS} (Arbitrum); ${aaveBook('ChainlinkArbitrum.sol', 'wstETH_stETH_Exchange_Rate')}`,
      ),
      backing: {
        chain: 1,
        holder: '0x0F25c1DC2a9922304f2eac71DCa9B07E310e8E5a',
        kind: 'lido-l1-bridge',
        description: "Lido's L1ERC20TokenGateway for Arbitrum (proxy): escrows the wstETH bridged to Arbitrum",
        source: lidoDocs('"Lido Multichain › Arbitrum › Ethereum part" (L1ERC20TokenGateway)'),
      },
      source: `${lidoDocs('"Lido Multichain › Arbitrum part" (WstETH ERC20Bridged)')}; ${aaveTokenList(42161, 'wstETH')}`,
    },
    {
      symbol: 'weETH',
      l1Symbol: 'weETH',
      protocol: 'etherfi',
      address: '0x35751007a407ca6FEFfE80b3cB397736D2cf4dbe',
      decimals: 18,
      bridge: 'not stated by ether.fi for Arbitrum (its weETH-cross-chain lists do not include Arbitrum)',
      rateSource: chainlinkRate(
        '0x20bAe7e1De9c596f5F7615aeaa1342Ba99294e12',
        'eETH (≙ ETH) per weETH',
        `${aaveCapo('DeployArbitrum.s.sol', 'weETH_eETH_AGGREGATOR')}; ${aaveBook('ChainlinkArbitrum.sol', 'weETH__eETH_Exchange_Rate')}`,
      ),
      backing: {
        missing:
          "L1 holder of Arbitrum weETH: ether.fi's weETH-cross-chain README and utils/L2Constants.sol list no Arbitrum OFT, so the L1 OFT adapter cannot be assumed; no other ether.fi source found.",
      },
      source: `${aaveBook('AaveV3Arbitrum.sol', 'weETH_UNDERLYING')}; ${aaveTokenList(42161, 'weETH')}`,
    },
    {
      symbol: 'ezETH',
      l1Symbol: 'ezETH',
      protocol: 'renzo',
      address: '0x2416092f143378750bb29b79eD961ab195CcEea5',
      decimals: 18,
      bridge: 'xERC20 (Hyperlane warp route from the Ethereum lockbox)',
      rateSource: chainlinkRate(
        '0x989a480b6054389075CBCdC385C18CfB6FC08186',
        'ETH per ezETH',
        `${aaveCapo('DeployArbitrum.s.sol', 'ezETH_ETH_AGGREGATOR')}; ${aaveBook('ChainlinkArbitrum.sol', 'ezETH__ETH_Exchange_Rate')}`,
      ),
      backing: RENZO_EZETH_LOCKBOX,
      source: `${RENZO_HYPERLANE} (ezEthAddresses.arbitrum); ${aaveBook('AaveV3Arbitrum.sol', 'ezETH_UNDERLYING')}`,
    },
    {
      symbol: 'rsETH',
      l1Symbol: 'rsETH',
      protocol: 'kelp',
      address: '0x4186BFC76E2E237523CBC30FD220FE055156b41F',
      decimals: 18,
      bridge: 'LayerZero OFT (RSETH_OFT)',
      rateSource: chainlinkRate(
        '0x3A917e6B5732dFCc4A45257e3930979fAE6a3737',
        'ETH per rsETH',
        `${aaveCapo('DeployArbitrum.s.sol', 'rsETH_ETH_AGGREGATOR')}; ${aaveBook('ChainlinkArbitrum.sol', 'rsETH__ETH_Exchange_Rate')}`,
      ),
      altRateSources: [kelpReceiver('0x3222d3De5A9a3aB884751828903044CC4ADC627e', 'Arbitrum')],
      backing: KELP_RSETH_OFT_ADAPTER,
      otherBacking: [kelpVault('0x4B7b39793a84AB6EccdA80795733480E7d046bE8', 'Arbitrum')],
      source: `${kelp('"Bridged RSETH › LayerZero RSETH_OFT" (Arbitrum)')}; ${aaveBook('AaveV3Arbitrum.sol', 'rsETH_UNDERLYING')}`,
    },
    {
      symbol: 'rETH',
      l1Symbol: 'rETH',
      protocol: 'rocketpool',
      address: '0xEC70Dcb4A1EFa46b8F2D97C310C9c4790ba5ffA8',
      decimals: 18,
      bridge: 'not stated by Rocket Pool',
      rateSource: chainlinkRate(
        '0xF3272CAfe65b190e76caAF483db13424a3e23dD2',
        'ETH per rETH',
        aaveBook('ChainlinkArbitrum.sol', 'rETH_ETH_Exchange_Rate'),
      ),
      backing: RETH_BACKING_MISSING,
      source: `${ROCKET_DOCS} (Arbitrum rETH); ${aaveTokenList(42161, 'rETH')}`,
    },
  ],
  missing: [
    'cbETH on Arbitrum: ChainlinkArbitrum.sol has a cbETH/ETH exchange-rate feed, but no public source found for the token address (not an Aave v3 Arbitrum reserve; not in the reference).',
    'Kelp\'s CCIP rsETH on Arbitrum (Kelp README, "CCIP (Chainlink) RSETH") left out: a second rsETH representation whose L1 pool is not listed.',
  ],
};

// ——— Base ———

const BASE: L2Chain = {
  chainId: 8453,
  name: 'Base',
  explorer: 'https://basescan.org',
  nativeSymbol: 'ETH',
  multicall3: { address: '0xcA11bde05977b3631167028862bE2a173976CA11', blockCreated: 5022, source: viemChain('base') },
  ethUsdFeed: {
    address: '0x71041dddad3595F9CEd3DcCFBe3D1F4b0a16Bb70',
    abiName: 'chainlinkAggregatorAbi',
    functionName: 'latestRoundData',
    source: aaveBook('ChainlinkBase.sol', 'ETH__USD'),
  },
  aaveV3: {
    pool: '0xA238Dd80C259a72e81d7e4664a9801593F98d1c5',
    poolAddressesProvider: '0xe20fCBdBfFC4Dd138cE8b2E6FBb6CB49777ad64D',
    source: aaveBook('AaveV3Base.sol', 'POOL, POOL_ADDRESSES_PROVIDER'),
  },
  tokens: [
    {
      symbol: 'wstETH',
      l1Symbol: 'wstETH',
      protocol: 'lido',
      address: '0xc1CBa3fCea344f92D9239c08C0568f6F2F0ee452',
      decimals: 18,
      bridge: "Lido's custom OP-stack bridge (L1ERC20TokenBridge ↔ L2ERC20TokenBridge)",
      rateSource: chainlinkRate(
        '0xB88BAc61a4Ca37C43a3725912B1f472c9A5bc061',
        'stETH per wstETH',
        `${LIDO_RATE_FEEDS} (Base); ${aaveBook('ChainlinkBase.sol', 'wstETH_stETH_Exchange_Rate')}`,
      ),
      backing: {
        chain: 1,
        holder: '0x9de443AdC5A411E83F1878Ef24C3F52C61571e72',
        kind: 'lido-l1-bridge',
        description: "Lido's L1ERC20TokenBridge for Base (proxy): escrows the wstETH bridged to Base",
        source: lidoDocs('"Lido Multichain › Base › Ethereum part" (L1ERC20TokenBridge)'),
      },
      source: `${lidoDocs('"Lido Multichain › Base part" (WstETH ERC20Bridged)')}; ${aaveTokenList(8453, 'wstETH')}`,
    },
    {
      symbol: 'weETH',
      l1Symbol: 'weETH',
      protocol: 'etherfi',
      address: '0x04C0599Ae5A44757c0af6F9eC3b93da8976c150A',
      decimals: 18,
      bridge: 'LayerZero OFT (plus ether.fi native minting through its L2 sync pool)',
      rateSource: chainlinkRate(
        '0x35e9D7001819Ea3B39Da906aE6b06A62cfe2c181',
        'eETH (≙ ETH) per weETH',
        `${aaveCapo('DeployBase.s.sol', 'weETH_eETH_AGGREGATOR')}; ${ETHERFI_L2_CONSTANTS} (BASE.L2_PRICE_ORACLE)`,
      ),
      backing: ETHERFI_OFT_ADAPTER,
      source: `${ETHERFI_README} (Base); ${ETHERFI_L2_CONSTANTS} (BASE.L2_OFT); ${aaveTokenList(8453, 'weETH')}`,
    },
    {
      symbol: 'ezETH',
      l1Symbol: 'ezETH',
      protocol: 'renzo',
      address: '0x2416092f143378750bb29b79eD961ab195CcEea5',
      decimals: 18,
      bridge: 'xERC20 (Hyperlane warp route from the Ethereum lockbox)',
      rateSource: chainlinkRate(
        '0xC4300B7CF0646F0Fe4C5B2ACFCCC4dCA1346f5d8',
        'ETH per ezETH',
        `${aaveCapo('DeployBase.s.sol', 'ezETH_ETH_AGGREGATOR')}; ${aaveBook('ChainlinkBase.sol', 'ezETH__ETH_Exchange_Rate')}`,
      ),
      backing: RENZO_EZETH_LOCKBOX,
      source: `${RENZO_HYPERLANE} (ezEthAddresses.base); ${aaveBook('AaveV3Base.sol', 'ezETH_UNDERLYING')}`,
    },
    {
      symbol: 'wrsETH',
      l1Symbol: 'rsETH',
      protocol: 'kelp',
      address: '0xEDfa23602D0EC14714057867A78d01e94176BEA0',
      decimals: 18,
      bridge: "Kelp's RsETHTokenWrapper: wraps bridged rsETH 1:1, also minted natively from ETH on Base",
      rateSource: chainlinkRate(
        '0x99DAf760d2CFB770cc17e883dF45454FE421616b',
        'ETH per rsETH',
        `${aaveCapo('DeployBase.s.sol', 'rsETH_ETH_AGGREGATOR')}; ${aaveBook('ChainlinkBase.sol', 'rsETH__ETH_Exchange_Rate')}`,
      ),
      altRateSources: [kelpReceiver('0x7781ae9B47FeCaCEAeCc4FcA8d0b6187E3eF9ba7', 'Base')],
      backing: KELP_RSETH_OFT_ADAPTER,
      otherBacking: [kelpVault('0x48CdaD4C3c7A2F5818DAb5EB08dF7DB5420a60F6', 'Base')],
      source: `${kelp('"Base" (RsETHTokenWrapper)')}; ${aaveBook('AaveV3Base.sol', 'wrsETH_UNDERLYING')}`,
    },
    {
      symbol: 'rsETH',
      l1Symbol: 'rsETH',
      protocol: 'kelp',
      address: '0x1Bc71130A0e39942a7658878169764Bbd8A45993',
      decimals: 18,
      bridge: 'LayerZero OFT (RSETH_OFT)',
      rateSource: chainlinkRate(
        '0x99DAf760d2CFB770cc17e883dF45454FE421616b',
        'ETH per rsETH',
        `${aaveCapo('DeployBase.s.sol', 'rsETH_ETH_AGGREGATOR')}; ${aaveBook('ChainlinkBase.sol', 'rsETH__ETH_Exchange_Rate')}`,
      ),
      altRateSources: [kelpReceiver('0x7781ae9B47FeCaCEAeCc4FcA8d0b6187E3eF9ba7', 'Base')],
      backing: KELP_RSETH_OFT_ADAPTER,
      source: kelp('"Bridged RSETH › LayerZero RSETH_OFT" (Base)'),
    },
    {
      symbol: 'cbETH',
      l1Symbol: 'cbETH',
      protocol: 'coinbase',
      address: '0x2Ae3F1Ec7F1F5012CFEab0185bfc7aa3cf0DEc22',
      decimals: 18,
      bridge: 'not stated in the sources read',
      rateSource: chainlinkRate(
        '0x868a501e68F3D1E89CfC0D22F6b22E8dabce5F04',
        'ETH per cbETH',
        aaveBook('ChainlinkBase.sol', 'cbETH_ETH_Exchange_Rate'),
      ),
      backing: {
        missing:
          'L1 holder of Base cbETH: no Coinbase or Base source found naming the bridge it uses (searched aave-address-book, the reference, docs corpus).',
      },
      source: `${aaveBook('AaveV3Base.sol', 'cbETH_UNDERLYING')}; ${aaveTokenList(8453, 'cbETH')}`,
    },
    {
      symbol: 'rETH',
      l1Symbol: 'rETH',
      protocol: 'rocketpool',
      address: '0xB6fe221Fe9EeF5aBa221c348bA20A1Bf5e73624c',
      decimals: 18,
      bridge: 'not stated by Rocket Pool',
      rateSource: chainlinkRate(
        '0x1E6A29666288a310326B37d823Fe4Ea3937424D2',
        'ETH per rETH',
        aaveBook('ChainlinkBase.sol', 'rETH__ETH_Exchange_Rate'),
      ),
      backing: RETH_BACKING_MISSING,
      source: `${ROCKET_DOCS} (Base rETH); decimals 18 as the L1 rETH (not an Aave v3 Base reserve: check decimals() in the smoke step)`,
    },
  ],
  missing: [],
};

// ——— OP Mainnet ———

const OPTIMISM: L2Chain = {
  chainId: 10,
  name: 'OP Mainnet',
  explorer: 'https://optimistic.etherscan.io',
  nativeSymbol: 'ETH',
  multicall3: { address: '0xcA11bde05977b3631167028862bE2a173976CA11', blockCreated: 4286263, source: viemChain('optimism') },
  ethUsdFeed: {
    address: '0x13e3Ee699D1909E989722E753853AE30b17e08c5',
    abiName: 'chainlinkAggregatorAbi',
    functionName: 'latestRoundData',
    source: `${aaveBook('ChainlinkOptimism.sol', 'ETH__USD')}; ${aaveBook('AaveV3Optimism.sol', 'WETH_ORACLE')}`,
  },
  aaveV3: {
    pool: '0x794a61358D6845594F94dc1DB02A252b5b4814aD',
    poolAddressesProvider: '0xa97684ead0e402dC232d5A977953DF7ECBaB3CDb',
    source: aaveBook('AaveV3Optimism.sol', 'POOL, POOL_ADDRESSES_PROVIDER'),
  },
  tokens: [
    {
      symbol: 'wstETH',
      l1Symbol: 'wstETH',
      protocol: 'lido',
      address: '0x1F32b1c2345538c0c6f582fCB022739c4A194Ebb',
      decimals: 18,
      bridge: "Lido's OP-stack bridge (L1LidoTokensBridge ↔ L2ERC20ExtendedTokensBridge), which also pushes the rate",
      rateSource: chainlinkRate(
        '0xe59EBa0D492cA53C6f46015EEa00517F2707dc77',
        'stETH per wstETH',
        `${LIDO_RATE_FEEDS} (Optimism); ${aaveBook('ChainlinkOptimism.sol', 'wstETH_stETH_Exchange_Rate')}`,
      ),
      altRateSources: [
        {
          address: '0x294ED1f214F4e0ecAE31C3Eae4F04EBB3b36C9d0',
          kind: 'lido-token-rate-oracle',
          abiName: 'chainlinkAggregatorAbi',
          functionName: 'latestRoundData',
          returns:
            "latestRoundData() → answer: stETH per wstETH pushed by Lido's TokenRateNotifier/OpStackTokenRatePusher or the bridge; updatedAt is the L1 time of that rate",
          source: `${lidoDocs('"Lido Multichain › Optimism part" (TokenRateOracle, proxy)')}; github:lidofinance/lido-l2-with-steth/contracts/optimism/TokenRateOracle.sol (implements IChainlinkAggregatorInterface)`,
        },
      ],
      backing: {
        chain: 1,
        holder: '0x76943C0D61395d8F2edF9060e1533529cAe05dE6',
        kind: 'lido-l1-bridge',
        description: "Lido's L1LidoTokensBridge for OP Mainnet (proxy): escrows the wstETH bridged to OP Mainnet",
        source: lidoDocs('"Lido Multichain › Optimism › Ethereum part" (L1LidoTokensBridge)'),
      },
      source: `${lidoDocs('"Lido Multichain › Optimism part" (WstETH ERC20BridgedPermit)')}; ${aaveTokenList(10, 'wstETH')}`,
    },
    {
      symbol: 'weETH',
      l1Symbol: 'weETH',
      protocol: 'etherfi',
      address: '0x5A7fACB970D094B6C7FF1df0eA68D99E6e73CBFF',
      decimals: 18,
      bridge: 'LayerZero OFT',
      rateSource: chainlinkRate(
        '0x72EC6bF88effEd88290C66DCF1bE2321d80502f5',
        'eETH (≙ ETH) per weETH',
        aaveBook('ChainlinkOptimism.sol', 'weETH__eETH_Exchange_Rate'),
      ),
      backing: ETHERFI_OFT_ADAPTER,
      source: `${ETHERFI_README} (Optimism); ${ETHERFI_L2_CONSTANTS} (OP.L2_OFT); decimals 18 as the L1 weETH (check decimals() in the smoke step)`,
    },
    {
      symbol: 'ezETH',
      l1Symbol: 'ezETH',
      protocol: 'renzo',
      address: '0x2416092f143378750bb29b79eD961ab195CcEea5',
      decimals: 18,
      bridge: 'xERC20 (Hyperlane warp route from the Ethereum lockbox)',
      rateSource: chainlinkRate(
        '0xFAD40C0e2BeF93c6a822015863045CAAeAAde4d3',
        'ETH per ezETH',
        aaveBook('ChainlinkOptimism.sol', 'ezETH__ETH_Exchange_Rate'),
      ),
      backing: RENZO_EZETH_LOCKBOX,
      source: `${RENZO_HYPERLANE} (ezEthAddresses.optimism); decimals 18 as on Arbitrum/Base/Linea (same xERC20 address; check decimals() in the smoke step)`,
    },
    {
      symbol: 'wrsETH',
      l1Symbol: 'rsETH',
      protocol: 'kelp',
      address: '0x87eEE96D50Fb761AD85B1c982d28A042169d61b1',
      decimals: 18,
      bridge: "Kelp's RsETHTokenWrapper: wraps bridged rsETH 1:1, also minted natively from ETH on OP Mainnet",
      rateSource: chainlinkRate(
        '0x73b8BE3b653c5896BC34fC87cEBC8AcF4Fb7A545',
        'ETH per wrsETH (≙ rsETH)',
        aaveBook('ChainlinkOptimism.sol', 'wrsETH_ETH_Exchange_Rate'),
      ),
      altRateSources: [kelpReceiver('0x1373A61449C26CC3F48C1B4c547322eDAa36eB12', 'Optimism')],
      backing: KELP_RSETH_OFT_ADAPTER,
      otherBacking: [kelpVault('0x83d4B497dBE3BD2D42E0F3Ee5ab34f83E80Ab4E0', 'Optimism')],
      source: `${kelp('"Optimism" (RsETHTokenWrapper)')}; decimals 18 (check decimals() in the smoke step)`,
    },
    {
      symbol: 'rsETH',
      l1Symbol: 'rsETH',
      protocol: 'kelp',
      address: '0x4186BFC76E2E237523CBC30FD220FE055156b41F',
      decimals: 18,
      bridge: 'LayerZero OFT (RSETH_OFT)',
      rateSource: chainlinkRate(
        '0x73b8BE3b653c5896BC34fC87cEBC8AcF4Fb7A545',
        'ETH per wrsETH (≙ rsETH)',
        aaveBook('ChainlinkOptimism.sol', 'wrsETH_ETH_Exchange_Rate'),
      ),
      altRateSources: [kelpReceiver('0x1373A61449C26CC3F48C1B4c547322eDAa36eB12', 'Optimism')],
      backing: KELP_RSETH_OFT_ADAPTER,
      source: kelp('"Bridged RSETH › LayerZero RSETH_OFT" (Optimism)'),
    },
    {
      symbol: 'rETH',
      l1Symbol: 'rETH',
      protocol: 'rocketpool',
      address: '0x9Bcef72be871e61ED4fBbc7630889beE758eb81D',
      decimals: 18,
      bridge: 'not stated by Rocket Pool',
      rateSource: chainlinkRate(
        '0x22F3727be377781d1579B7C9222382b21c9d1a8f',
        'ETH per rETH',
        aaveBook('ChainlinkOptimism.sol', 'rETH_ETH_Exchange_Rate'),
      ),
      backing: RETH_BACKING_MISSING,
      source: `${ROCKET_DOCS} (Optimism rETH); ${aaveTokenList(10, 'rETH')}`,
    },
  ],
  missing: [
    'cbETH on OP Mainnet: no public source found for a token address (not an Aave v3 Optimism reserve; no cbETH feed in ChainlinkOptimism.sol besides a CBETH/ETH market feed).',
    "Kelp's CCIP rsETH on Optimism (Kelp README) left out: a second rsETH representation whose L1 pool is not listed.",
  ],
};

// ——— Linea ———

const LINEA: L2Chain = {
  chainId: 59144,
  name: 'Linea',
  explorer: 'https://lineascan.build',
  nativeSymbol: 'ETH',
  multicall3: { address: '0xcA11bde05977b3631167028862bE2a173976CA11', blockCreated: 42, source: viemChain('linea') },
  ethUsdFeed: {
    address: '0x3c6Cd9Cc7c7a4c2Cf5a82734CD249D7D593354dA',
    abiName: 'chainlinkAggregatorAbi',
    functionName: 'latestRoundData',
    source: `${aaveBook('ChainlinkLinea.sol', 'ETH__USD')}; ${aaveBook('AaveV3Linea.sol', 'WETH_ORACLE')}`,
  },
  aaveV3: {
    pool: '0xc47b8C00b0f69a36fa203Ffeac0334874574a8Ac',
    poolAddressesProvider: '0x89502c3731F69DDC95B65753708A07F8Cd0373F4',
    source: aaveBook('AaveV3Linea.sol', 'POOL, POOL_ADDRESSES_PROVIDER'),
  },
  tokens: [
    {
      symbol: 'wstETH',
      l1Symbol: 'wstETH',
      protocol: 'lido',
      address: '0xB5beDd42000b71FddE22D3eE8a79Bd49A568fC8F',
      decimals: 18,
      bridge: "Linea's canonical TokenBridge (wstETH registered as a CustomBridgedToken)",
      rateSource: chainlinkRate(
        '0x3C8A95F2264bB3b52156c766b738357008d87cB7',
        'stETH per wstETH',
        `${LIDO_RATE_FEEDS} (Linea); ${aaveCapo('DeployLinea.s.sol', 'wstETH_stETH_AGGREGATOR')}`,
      ),
      backing: {
        chain: 1,
        holder: '0x051F1D88f0aF5763fB888eC4378b4D8B29ea3319',
        kind: 'canonical-bridge',
        description: "Linea's L1 TokenBridge (canonical bridge, proxy): escrows the wstETH bridged to Linea; shared with other tokens",
        source: lidoDocs('"Lido Multichain › Linea › Ethereum part" (L1 TokenBridge (Canonical Bridge))'),
      },
      source: `${lidoDocs('"Lido Multichain › Linea part" (wstETH CustomBridgedToken)')}; ${aaveTokenList(59144, 'wstETH')}`,
    },
    {
      symbol: 'weETH',
      l1Symbol: 'weETH',
      protocol: 'etherfi',
      address: '0x1Bf74C010E6320bab11e2e5A532b5AC15e0b8aA6',
      decimals: 18,
      bridge: 'LayerZero OFT (plus ether.fi native minting through its L2 sync pool)',
      rateSource: chainlinkRate(
        '0x1FBc7d24654b10c71fd74d3730d9Df17836181EF',
        'eETH (≙ ETH) per weETH',
        `${aaveCapo('DeployLinea.s.sol', 'weETH_eETH_AGGREGATOR')}; ${aaveBook('ChainlinkLinea.sol', 'weETH__eETH_Exchange_Rate')}`,
      ),
      backing: ETHERFI_OFT_ADAPTER,
      source: `${ETHERFI_README} (Linea); ${ETHERFI_L2_CONSTANTS} (LINEA.L2_OFT); ${aaveTokenList(59144, 'weETH')}`,
    },
    {
      symbol: 'ezETH',
      l1Symbol: 'ezETH',
      protocol: 'renzo',
      address: '0x2416092f143378750bb29b79eD961ab195CcEea5',
      decimals: 18,
      bridge: 'xERC20 (Hyperlane warp route from the Ethereum lockbox)',
      rateSource: chainlinkRate(
        '0xb71F79770BA599940F454c70e63d4DE0E8606731',
        'ETH per ezETH',
        `${aaveCapo('DeployLinea.s.sol', 'ezETH_ETH_AGGREGATOR')}; ${aaveBook('ChainlinkLinea.sol', 'ezETH__ETH_Exchange_Rate')}`,
      ),
      backing: RENZO_EZETH_LOCKBOX,
      source: `${RENZO_HYPERLANE} (ezEthAddresses.linea); ${aaveTokenList(59144, 'ezETH')}`,
    },
    {
      symbol: 'wrsETH',
      l1Symbol: 'rsETH',
      protocol: 'kelp',
      address: '0xD2671165570f41BBB3B0097893300b6EB6101E6C',
      decimals: 18,
      bridge: "Kelp's RsETHTokenWrapper: wraps bridged rsETH 1:1, also minted natively from ETH on Linea",
      rateSource: chainlinkRate(
        '0xEEDF0B095B5dfe75F3881Cb26c19DA209A27463a',
        'ETH per wrsETH (≙ rsETH)',
        `${aaveCapo('DeployLinea.s.sol', 'wrsETH_rsETH_AGGREGATOR')}; ${aaveBook('ChainlinkLinea.sol', 'wrsETH_ETH_Exchange_Rate')}`,
      ),
      altRateSources: [kelpReceiver('0x81E5c1483c6869e95A4f5B00B41181561278179F', 'Linea')],
      backing: KELP_RSETH_OFT_ADAPTER,
      otherBacking: [kelpVault('0x6224C582a0989cfEcd232Af28C68F446b46979EF', 'Linea')],
      source: `${kelp('"Linea" (RsETHTokenWrapper)')}; ${aaveTokenList(59144, 'wrsETH')}`,
    },
    {
      symbol: 'rsETH',
      l1Symbol: 'rsETH',
      protocol: 'kelp',
      address: '0x4186BFC76E2E237523CBC30FD220FE055156b41F',
      decimals: 18,
      bridge: 'LayerZero OFT (RSETH_OFT)',
      rateSource: chainlinkRate(
        '0xEEDF0B095B5dfe75F3881Cb26c19DA209A27463a',
        'ETH per wrsETH (≙ rsETH)',
        `${aaveCapo('DeployLinea.s.sol', 'wrsETH_rsETH_AGGREGATOR')}; ${aaveBook('ChainlinkLinea.sol', 'wrsETH_ETH_Exchange_Rate')}`,
      ),
      altRateSources: [kelpReceiver('0x81E5c1483c6869e95A4f5B00B41181561278179F', 'Linea')],
      backing: KELP_RSETH_OFT_ADAPTER,
      source: kelp('"Bridged RSETH › LayerZero RSETH_OFT" (Linea)'),
    },
  ],
  missing: [
    'rETH on Linea: not in Rocket Pool contracts-integrations.md nor aave-address-book.',
    'cbETH on Linea: no public source found.',
  ],
};

export const L2_CHAINS: Readonly<Record<L2ChainId, L2Chain>> = {
  42161: ARBITRUM,
  8453: BASE,
  10: OPTIMISM,
  59144: LINEA,
};

export const L2_CHAIN_IDS: readonly L2ChainId[] = [42161, 8453, 10, 59144];

/** The chain's entry, or undefined for a chain id outside the four. */
export const l2Chain = (chainId: number): L2Chain | undefined =>
  (L2_CHAIN_IDS as readonly number[]).includes(chainId) ? L2_CHAINS[chainId as L2ChainId] : undefined;

/** The token entries on a chain, by symbol (several where one protocol has two representations, e.g. rsETH and wrsETH). */
export const l2Tokens = (chainId: L2ChainId, symbol?: L2TokenSymbol): readonly L2Token[] =>
  L2_CHAINS[chainId].tokens.filter((t) => symbol === undefined || t.symbol === symbol);

export const hasBacking = (token: L2Token): token is L2Token & { backing: Backing } => 'holder' in token.backing;
