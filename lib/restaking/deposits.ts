import { PROTOCOL_CONTRACTS as P, TOKENS } from './addresses';
import type { DepositEntry, RestakingSymbol } from './types';

/** Deposit (mint) entry points, reference §1.2. cbETH has no permissionless mint; osETH mints through a vault. */
export const DEPOSITS: Partial<Record<RestakingSymbol, DepositEntry>> = {
  stETH: { contract: TOKENS.stETH, signature: 'function submit(address referral) payable returns (uint256)', functionName: 'submit', payable: true, args: ['zeroAddress'] },
  wstETH: { contract: TOKENS.wstETH, signature: 'receive() payable', functionName: 'receive', payable: true, args: [], note: 'plain ETH transfer: receive() stakes via submit(address(0)) and wraps' },
  rETH: {
    contract: P.rocketDepositPool, signature: 'function deposit() payable', functionName: 'deposit', payable: true, args: [], resolveAtRuntime: true,
    note: 'resolve RocketStorage.getAddress(keccak256(abi.encodePacked("contract.address","rocketDepositPool"))) first',
  },
  eETH: { contract: P.etherfiLiquidityPool, signature: 'function deposit() payable returns (uint256)', functionName: 'deposit', payable: true, args: [] },
  weETH: { contract: P.etherfiLiquidityPool, signature: 'function deposit() payable returns (uint256)', functionName: 'deposit', payable: true, args: [], note: 'mints eETH; then approve eETH and weETH.wrap(amount)' },
  ezETH: { contract: P.renzoRestakeManager, signature: 'function depositETH() payable', functionName: 'depositETH', payable: true, args: [] },
  rsETH: {
    contract: P.kelpDepositPool, signature: 'function depositETH(uint256 minRSETHAmountExpected, string referralId) payable', functionName: 'depositETH',
    payable: true, args: ['minOut', 'emptyString'], note: 'reverts MinimumAmountToReceiveNotMet below minOut; preview with getRsETHAmountToMint(0xEeee…, amount)',
  },
  pufETH: { contract: TOKENS.pufETH, signature: 'function depositETH(address receiver) payable returns (uint256)', functionName: 'depositETH', payable: true, args: ['receiver'] },
  rswETH: { contract: TOKENS.rswETH, signature: 'function deposit() payable', functionName: 'deposit', payable: true, args: [], note: 'behind a whitelist check on mainnet' },
  ETHx: { contract: P.staderStakePoolsManager, signature: 'function deposit(address receiver) payable returns (uint256)', functionName: 'deposit', payable: true, args: ['receiver'] },
  osETH: {
    contract: P.stakewiseGenesisVault, signature: 'function depositAndMintOsToken(address receiver, uint256 osTokenShares, address referrer) payable',
    functionName: 'depositAndMintOsToken', payable: true, args: ['receiver', 'minOut', 'zeroAddress'], note: 'StakeWise v3 vault; not modelled on the devnet',
  },
  mETH: { contract: P.mantleStaking, signature: 'function stake(uint256 minMETHAmount) payable', functionName: 'stake', payable: true, args: ['minOut'] },
};
