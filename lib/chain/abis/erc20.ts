import { parseAbi } from 'viem';

/**
 * ERC-20 as Ballast reads and decodes it: the calls a dApp asks a wallet to send or sign on a token
 * (with EIP-2612 permit, and ERC-721/1155 setApprovalForAll, which drainers ask for the same way) and the views.
 */
export const erc20Abi = parseAbi([
  'function approve(address spender, uint256 amount) returns (bool)',
  'function increaseAllowance(address spender, uint256 addedValue) returns (bool)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function transferFrom(address from, address to, uint256 amount) returns (bool)',
  'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)',
  'function setApprovalForAll(address operator, bool approved)',
  'function balanceOf(address owner) view returns (uint256)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
]);

/** OpenZeppelin Pausable: the deposit managers and vaults that can stop minting. */
export const pausableAbi = parseAbi(['function paused() view returns (bool)']);

/** ETH in through deposit() with nothing returned: WETH, and Rocket Pool's deposit pool and rswETH the same way. */
export const ethDepositAbi = parseAbi(['function deposit() payable']);

export const wethAbi = [...ethDepositAbi, ...parseAbi(['function withdraw(uint256 wad)'])] as const;
