import type { Abi } from 'viem';
import {
  abiFunction,
  etherfiLiquidityPoolAbi,
  humanSignature,
  kelpDepositPoolAbi,
  lidoStethAbi,
  mantleStakingAbi,
  pufferVaultAbi,
  renzoRestakeManagerAbi,
  rocketDepositPoolAbi,
  rswethAbi,
  staderStakePoolsManagerAbi,
  stakewiseVaultAbi,
} from '../chain/abis';
import { PROTOCOL_CONTRACTS as P, TOKENS } from './addresses';
import type { DepositEntry, RestakingSymbol } from './types';

type Extra = Pick<DepositEntry, 'resolveAtRuntime' | 'note'>;

/** An entry whose function comes from the ABI registry: the overload the args fill, its signature derived from it. */
function deposit(
  contract: DepositEntry['contract'],
  abi: Abi,
  functionName: string,
  args: DepositEntry['args'],
  extra: Extra = {},
): DepositEntry {
  const item = abiFunction(abi, functionName, args.length);
  return {
    contract,
    abi: [item],
    signature: humanSignature(item),
    functionName,
    payable: item.stateMutability === 'payable',
    args,
    ...extra,
  };
}

/** Deposit (mint) entry points, reference §1.2. cbETH has no permissionless mint; osETH mints through a vault. */
export const DEPOSITS: Partial<Record<RestakingSymbol, DepositEntry>> = {
  stETH: deposit(TOKENS.stETH, lidoStethAbi, 'submit', ['zeroAddress']),
  wstETH: {
    contract: TOKENS.wstETH,
    abi: [],
    signature: 'receive() payable',
    functionName: 'receive',
    payable: true,
    args: [],
    note: 'plain ETH transfer: receive() stakes via submit(address(0)) and wraps',
  },
  rETH: deposit(P.rocketDepositPool, rocketDepositPoolAbi, 'deposit', [], {
    resolveAtRuntime: true,
    note: 'resolve RocketStorage.getAddress(keccak256(abi.encodePacked("contract.address","rocketDepositPool"))) first',
  }),
  eETH: deposit(P.etherfiLiquidityPool, etherfiLiquidityPoolAbi, 'deposit', []),
  weETH: deposit(P.etherfiLiquidityPool, etherfiLiquidityPoolAbi, 'deposit', [], {
    note: 'mints eETH; then approve eETH and weETH.wrap(amount)',
  }),
  ezETH: deposit(P.renzoRestakeManager, renzoRestakeManagerAbi, 'depositETH', []),
  rsETH: deposit(P.kelpDepositPool, kelpDepositPoolAbi, 'depositETH', ['minOut', 'emptyString'], {
    note: 'reverts MinimumAmountToReceiveNotMet below minOut; preview with getRsETHAmountToMint(0xEeee…, amount)',
  }),
  pufETH: deposit(TOKENS.pufETH, pufferVaultAbi, 'depositETH', ['receiver']),
  rswETH: deposit(TOKENS.rswETH, rswethAbi, 'deposit', [], { note: 'behind a whitelist check on mainnet' }),
  ETHx: deposit(P.staderStakePoolsManager, staderStakePoolsManagerAbi, 'deposit', ['receiver']),
  osETH: deposit(P.stakewiseGenesisVault, stakewiseVaultAbi, 'depositAndMintOsToken', ['receiver', 'minOut', 'zeroAddress'], {
    note: 'StakeWise v3 vault; not modelled on the devnet',
  }),
  mETH: deposit(P.mantleStaking, mantleStakingAbi, 'stake', ['minOut']),
};
