import { encodeFunctionData, type Address, type Client } from 'viem';
import { readContract } from 'viem/actions';
import { erc20Abi, renzoWithdrawQueueAbi } from '../../chain/abis';
import { AppError } from '../../errors';
import { PROTOCOL_CONTRACTS, TOKENS } from '../addresses';
import { assertAccepted } from './accepts';
import type { WithdrawalQueue } from './types';

const QUEUE = PROTOCOL_CONTRACTS.renzoWithdrawQueue;
/** Renzo's marker for native ETH as the asset out (WithdrawQueueStorage IS_NATIVE). */
export const RENZO_IS_NATIVE: Address = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';

/**
 * Where request `withdrawRequestID` sits in the owner's array today (claims swap the last entry into the claimed
 * slot, so indexes move), read from the queue itself.
 */
export async function renzoRequestIndex(client: Client, owner: Address, withdrawRequestID: bigint): Promise<bigint> {
  const n = await readContract(client, {
    address: QUEUE,
    abi: renzoWithdrawQueueAbi,
    functionName: 'getOutstandingWithdrawRequests',
    args: [owner],
  });
  for (let i = 0n; i < n; i += 1n) {
    const [, id] = await readContract(client, {
      address: QUEUE,
      abi: renzoWithdrawQueueAbi,
      functionName: 'withdrawRequests',
      args: [owner, i],
    });
    if (id === withdrawRequestID) return i;
  }
  throw new AppError(`Renzo withdrawal #${withdrawRequestID} is not among this account's requests`, {
    details: `WithdrawQueue ${QUEUE} lists ${n} outstanding request(s) for ${owner}; it may be claimed already.`,
    code: 'queue.request.unknown',
  });
}

/**
 * Renzo: WithdrawQueue.withdraw(ezETH amount, IS_NATIVE) pulls ezETH (approved to the queue) and records the ETH it
 * is worth then; claim(index, owner) after coolDownPeriod (and once a queued request is filled) pays the lower of
 * that and the ezETH's worth at claim time, and burns the ezETH.
 */
export const renzo: WithdrawalQueue = {
  id: 'renzo',
  protocol: 'renzo',
  name: 'Renzo WithdrawQueue',
  contract: {
    name: 'WithdrawQueue',
    address: QUEUE,
    source:
      'third-party mainnet configs (integrators’ Renzo WITHDRAW_QUEUE / withdrawManager, Renzo substreams); not listed in Renzo-Protocol/contracts-public; checked by the smoke run',
  },
  accepts: ['ezETH'],
  pays: 'ETH',
  requestCalls({ symbol, amount }) {
    assertAccepted(renzo, symbol);
    return [
      {
        to: TOKENS.ezETH,
        data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [QUEUE, amount] }),
        value: 0n,
        label: 'Approve ezETH for the Renzo WithdrawQueue',
      },
      {
        to: QUEUE,
        data: encodeFunctionData({ abi: renzoWithdrawQueueAbi, functionName: 'withdraw', args: [amount, RENZO_IS_NATIVE] }),
        value: 0n,
        label: 'Request a Renzo withdrawal to ETH',
      },
    ];
  },
  async claimCalls({ requestId, owner, client }) {
    const index = await renzoRequestIndex(client, owner, requestId);
    return [
      {
        to: QUEUE,
        data: encodeFunctionData({ abi: renzoWithdrawQueueAbi, functionName: 'claim', args: [index, owner] }),
        value: 0n,
        label: `Claim Renzo withdrawal #${requestId}`,
      },
    ];
  },
};
