import { parseAbi } from 'viem';

/** ERC-4626 vault conversions (pufETH, Stader's pool manager, StakeWise's osToken controller answer these). */
export const erc4626Abi = parseAbi([
  'function convertToAssets(uint256 shares) view returns (uint256)',
  'function convertToShares(uint256 assets) view returns (uint256)',
  'function previewDeposit(uint256 assets) view returns (uint256)',
  'function previewRedeem(uint256 shares) view returns (uint256)',
  'function totalAssets() view returns (uint256)',
  'function asset() view returns (address)',
]);
