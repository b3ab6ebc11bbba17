import { encodePacked, keccak256, parseEther, type Abi, type Address } from 'viem';
import { CHAINLINK, MULTICALL3, PROTOCOL_CONTRACTS as P, TOKENS, type TokenSymbol } from '../../../lib/restaking/addresses';
import type { DevnetContext } from '../context';
import { doubleAbi, placeDouble } from './abi';
import { writeMany, type BatchCall } from './batch';
import { placeEthUsdFeed } from './eth-usd';

/** Tokens with a fair ETH rate (every registry token but WETH). */
export type RatedSymbol = Exclude<TokenSymbol, 'WETH'>;
export type FeedName = keyof typeof CHAINLINK;

/** What seedTokens placed: addresses and the fair rates it set (wei of ETH per 1e18 token units). */
export type TokensSeed = {
  tokens: Record<TokenSymbol, Address>;
  /** Protocol contracts (deposit pools, oracles, managers) by registry name, plus multicall3. */
  contracts: Record<string, Address>;
  /** Fair ETH per 1e18 of each token, exactly as the doubles report it after seeding. */
  rates: Record<RatedSymbol, bigint>;
  /** Chainlink market feeds placed (18-decimal answers = ETH per token). */
  feeds: Record<FeedName, { address: Address; answer: bigint; decimals: number; description: string }>;
};

/**
 * Book values the doubles start from: "other holders" own `supply` (or shares) backed by `supply × rate`
 * of ETH. Rates are close to late-2025 mainnet values; supplies are round, not mainnet-exact.
 */
export const SEED_BOOKS = {
  wstETH: { supply: parseEther('7000000'), rate: parseEther('1.2143') },
  rETH: { supply: parseEther('450000'), rate: parseEther('1.1372') },
  weETH: { supply: parseEther('2400000'), rate: parseEther('1.0712') },
  ezETH: { supply: parseEther('600000'), rate: parseEther('1.0487') },
  rsETH: { supply: parseEther('1100000'), rate: parseEther('1.0621') },
  pufETH: { supply: parseEther('420000'), rate: parseEther('1.0508') },
  rswETH: { supply: parseEther('90000'), rate: parseEther('1.0633') },
  ETHx: { supply: parseEther('260000'), rate: parseEther('1.0794') },
  osETH: { supply: parseEther('150000'), rate: parseEther('1.0517') },
  mETH: { supply: parseEther('500000'), rate: parseEther('1.0802') },
  cbETH: { supply: parseEther('120000'), rate: parseEther('1.1021') },
} as const;
/** Blocks between a Kelp withdrawal request and its unlock on the devnet (mainnet reads withdrawalDelayBlocks live). */
export const KELP_DEVNET_WITHDRAWAL_DELAY_BLOCKS = 100n;

/** Renzo's WithdrawQueue cooldown on the devnet (mainnet reads coolDownPeriod live). */
export const RENZO_DEVNET_COOLDOWN_SECONDS = 3_600n;
/** Mantle's numberOfBlocksToFinalize on the devnet (mainnet reads it live). */
export const MANTLE_DEVNET_BLOCKS_TO_FINALIZE = 64n;

/** Puffer charges an exit fee on previewRedeem; 1% is its mainnet setting at the time of writing. */
export const PUFFER_EXIT_FEE_BPS = 100n;

const ONE = 10n ** 18n;
const backing = (b: { supply: bigint; rate: bigint }) => (b.supply * b.rate) / ONE;
const abi = (name: string): Abi => doubleAbi(name);

/** Which double lives where: registry name → (contract artifact, mainnet address). */
const PLACEMENTS: [string, Address][] = [
  ['WETH9', TOKENS.WETH],
  ['StETH', TOKENS.stETH],
  ['WstETH', TOKENS.wstETH],
  ['WithdrawalQueueERC721', P.lidoWithdrawalQueue],
  ['WithdrawRequestNFT', P.etherfiWithdrawRequestNFT],
  ['LRTWithdrawalManager', P.kelpWithdrawalManager],
  ['PufferWithdrawalManager', P.pufferWithdrawalManager],
  ['WithdrawQueue', P.renzoWithdrawQueue],
  ['UnstakeRequestsManager', P.mantleUnstakeRequestsManager],
  ['RocketStorage', P.rocketStorage],
  ['RocketTokenRETH', TOKENS.rETH],
  ['RocketDepositPool', P.rocketDepositPool],
  ['EtherFiLiquidityPool', P.etherfiLiquidityPool],
  ['EETH', TOKENS.eETH],
  ['WeETH', TOKENS.weETH],
  ['RenzoRestakeManager', P.renzoRestakeManager],
  ['EzETH', TOKENS.ezETH],
  ['KelpLRTDepositPool', P.kelpDepositPool],
  ['KelpLRTOracle', P.kelpOracle],
  ['RsETH', TOKENS.rsETH],
  ['PufferVault', TOKENS.pufETH],
  ['RswETH', TOKENS.rswETH],
  ['StaderStakePoolsManager', P.staderStakePoolsManager],
  ['ETHx', TOKENS.ETHx],
  ['CbETH', TOKENS.cbETH],
  ['OsTokenVaultController', P.stakewiseOsTokenVaultController],
  ['OsETH', TOKENS.osETH],
  ['MantleStaking', P.mantleStaking],
  ['METH', TOKENS.mETH],
  ['Multicall3', MULTICALL3],
];

