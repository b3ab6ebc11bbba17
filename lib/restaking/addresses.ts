import { getAddress, type Address } from 'viem';

/**
 * Mainnet addresses from ../shared/reference/restaking.md (§1–§3, §5d). The devnet places its test
 * doubles at these same addresses, so one registry serves mainnet and the devnet.
 * Checksummed through viem so a typo fails at import time, not at the first call.
 */
const a = (x: string): Address => getAddress(x.toLowerCase());

export const TOKENS = {
  WETH: a('0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2'),
  stETH: a('0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84'),
  wstETH: a('0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0'),
  rETH: a('0xae78736Cd615f374D3085123A210448E74Fc6393'),
  cbETH: a('0xBe9895146f7AF43049ca1c1AE358B0541Ea49704'),
  eETH: a('0x35fA164735182de50811E8e2E824cFb9B6118ac2'),
  weETH: a('0xCd5fE23C85820F7B72D0926FC9b05b43E359b7ee'),
  ezETH: a('0xbf5495Efe5DB9ce00f80364C8B423567e58d2110'),
  rsETH: a('0xA1290d69c65A6Fe4DF752f95823fae25cB99e5A7'),
  pufETH: a('0xD9A442856C234a39a81a089C06451EBAa4306a72'),
  rswETH: a('0xFAe103DC9cf190eD75350761e95403b7b8aFa6c0'),
  ETHx: a('0xA35b1B31Ce002FBF2058D22F30f95D405200A15b'),
  osETH: a('0xf1C9acDc66974dFB6dEcB12aA385b9cD01190E38'),
  mETH: a('0xd5F7838F5C461fefF7FE49ea5ebaF7728bB0ADfa'),
} as const;

export type TokenSymbol = keyof typeof TOKENS;

export const PROTOCOL_CONTRACTS = {
  rocketStorage: a('0x1d8f8f00cfa6758d7bE78336684788Fb0ee0Fa46'),
  /** Current RocketDepositPool per the reference ([3P]); resolve through RocketStorage at runtime. */
  rocketDepositPool: a('0xce15294273cfb9d9b628f4d61636623decdf4fdc'),
  etherfiLiquidityPool: a('0x308861A430be4cce5502d0A12724771Fc6DaF216'),
  renzoRestakeManager: a('0x74a09653A083691711cF8215a6ab074BB4e99ef5'),
  kelpDepositPool: a('0x036676389e48133B63a802f8635AD39E752D375D'),
  kelpOracle: a('0x349A73444b1a310BAe67ef67973022020d70020d'),
  staderStakePoolsManager: a('0xcf5EA1b38380f6aF39068375516Daf40Ed70D299'),
  stakewiseOsTokenVaultController: a('0x2A261e60FB14586B474C208b1B7AC6D0f5000306'),
  stakewiseGenesisVault: a('0xAC0F906E433d58FA868F936E8A43230473652885'),
  mantleStaking: a('0xe3cBd06D7dadB3F4e6557bAb7EdD924CD1489E8f'),
  /**
   * Lido WithdrawalQueueERC721 (unstETH). Not in the reference: docs.lido.fi/deployed-contracts
   * ("WithdrawalQueueERC721"), the same address in lidofinance's SDK constants (WITHDRAWAL_QUEUE_BY_NETWORK,
   * Mainnet) and in Puffer's and other integrators' mainnet code (ILidoWithdrawalQueue constant).
   */
  lidoWithdrawalQueue: a('0x889edC2eDab5f40e902b864aD4d7AdE8E412F9B1'),
  /**
   * ether.fi WithdrawRequestNFT (requests enter through LiquidityPool.requestWithdraw). Not in the reference:
   * etherfi-protocol/smart-contracts script/deploys/Deployed.s.sol (WITHDRAW_REQUEST_NFT), the same constant in
   * script/operations/withdrawals/ExecuteClaims.s.sol and the fork-test preludes.
   */
  etherfiWithdrawRequestNFT: a('0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c'),
  /** Kelp LRTWithdrawalManager: reference §1.1 other addresses (Kelp-DAO/LRT-rsETH README.md, mainnet table). */
  kelpWithdrawalManager: a('0x62De59c08eB5dAE4b7E6F7a8cAd3006d6965ec16'),
  /** Puffer PufferWithdrawalManager: reference §1.1 (PufferFinance/Deployments-and-ACL docs/deployments/mainnet.md). */
  pufferWithdrawalManager: a('0xDdA0483184E75a5579ef9635ED14BacCf9d50283'),
  /**
   * Renzo WithdrawQueue (proxy). Not in the reference nor in Renzo-Protocol/contracts-public (no deployment list
   * there): third-party mainnet configs name it (integrators' Renzo configs as WITHDRAW_QUEUE / withdrawManager,
   * a Renzo substreams module as its withdrawal contract, a fork test setting its coolDownPeriod slot). The smoke
   * check verifies code and the views the tracker reads.
   */
  renzoWithdrawQueue: a('0x5efc9D10E42FB517456f4ac41EB5e2eBe42C8918'),
  /**
   * Mantle UnstakeRequestsManager (requests enter through Staking.unstakeRequest): reference §1.1 other addresses
   * (decoded mantle-lsp/contracts deployments/1); also the mantle-lsp/contracts README address table.
   */
  mantleUnstakeRequestsManager: a('0x38fDF7b489316e03eD8754ad339cb5c4483FDcf9'),
} as const;

