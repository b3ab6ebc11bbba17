import { encodeFunctionData, type Address, type Client } from 'viem';
import { readContract } from 'viem/actions';
import { erc20Abi, kelpWithdrawalManagerAbi } from '../../chain/abis';
import { AppError } from '../../errors';
import { PROTOCOL_CONTRACTS, TOKENS } from '../addresses';
import { assertAccepted } from './accepts';
import type { QueueCall, WithdrawalQueue } from './types';

const MANAGER = PROTOCOL_CONTRACTS.kelpWithdrawalManager;
/** Kelp's marker for native ETH (LRTConstants.ETH_TOKEN): the asset these requests pay. */
export const KELP_ETH_TOKEN: Address = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';

/**
 * Where `nonce` sits in the owner's deque of ETH requests (0 = the oldest, the one completeWithdrawal pays next),
 * read from the manager itself.
 */
export async function kelpQueueIndex(client: Client, owner: Address, nonce: bigint): Promise<bigint> {
  const [begin, end] = await readContract(client, {
    address: MANAGER,
    abi: kelpWithdrawalManagerAbi,
    functionName: 'userAssociatedNonces',
    args: [KELP_ETH_TOKEN, owner],
  });
  for (let i = 0n; i < end - begin; i += 1n) {
    const [, , , userNonce] = await readContract(client, {
      address: MANAGER,
      abi: kelpWithdrawalManagerAbi,
      functionName: 'getUserWithdrawalRequest',
      args: [KELP_ETH_TOKEN, owner, i],
    });
    if (userNonce === nonce) return i;
  }
  throw new AppError(`Kelp withdrawal #${nonce} is not among this account's requests`, {
    details: `LRTWithdrawalManager ${MANAGER} lists ${end - begin} open ETH request(s) for ${owner}; it may be claimed already.`,
    code: 'queue.request.unknown',
  });
}

/**
 * Kelp: LRTWithdrawalManager.initiateWithdrawal(ETH, rsETH, referralId) pulls rsETH (approved to the manager);
 * completeWithdrawal(ETH, referralId) pays the caller's OLDEST request once the operator unlocked it and the delay
 * passed. Claiming request #n therefore sends one completeWithdrawal per request up to and including it.
 */
export const kelp: WithdrawalQueue = {
  id: 'kelp',
  protocol: 'kelp',
  name: 'Kelp LRTWithdrawalManager',
  contract: {
    name: 'LRTWithdrawalManager',
    address: MANAGER,
    source: '../shared/reference/restaking.md §1.1 (Kelp-DAO/LRT-rsETH README.md mainnet table)',
  },
  accepts: ['rsETH'],
  pays: 'ETH',
  requestCalls({ symbol, amount }) {
    assertAccepted(kelp, symbol);
    return [
      {
        to: TOKENS.rsETH,
        data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [MANAGER, amount] }),
        value: 0n,
        label: 'Approve rsETH for the Kelp LRTWithdrawalManager',
      },
      {
        to: MANAGER,
        data: encodeFunctionData({ abi: kelpWithdrawalManagerAbi, functionName: 'initiateWithdrawal', args: [KELP_ETH_TOKEN, amount, ''] }),
        value: 0n,
        label: 'Request a Kelp withdrawal to ETH',
      },
    ];
  },
  async claimCalls({ requestId, owner, client }) {
    const index = await kelpQueueIndex(client, owner, requestId);
    const data = encodeFunctionData({ abi: kelpWithdrawalManagerAbi, functionName: 'completeWithdrawal', args: [KELP_ETH_TOKEN, ''] });
    return Array.from({ length: Number(index) + 1 }, (_, i): QueueCall => ({
      to: MANAGER,
      data,
      value: 0n,
      label: i === Number(index) ? `Claim Kelp withdrawal #${requestId}` : `Claim an older Kelp withdrawal first (${i + 1} of ${index})`,
    }));
  },
};
