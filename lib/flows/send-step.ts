import type { PublicClient } from 'viem';
import { AppError } from '../errors';
import type { ActivityService } from '../wallet/activity';
import { signTransactionWithKey } from '../wallet/signing';
import type { WalletService } from '../wallet/wallet-service';
import type { SendFlowTransaction } from './types';

export type SendFlowStepDeps = {
  wallet: Pick<WalletService, 'status' | 'privateKey'>;
  activity: Pick<ActivityService, 'add'>;
  client: () => Promise<PublicClient>;
  now?: () => number;
};

/** Gas is estimated on the state before earlier steps settle: 20 % headroom. */
const GAS_HEADROOM_PERCENT = 120n;

/**
 * How a flow step goes out: gas and fees estimated now, signed with the key of the step's account
 * (the user's one click on the previewed flow approved every step), broadcast, and listed in Activity.
 */
export function createFlowStepSender(deps: SendFlowStepDeps): SendFlowTransaction {
  const now = deps.now ?? Date.now;
  return async (tx) => {
    if ((await deps.wallet.status()) !== 'unlocked') {
      throw new AppError('Ballast is locked', {
        code: 'flow.wallet.locked',
        details: 'Unlock the wallet, then press Retry to send this step.',
      });
    }
    const client = await deps.client();
    const [gas, fees] = await Promise.all([
      client.estimateGas({ account: tx.from, to: tx.to, data: tx.data, value: tx.value }),
      client.estimateFeesPerGas(),
    ]);
    const signed = await signTransactionWithKey(await deps.wallet.privateKey(tx.from), {
      type: 'eip1559',
      chainId: tx.chainId,
      nonce: tx.nonce,
      to: tx.to,
      data: tx.data,
      value: tx.value,
      gas: (gas * GAS_HEADROOM_PERCENT) / 100n,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    });
    const hash = await client.sendRawTransaction({ serializedTransaction: signed });
    await deps.activity.add({
      hash,
      from: tx.from,
      to: tx.to,
      value: tx.value.toString(),
      chainId: tx.chainId,
      status: 'pending',
      submittedAt: now(),
      origin: 'Ballast · Stake & deploy',
    });
    return hash;
  };
}