export const FEED_DESCRIPTIONS: Record<FeedName, string> = {
  stETH_ETH: 'STETH / ETH',
  weETH_ETH: 'weETH / ETH',
  ezETH_ETH: 'ezETH / ETH',
  rsETH_ETH: 'RSETH / ETH',
  rETH_ETH: 'RETH / ETH',
  cbETH_ETH: 'CBETH / ETH',
  ETHx_ETH: 'ETHx / ETH',
  mETH_ETH: 'METH / ETH',
};

/** The token a market feed prices (feed name minus "_ETH"). */
export const feedToken = (feed: FeedName) => feed.replace(/_ETH$/, '') as RatedSymbol;

/** RocketStorage key of a network contract: keccak256(abi.encodePacked("contract.address", name)). */
export const rocketStorageKey = (name: string) => keccak256(encodePacked(['string', 'string'], ['contract.address', name]));

/** Fair rates implied by SEED_BOOKS, computed with each protocol's own formula (rounding included). */
export function expectedSeedRates(): Record<RatedSymbol, bigint> {
  const b = SEED_BOOKS;
  const shareRate = (x: { supply: bigint; rate: bigint }) => (ONE * backing(x)) / x.supply;
  return {
    stETH: ONE,
    eETH: ONE,
    wstETH: shareRate(b.wstETH),
    rETH: shareRate(b.rETH),
    weETH: shareRate(b.weETH),
    ezETH: shareRate(b.ezETH),
    osETH: shareRate(b.osETH),
    mETH: shareRate(b.mETH),
    rsETH: b.rsETH.rate,
    rswETH: b.rswETH.rate,
    ETHx: b.ETHx.rate,
    cbETH: b.cbETH.rate,
    // OpenZeppelin ERC-4626 rounding: shares × (assets + 1) / (supply + 1).
    pufETH: (ONE * (backing(b.pufETH) + 1n)) / (b.pufETH.supply + 1n),
  };
}

