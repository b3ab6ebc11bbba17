import { parseAbi } from 'viem';

/** Mainnet signatures of every call a flow sends or reads (reference §1.2, §2.1, §3.1, §5d). */
export const flowAbis = {
  erc20: parseAbi([
    'function approve(address spender, uint256 amount) returns (bool)',
    'function balanceOf(address owner) view returns (uint256)',
    'function allowance(address owner, address spender) view returns (uint256)',
  ]),
  multicall3: parseAbi(['function getEthBalance(address addr) view returns (uint256 balance)']),
  lido: parseAbi(['function submit(address referral) payable returns (uint256)']),
  wstETH: parseAbi([
    'function wrap(uint256 stETHAmount) returns (uint256)',
    'function unwrap(uint256 wstETHAmount) returns (uint256)',
    'function getWstETHByStETH(uint256 stETHAmount) view returns (uint256)',
    'function getStETHByWstETH(uint256 wstETHAmount) view returns (uint256)',
  ]),
  weETH: parseAbi([
    'function wrap(uint256 eETHAmount) returns (uint256)',
    'function unwrap(uint256 weETHAmount) returns (uint256)',
    'function getWeETHByeETH(uint256 eETHAmount) view returns (uint256)',
    'function getEETHByWeETH(uint256 weETHAmount) view returns (uint256)',
  ]),
  depositNoArgs: parseAbi(['function deposit() payable', 'function depositETH() payable']),
  depositReceiver: parseAbi([
    'function deposit(address receiver) payable returns (uint256)',
    'function depositETH(address receiver) payable returns (uint256)',
  ]),
  kelp: parseAbi([
    'function depositETH(uint256 minRSETHAmountExpected, string referralId) payable',
    'function getRsETHAmountToMint(address asset, uint256 amount) view returns (uint256)',
  ]),
  mantle: parseAbi(['function stake(uint256 minMETHAmount) payable', 'function ethToMETH(uint256 ethAmount) view returns (uint256)']),
  rETH: parseAbi(['function getRethValue(uint256 ethAmount) view returns (uint256)']),
  erc4626Preview: parseAbi(['function previewDeposit(uint256 assets) view returns (uint256)']),
  rswETH: parseAbi(['function ethToRswETHRate() view returns (uint256)']),
  aavePool: parseAbi([
    'function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)',
    'function withdraw(address asset, uint256 amount, address to) returns (uint256)',
    'function setUserEMode(uint8 categoryId)',
    'function getUserEMode(address user) view returns (uint256)',
    'function getUserAccountData(address user) view returns (uint256 totalCollateralBase, uint256 totalDebtBase, uint256 availableBorrowsBase, uint256 currentLiquidationThreshold, uint256 ltv, uint256 healthFactor)',
    'struct ReserveDataLegacy { uint256 configuration; uint128 liquidityIndex; uint128 currentLiquidityRate; uint128 variableBorrowIndex; uint128 currentVariableBorrowRate; uint128 currentStableBorrowRate; uint40 lastUpdateTimestamp; uint16 id; address aTokenAddress; address stableDebtTokenAddress; address variableDebtTokenAddress; address interestRateStrategyAddress; uint128 accruedToTreasury; uint128 unbacked; uint128 isolationModeTotalDebt; }',
    'function getReserveData(address asset) view returns (ReserveDataLegacy)',
  ]),
  curveNg: parseAbi([
    'function add_liquidity(uint256[] amounts, uint256 min_mint_amount) returns (uint256)',
    'function calc_token_amount(uint256[] amounts, bool is_deposit) view returns (uint256)',
    'function remove_liquidity_one_coin(uint256 burn_amount, int128 i, uint256 min_received) returns (uint256)',
  ]),
  curvePair: parseAbi([
    'function add_liquidity(uint256[2] amounts, uint256 min_mint_amount) payable returns (uint256)',
    'function calc_token_amount(uint256[2] amounts, bool is_deposit) view returns (uint256)',
  ]),
  pendleRouter: parseAbi([
    'function swapExactEthForPt(address receiver, address market, uint256 minPtOut) payable returns (uint256 netPtOut)',
    'function previewPtOut(address market, uint256 amountIn) view returns (uint256)',
  ]),
  strategyManager: parseAbi([
    'function depositIntoStrategy(address strategy, address token, uint256 amount) returns (uint256 depositShares)',
  ]),
  delegationManager: parseAbi([
    'struct SignatureWithExpiry { bytes signature; uint256 expiry; }',
    'function delegateTo(address operator, SignatureWithExpiry approverSignatureAndExpiry, bytes32 approverSalt)',
    'function isOperator(address operator) view returns (bool)',
    'function delegatedTo(address staker) view returns (address)',
    'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
  ]),
} as const;
