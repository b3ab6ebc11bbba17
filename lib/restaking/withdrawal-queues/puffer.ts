import { encodeFunctionData } from 'viem';
import { erc20Abi, pufferWithdrawalManagerAbi } from '../../chain/abis';
import { PROTOCOL_CONTRACTS, TOKENS } from '../addresses';
import { assertAccepted } from './accepts';
import type { WithdrawalQueue } from './types';

const MANAGER = PROTOCOL_CONTRACTS.pufferWithdrawalManager;

/**
 * Puffer: PufferWithdrawalManager.requestWithdrawal(pufETH, recipient) pulls pufETH (approved to the manager);
 * completeQueuedWithdrawal(index) pays the recipient amount × min(rate at request, batch rate) once its batch of 10
 * is finalized. The payout arrives as WETH (the manager wraps it), 1:1 with ETH.
 */
export const puffer: WithdrawalQueue = {
  id: 'puffer',
  protocol: 'puffer',
  name: 'Puffer PufferWithdrawalManager',
  contract: {
    name: 'PufferWithdrawalManager',
    address: MANAGER,
    source: '../shared/reference/restaking.md §1.1 (PufferFinance/Deployments-and-ACL docs/deployments/mainnet.md)',
  },
  accepts: ['pufETH'],
  pays: 'WETH',
  requestCalls({ symbol, amount, owner }) {
    assertAccepted(puffer, symbol);
    return [
      {
        to: TOKENS.pufETH,
        data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [MANAGER, amount] }),
        value: 0n,
        label: 'Approve pufETH for the Puffer PufferWithdrawalManager',
      },
      {
        to: MANAGER,
        data: encodeFunctionData({ abi: pufferWithdrawalManagerAbi, functionName: 'requestWithdrawal', args: [amount, owner] }),
        value: 0n,
        label: 'Request a Puffer withdrawal (paid as WETH)',
      },
    ];
  },
  claimCalls({ requestId }) {
    return Promise.resolve([
      {
        to: MANAGER,
        data: encodeFunctionData({ abi: pufferWithdrawalManagerAbi, functionName: 'completeQueuedWithdrawal', args: [requestId] }),
        value: 0n,
        label: `Claim Puffer withdrawal #${requestId} (WETH)`,
      },
    ]);
  },
};