/** Places every token double, Multicall3 and the market feeds at their mainnet addresses and sets them up. */
export async function seedTokens(ctx: DevnetContext): Promise<TokensSeed> {
  await Promise.all(PLACEMENTS.map(([name, address]) => placeDouble(ctx, name, address)));
  const b = SEED_BOOKS;
  const init = (name: string, address: Address, args: readonly unknown[]): BatchCall => ({
    address,
    abi: abi(name),
    functionName: 'initialize',
    args,
  });
  const setRocketAddress = (name: string, value: Address): BatchCall => ({
    address: P.rocketStorage,
    abi: abi('RocketStorage'),
    functionName: 'setAddress',
    args: [rocketStorageKey(name), value],
  });

  // Initializers only store numbers and addresses (no cross-contract reads); setAddress is admin-only,
  // so it comes after RocketStorage.initialize (nonces keep the order).
  await writeMany(ctx, [
    init('StETH', TOKENS.stETH, [b.wstETH.supply, backing(b.wstETH)]),
    init('WstETH', TOKENS.wstETH, [TOKENS.stETH]),
    init('WithdrawalQueueERC721', P.lidoWithdrawalQueue, [TOKENS.stETH]),
    init('RocketStorage', P.rocketStorage, []),
    init('RocketTokenRETH', TOKENS.rETH, [P.rocketStorage, b.rETH.supply, backing(b.rETH)]),
    init('RocketDepositPool', P.rocketDepositPool, [P.rocketStorage]),
    init('EtherFiLiquidityPool', P.etherfiLiquidityPool, [TOKENS.eETH, backing(b.weETH)]),
    init('EETH', TOKENS.eETH, [P.etherfiLiquidityPool, b.weETH.supply]),
    init('WeETH', TOKENS.weETH, [TOKENS.eETH, P.etherfiLiquidityPool]),
    init('RenzoRestakeManager', P.renzoRestakeManager, [TOKENS.ezETH, backing(b.ezETH)]),
    init('EzETH', TOKENS.ezETH, [P.renzoRestakeManager, b.ezETH.supply]),
    init('RsETH', TOKENS.rsETH, [P.kelpDepositPool, b.rsETH.supply]),
    init('KelpLRTOracle', P.kelpOracle, [TOKENS.rsETH, P.kelpDepositPool, b.rsETH.rate]),
    init('KelpLRTDepositPool', P.kelpDepositPool, [TOKENS.rsETH, P.kelpOracle, backing(b.rsETH)]),
    init('PufferVault', TOKENS.pufETH, [TOKENS.WETH, b.pufETH.supply, backing(b.pufETH), PUFFER_EXIT_FEE_BPS]),
    init('RswETH', TOKENS.rswETH, [b.rswETH.supply, b.rswETH.rate]),
    init('StaderStakePoolsManager', P.staderStakePoolsManager, [TOKENS.ETHx, b.ETHx.rate]),
    init('ETHx', TOKENS.ETHx, [P.staderStakePoolsManager, b.ETHx.supply]),
    init('CbETH', TOKENS.cbETH, [b.cbETH.supply, b.cbETH.rate]),
    init('OsETH', TOKENS.osETH, [P.stakewiseOsTokenVaultController, b.osETH.supply]),
    init('OsTokenVaultController', P.stakewiseOsTokenVaultController, [TOKENS.osETH, backing(b.osETH)]),
    init('METH', TOKENS.mETH, [P.mantleStaking, b.mETH.supply]),
    init('MantleStaking', P.mantleStaking, [TOKENS.mETH, backing(b.mETH)]),
    init('WithdrawRequestNFT', P.etherfiWithdrawRequestNFT, [P.etherfiLiquidityPool]),
    {
      address: P.etherfiLiquidityPool,
      abi: abi('EtherFiLiquidityPool'),
      functionName: 'setWithdrawRequestNFT',
      args: [P.etherfiWithdrawRequestNFT],
    },
    init('LRTWithdrawalManager', P.kelpWithdrawalManager, [
      TOKENS.rsETH,
      P.kelpOracle,
      P.kelpDepositPool,
      KELP_DEVNET_WITHDRAWAL_DELAY_BLOCKS,
    ]),
    init('PufferWithdrawalManager', P.pufferWithdrawalManager, [TOKENS.pufETH, TOKENS.WETH, parseEther('100')]),
    // Renzo: the queue starts with an empty buffer (every request is queued until `finalize renzo` fills it).
    init('WithdrawQueue', P.renzoWithdrawQueue, [TOKENS.ezETH, P.renzoRestakeManager, RENZO_DEVNET_COOLDOWN_SECONDS, parseEther('1000')]),
    { address: TOKENS.ezETH, abi: abi('EzETH'), functionName: 'setWithdrawQueue', args: [P.renzoWithdrawQueue] },
    { address: P.renzoRestakeManager, abi: abi('RenzoRestakeManager'), functionName: 'setWithdrawQueue', args: [P.renzoWithdrawQueue] },
    init('UnstakeRequestsManager', P.mantleUnstakeRequestsManager, [P.mantleStaking, TOKENS.mETH, MANTLE_DEVNET_BLOCKS_TO_FINALIZE]),
    { address: TOKENS.mETH, abi: abi('METH'), functionName: 'setUnstakeRequestsManager', args: [P.mantleUnstakeRequestsManager] },
    {
      address: P.mantleStaking,
      abi: abi('MantleStaking'),
      functionName: 'setUnstakeRequestsManager',
      args: [P.mantleUnstakeRequestsManager, parseEther('0.01')],
    },
    setRocketAddress('rocketDepositPool', P.rocketDepositPool),
    setRocketAddress('rocketTokenRETH', TOKENS.rETH),
  ]);

  const rates = expectedSeedRates();
  const feeds = await placeFeeds(ctx, rates);
  // Dollars next to a network fee come from ETH/USD on chain (no price API): the feed lives where mainnet has it.
  await placeEthUsdFeed(ctx);
  const contracts: Record<string, Address> = { ...P, multicall3: MULTICALL3 };
  return { tokens: { ...TOKENS }, contracts, rates, feeds };
}

/** Market feeds at peg: stETH at 1, every other token at its fair rate (a depeg scenario moves them). */
async function placeFeeds(ctx: DevnetContext, rates: Record<RatedSymbol, bigint>): Promise<TokensSeed['feeds']> {
  const names = Object.keys(CHAINLINK) as FeedName[];
  await Promise.all(names.map((n) => placeDouble(ctx, 'ChainlinkAggregator', CHAINLINK[n])));
  const { timestamp } = await ctx.client.getBlock();
  const feedAbi = abi('ChainlinkAggregator');
  await writeMany(
    ctx,
    names.flatMap((n): BatchCall[] => [
      { address: CHAINLINK[n], abi: feedAbi, functionName: 'initialize', args: [18, FEED_DESCRIPTIONS[n]] },
      { address: CHAINLINK[n], abi: feedAbi, functionName: 'setAnswer', args: [rates[feedToken(n)], timestamp] },
    ]),
  );
  const entry = (n: FeedName) => [
    n,
    { address: CHAINLINK[n], answer: rates[feedToken(n)], decimals: 18, description: FEED_DESCRIPTIONS[n] },
  ];
  return Object.fromEntries(names.map(entry)) as TokensSeed['feeds'];
}
