import { parseAbi } from 'viem';

/** Symbiotic vault: the staker's balances, the collateral, and the slash it reports (reference §2.2). */
export const symbioticVaultAbi = parseAbi([
  'function activeBalanceOf(address account) view returns (uint256)',
  'function slashableBalanceOf(address account) view returns (uint256)',
  'function collateral() view returns (address)',
  'event OnSlash(uint256 amount, uint48 captureTimestamp, uint256 slashedAmount)',
]);
