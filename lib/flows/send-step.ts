import type { PublicClient } from 'viem';
import { AppError } from '../errors';
import { assertStepFeeHolds, stepGasLimit } from './fee';
import type { ActivityService } from '../wallet/activity';
import { prepareFromNode, sendPrepared, walletSigners, type PreparedTransaction } from '../wallet/transactions';
import type { WalletService } from '../wallet/wallet-service';
import type { DeviceBridge } from '../wallet/hardware/bridge';
import type { SendFlowTransaction } from './types';

export type SendFlowStepDeps = {
  wallet: Pick<WalletService, 'status' | 'privateKey'> & Partial<Pick<WalletService, 'signingInfo'>>;
  /** Hardware accounts sign each step on their device through this bridge. */
  devices?: DeviceBridge;
  activity: Pick<ActivityService, 'add' | 'replacementOf'>;
  client: () => Promise<PublicClient>;
  /** The active network: a step approved for another chain is not signed after a network switch. */
  network: () => Promise<{ chainId: number }>;
  now?: () => number;
};

/** Gas is estimated on the state before earlier steps settle: 20 % headroom. */
const GAS_HEADROOM_PERCENT = 120n;

export const FLOW_ORIGIN = 'Ballast · Stake & deploy';

/**
 * How a flow step goes out: through the one transaction path (chain checks, signer, broadcast once, Activity)
 * with the key of the step's account (the user's one click on the previewed flow approved every step). The
 * fee per gas is the one the preview showed, the gas the estimate now within the preview's limit; a flow
 * planned without a fee (stored before fees were shown) is priced now.
 */
export function createFlowStepSender(deps: SendFlowStepDeps): SendFlowTransaction {
  return async (tx) => {
    if ((await deps.wallet.status()) !== 'unlocked') {
      throw new AppError('Ballast is locked', {
        code: 'flow.wallet.locked',
        details: 'Unlock the wallet, then press Retry to send this step.',
      });
    }
    const [client, network] = await Promise.all([deps.client(), deps.network()]);
    const call = { chainId: tx.chainId, from: tx.from, to: tx.to, data: tx.data, value: tx.value };
    let prepared: PreparedTransaction;
    if (tx.fee) {
      const [estimate] = await Promise.all([
        client.estimateGas({ account: tx.from, to: tx.to, data: tx.data, value: tx.value }),
        assertStepFeeHolds(client, tx.fee, tx.nonce),
      ]);
      const gas = stepGasLimit(tx.fee, estimate, GAS_HEADROOM_PERCENT);
      prepared =
        tx.fee.type === 'legacy'
          ? { ...call, type: 'legacy', nonce: tx.nonce, gas, gasPrice: BigInt(tx.fee.gasPrice!) }
          : {
              ...call,
              type: 'eip1559',
              nonce: tx.nonce,
              gas,
              maxFeePerGas: BigInt(tx.fee.maxFeePerGas!),
              maxPriorityFeePerGas: BigInt(tx.fee.maxPriorityFeePerGas!),
            };
    } else {
      prepared = await prepareFromNode(client, call, { nonce: tx.nonce, gasHeadroomPercent: GAS_HEADROOM_PERCENT });
    }
    return sendPrepared({
      client,
      activeChainId: network.chainId,
      signer: walletSigners(deps.wallet, deps.devices)(tx.from),
      tx: prepared,
      activity: deps.activity,
      origin: FLOW_ORIGIN,
      now: deps.now,
    });
  };
}