export const EIGENLAYER = {
  delegationManager: a('0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A'),
  strategyManager: a('0x858646372CC42E1A627fcE94aa7A7033e7CF075A'),
  allocationManager: a('0x948a420b8CC1d6BFd0B6087C2E7c344a2CD0bc39'),
  eigenPodManager: a('0x91E677b07F7AF907ec9a428aafA9fc14a0d3A338'),
  beaconChainETHStrategy: a('0xbeaC0eeEeeeeEEeEeEEEEeeEEeEeeeEeeEEBEaC0'),
} as const;

/** EigenLayer LST strategies (TUP proxies), keyed by the token they hold. */
export const EIGEN_STRATEGIES = {
  stETH: a('0x93c4b944D05dfe6df7645A86cd2206016c51564D'),
  rETH: a('0x1BeE69b7dFFfA4E2d53C2a2Df135C388AD25dCD2'),
  cbETH: a('0x54945180dB7943c0ed0FEE7EdaB2Bd24620256bc'),
  ETHx: a('0x9d7eD45EE2E8FC5482fa2428f15C971e6369011d'),
  osETH: a('0x57ba429517c3473B6d34CA9aCd56c0e735b94c02'),
  mETH: a('0x298aFB19A105D59E74658C4C334Ff360BadE6dd2'),
} as const;

export const SYMBIOTIC = {
  vaultFactory: a('0xAEb6bdd95c502390db8f52c8909F703E9Af6a346'),
} as const;

export const CURVE = {
  /** ETH/stETH StableSwapSTETH: coin0 = ETH (0xEeee…), coin1 = stETH; A = 5 deployed. */
  stethPool: a('0xDC24316b9AE028F1497c275EB9192a3Ea0f67022'),
  stethLp: a('0x06325440D014e39736583c165C2963BA99fAf14E'),
  /** WETH/weETH stable-ng: coin0 WETH, coin1 weETH. The pool is its own LP token. */
  weethNgPool: a('0xDB74dfDD3BB46bE8Ce6C33dC9D82777BCFc3dEd5'),
} as const;

export const UNISWAP = {
  quoterV2: a('0x61fFE014bA17989E743c5F6cB21bF9697530B21e'),
  factory: a('0x1F98431c8aD98523631AE4a59f267346ea31F984'),
  weethWethPool: a('0x202A6012894Ae5c288eA824cbc8A9bfb26A49b93'),
  ezethWethPool: a('0xBE80225f09645f172B079394312220637C440A63'),
  wethRswethPool: a('0xE62627326d7794E20bB7261B24985294de1579FE'),
} as const;

export const CHAINLINK = {
  stETH_ETH: a('0x86392dC19c0b719886221c78AB11eb8Cf5c52812'),
  weETH_ETH: a('0x5c9C449BbC9a6075A2c061dF312a35fd1E05fF22'),
  ezETH_ETH: a('0x636A000262F6aA9e1F094ABF0aD8f645C44f641C'),
  rsETH_ETH: a('0x03c68933f7a3F76875C0bc670a58e69294cDFD01'),
  rETH_ETH: a('0x536218f9E9Eb48863970252233c8F271f554C2d0'),
  cbETH_ETH: a('0xF017fcB346A1885194689bA23Eff2fE6fA5C483b'),
  ETHx_ETH: a('0xC5f8c4aB091Be1A899214c0C3636ca33DcA0C547'),
  mETH_ETH: a('0x5b563107C8666d2142C216114228443B94152362'),
} as const;

/**
 * Chainlink ETH / USD on mainnet (8 decimals): the only source of the dollar figures next to a network fee
 * (no price API). `bgd-labs/aave-address-book src/ChainlinkEthereum.sol` ETH_USD, the file of reference §3.2.
 */
export const CHAINLINK_ETH_USD = a('0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419');

export const AAVE_V3 = {
  pool: a('0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2'),
  addressesProvider: a('0x2f39d218133AFaB8F2B819B1066c7E434Ad94E9e'),
  oracle: a('0x54586bE62E3c3580375aE3723C145253060Ca0C2'),
  dataProvider: a('0x7B4EB56E7CD4b454BA8ff71E4518426369a138a3'),
} as const;

export const PENDLE = {
  router: a('0x888888888889758F76e7103c6CbF23ABbF58F946'),
  ptOracle: a('0x9a9fa8338dd5e5b2188006f1cd2ef26d921650c2'),
} as const;

export const MULTICALL3 = a('0xcA11bde05977b3631167028862bE2a173976CA11');
/** Curve's marker for native ETH as a coin. */
export const NATIVE_ETH = a('0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE');
