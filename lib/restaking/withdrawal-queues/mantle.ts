import { encodeFunctionData } from 'viem';
import { erc20Abi, mantleStakingUnstakeAbi } from '../../chain/abis';
import { PROTOCOL_CONTRACTS, TOKENS } from '../addresses';
import { assertAccepted } from './accepts';
import type { WithdrawalQueue } from './types';

const STAKING = PROTOCOL_CONTRACTS.mantleStaking;

/**
 * Mantle: Staking.unstakeRequest(mETH amount, minETHAmount) pulls mETH (approved to Staking) into the
 * UnstakeRequestsManager and fixes the ETH owed at mETHToETH then; Staking.claimUnstakeRequest(id) pays exactly that
 * once the oracle has finalized the request's block and allocated ETH covers it. minETHAmount is 0: the amount is
 * fixed on chain at the request and shown in the preview.
 */
export const mantle: WithdrawalQueue = {
  id: 'mantle',
  protocol: 'mantle',
  name: 'Mantle UnstakeRequestsManager',
  contract: {
    name: 'UnstakeRequestsManager',
    address: PROTOCOL_CONTRACTS.mantleUnstakeRequestsManager,
    source: '../shared/reference/restaking.md §1.1 (mantle-lsp/contracts deployments/1, README address table)',
  },
  accepts: ['mETH'],
  pays: 'ETH',
  requestCalls({ symbol, amount }) {
    assertAccepted(mantle, symbol);
    return [
      {
        to: TOKENS.mETH,
        data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [STAKING, amount] }),
        value: 0n,
        label: 'Approve mETH for Mantle Staking',
      },
      {
        to: STAKING,
        data: encodeFunctionData({ abi: mantleStakingUnstakeAbi, functionName: 'unstakeRequest', args: [amount, 0n] }),
        value: 0n,
        label: 'Request a Mantle unstake to ETH',
      },
    ];
  },
  claimCalls({ requestId }) {
    return Promise.resolve([
      {
        to: STAKING,
        data: encodeFunctionData({ abi: mantleStakingUnstakeAbi, functionName: 'claimUnstakeRequest', args: [requestId] }),
        value: 0n,
        label: `Claim Mantle unstake request #${requestId}`,
      },
    ]);
  },
};
