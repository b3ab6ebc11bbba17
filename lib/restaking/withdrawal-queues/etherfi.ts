import { encodeFunctionData } from 'viem';
import { erc20Abi, etherfiRequestWithdrawAbi, etherfiWithdrawRequestNftAbi } from '../../chain/abis';
import { PROTOCOL_CONTRACTS, TOKENS } from '../addresses';
import { assertAccepted } from './accepts';
import type { WithdrawalQueue } from './types';

const POOL = PROTOCOL_CONTRACTS.etherfiLiquidityPool;
const NFT = PROTOCOL_CONTRACTS.etherfiWithdrawRequestNFT;

/**
 * ether.fi: LiquidityPool.requestWithdraw(recipient, amount) pulls eETH (approved to the pool) into the
 * WithdrawRequestNFT and mints the recipient a request NFT; WithdrawRequestNFT.claimWithdraw(id) burns it and pays
 * min(eETH amount, shares × the rate frozen at finalization) in ETH. weETH must be unwrapped to eETH first.
 */
export const etherfi: WithdrawalQueue = {
  id: 'etherfi',
  protocol: 'etherfi',
  name: 'ether.fi WithdrawRequestNFT',
  contract: {
    name: 'WithdrawRequestNFT',
    address: NFT,
    source: 'github.com/etherfi-protocol/smart-contracts script/deploys/Deployed.s.sol (WITHDRAW_REQUEST_NFT)',
  },
  accepts: ['eETH'],
  pays: 'ETH',
  requestCalls({ symbol, amount, owner }) {
    assertAccepted(etherfi, symbol);
    return [
      {
        to: TOKENS.eETH,
        data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [POOL, amount] }),
        value: 0n,
        label: 'Approve eETH for the ether.fi LiquidityPool',
      },
      {
        to: POOL,
        data: encodeFunctionData({ abi: etherfiRequestWithdrawAbi, functionName: 'requestWithdraw', args: [owner, amount] }),
        value: 0n,
        label: 'Request an ether.fi withdrawal (WithdrawRequestNFT)',
      },
    ];
  },
  claimCalls({ requestId }) {
    return Promise.resolve([
      {
        to: NFT,
        data: encodeFunctionData({ abi: etherfiWithdrawRequestNftAbi, functionName: 'claimWithdraw', args: [requestId] }),
        value: 0n,
        label: `Claim ether.fi withdrawal #${requestId}`,
      },
    ]);
  },
};
