import { parseAbi } from 'viem';

/**
 * Pendle router (reference: Pendle section): the PT swaps and redemption a dApp sends, and the ETH → PT
 * buy with its quote that the devnet double of the router exposes (the one-step flow the Stake screen uses).
 */
export const pendleRouterAbi = parseAbi([
  'function redeemPyToToken(address receiver, address YT, uint256 netPyIn, (address tokenOut, uint256 minTokenOut, address tokenRedeemSy, address pendleSwap, (uint8 swapType, address extRouter, bytes extCalldata, bool needScale) swapData) output) returns (uint256, uint256)',
  'function swapExactPtForSy(address receiver, address market, uint256 exactPtIn, uint256 minSyOut, (address limitRouter, uint256 epsSkipMarket, (bytes32 salt, uint256 expiry, uint256 nonce, uint8 orderType, address token, address YT, address maker, address receiver, uint256 makingAmount, uint256 lnImpliedRate, uint256 failSafeRate, bytes permit)[] normalFills, (bytes32 salt, uint256 expiry, uint256 nonce, uint8 orderType, address token, address YT, address maker, address receiver, uint256 makingAmount, uint256 lnImpliedRate, uint256 failSafeRate, bytes permit)[] flashFills, bytes optData) limit) returns (uint256, uint256)',
  'function swapExactSyForPt(address receiver, address market, uint256 exactSyIn, uint256 minPtOut, (uint256 guessMin, uint256 guessMax, uint256 guessOffchain, uint256 maxIteration, uint256 eps) guessPtOut, (address limitRouter, uint256 epsSkipMarket, (bytes32 salt, uint256 expiry, uint256 nonce, uint8 orderType, address token, address YT, address maker, address receiver, uint256 makingAmount, uint256 lnImpliedRate, uint256 failSafeRate, bytes permit)[] normalFills, (bytes32 salt, uint256 expiry, uint256 nonce, uint8 orderType, address token, address YT, address maker, address receiver, uint256 makingAmount, uint256 lnImpliedRate, uint256 failSafeRate, bytes permit)[] flashFills, bytes optData) limit) returns (uint256, uint256)',
  'function swapExactEthForPt(address receiver, address market, uint256 minPtOut) payable returns (uint256 netPtOut)',
  'function previewPtOut(address market, uint256 amountIn) view returns (uint256)',
]);

/** PYYtLpOracle: the PT price in the accounting asset. */
export const pendleOracleAbi = parseAbi(['function getPtToAssetRate(address market, uint32 duration) view returns (uint256)']);

export const pendleMarketAbi = parseAbi(['function expiry() view returns (uint256)']);
