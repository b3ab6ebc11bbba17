import { parseAbi, type Abi } from 'viem';
import { restakingAbis } from '../restaking';

/**
 * ABIs the decoder tries, by family. Signatures are the mainnet ones (reference §1.2, §2.1, §5d and each
 * project's interfaces); only what a dApp asks a wallet to send or sign is listed.
 */
export const erc20Abi = parseAbi([
  'function approve(address spender, uint256 amount) returns (bool)',
  'function increaseAllowance(address spender, uint256 addedValue) returns (bool)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function transferFrom(address from, address to, uint256 amount) returns (bool)',
  'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)',
  'function setApprovalForAll(address operator, bool approved)',
  'function balanceOf(address owner) view returns (uint256)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function paused() view returns (bool)',
]);

export const wethAbi = parseAbi(['function deposit() payable', 'function withdraw(uint256 wad)']);

export const permit2Abi = parseAbi([
  'struct PermitDetails { address token; uint160 amount; uint48 expiration; uint48 nonce; }',
  'struct PermitSingle { PermitDetails details; address spender; uint256 sigDeadline; }',
  'function approve(address token, address spender, uint160 amount, uint48 expiration)',
  'function permit(address owner, PermitSingle permitSingle, bytes signature)',
  'function transferFrom(address from, address to, uint160 amount, address token)',
  'function lockdown((address token, address spender)[] approvals)',
]);

export const aavePoolAbi = parseAbi([
  'function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)',
  'function withdraw(address asset, uint256 amount, address to) returns (uint256)',
  'function borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode, address onBehalfOf)',
  'function repay(address asset, uint256 amount, uint256 interestRateMode, address onBehalfOf) returns (uint256)',
  'function setUserEMode(uint8 categoryId)',
  'function setUserUseReserveAsCollateral(address asset, bool useAsCollateral)',
]);

export const curveAbi = parseAbi([
  'function add_liquidity(uint256[2] amounts, uint256 min_mint_amount) payable returns (uint256)',
  'function add_liquidity(uint256[] amounts, uint256 min_mint_amount) returns (uint256)',
  'function remove_liquidity(uint256 amount, uint256[2] min_amounts) returns (uint256[2])',
  'function remove_liquidity_one_coin(uint256 token_amount, int128 i, uint256 min_amount) returns (uint256)',
  'function exchange(int128 i, int128 j, uint256 dx, uint256 min_dy) payable returns (uint256)',
  'function A() view returns (uint256)',
  'function coins(uint256 i) view returns (address)',
  'function fee() view returns (uint256)',
]);

export const uniswapAbi = parseAbi([
  'struct ExactInputSingleParams { address tokenIn; address tokenOut; uint24 fee; address recipient; uint256 amountIn; uint256 amountOutMinimum; uint160 sqrtPriceLimitX96; }',
  'function exactInputSingle(ExactInputSingleParams params) payable returns (uint256 amountOut)',
  'function multicall(uint256 deadline, bytes[] data) payable returns (bytes[])',
  'function execute(bytes commands, bytes[] inputs, uint256 deadline) payable',
]);

export const eigenAbi = parseAbi([
  'struct SignatureWithExpiry { bytes signature; uint256 expiry; }',
  'struct OperatorSet { address avs; uint32 id; }',
  'struct Allocation { uint64 currentMagnitude; int128 pendingDiff; uint32 effectBlock; }',
  'struct QueuedWithdrawalParams { address[] strategies; uint256[] depositShares; address __deprecated_withdrawer; }',
  'function depositIntoStrategy(address strategy, address token, uint256 amount) returns (uint256)',
  'function delegateTo(address operator, SignatureWithExpiry approverSignatureAndExpiry, bytes32 approverSalt)',
  'function undelegate(address staker) returns (bytes32[])',
  'function queueWithdrawals(QueuedWithdrawalParams[] params) returns (bytes32[])',
  'function delegatedTo(address staker) view returns (address)',
  'function getDeposits(address staker) view returns (address[], uint256[])',
  'function getMaxMagnitude(address operator, address strategy) view returns (uint64)',
  'function getAllocatedSets(address operator) view returns (OperatorSet[])',
  'function getAllocation(address operator, OperatorSet operatorSet, address strategy) view returns (Allocation)',
  'function sharesToUnderlyingView(uint256 amountShares) view returns (uint256)',
  'function underlyingToken() view returns (address)',
]);

export const pendleAbi = parseAbi([
  'function redeemPyToToken(address receiver, address YT, uint256 netPyIn, (address tokenOut, uint256 minTokenOut, address tokenRedeemSy, address pendleSwap, (uint8 swapType, address extRouter, bytes extCalldata, bool needScale) swapData) output) returns (uint256, uint256)',
  'function swapExactPtForSy(address receiver, address market, uint256 exactPtIn, uint256 minSyOut, (address limitRouter, uint256 epsSkipMarket, (bytes32 salt, uint256 expiry, uint256 nonce, uint8 orderType, address token, address YT, address maker, address receiver, uint256 makingAmount, uint256 lnImpliedRate, uint256 failSafeRate, bytes permit)[] normalFills, (bytes32 salt, uint256 expiry, uint256 nonce, uint8 orderType, address token, address YT, address maker, address receiver, uint256 makingAmount, uint256 lnImpliedRate, uint256 failSafeRate, bytes permit)[] flashFills, bytes optData) limit) returns (uint256, uint256)',
  'function swapExactSyForPt(address receiver, address market, uint256 exactSyIn, uint256 minPtOut, (uint256 guessMin, uint256 guessMax, uint256 guessOffchain, uint256 maxIteration, uint256 eps) guessPtOut, (address limitRouter, uint256 epsSkipMarket, (bytes32 salt, uint256 expiry, uint256 nonce, uint8 orderType, address token, address YT, address maker, address receiver, uint256 makingAmount, uint256 lnImpliedRate, uint256 failSafeRate, bytes permit)[] normalFills, (bytes32 salt, uint256 expiry, uint256 nonce, uint8 orderType, address token, address YT, address maker, address receiver, uint256 makingAmount, uint256 lnImpliedRate, uint256 failSafeRate, bytes permit)[] flashFills, bytes optData) limit) returns (uint256, uint256)',
]);

/** Registry deposit/rate ABIs: the deposit entry points of every LST/LRT. */
const registryAbis = Object.values(restakingAbis as Record<string, unknown>).filter((value): value is Abi => Array.isArray(value));

/** Families in decoding order: the first ABI with the selector wins (ERC-20 before Permit2 on `approve`). */
export const DECODE_ABIS: { family: string; abi: Abi }[] = [
  { family: 'ERC-20', abi: erc20Abi },
  { family: 'WETH', abi: wethAbi },
  ...registryAbis.map((abi) => ({ family: 'restaking', abi })),
  { family: 'EigenLayer', abi: eigenAbi },
  { family: 'Aave v3', abi: aavePoolAbi },
  { family: 'Curve', abi: curveAbi },
  { family: 'Uniswap', abi: uniswapAbi },
  { family: 'Pendle', abi: pendleAbi },
  { family: 'Permit2', abi: permit2Abi },
];
