import type { PublicClient, TransactionSerializable } from 'viem';
import { AppError } from '../errors';
import { assertStepFeeHolds, stepGasLimit } from './fee';
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
 * How a flow step goes out: signed with the key of the step's account (the user's one click on the
 * previewed flow approved every step), broadcast, and listed in Activity. The fee per gas is the one the
 * preview showed, the gas the estimate now within the preview's limit; a flow planned without a fee (stored
 * before fees were shown) is priced now.
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
    const base = { chainId: tx.chainId, nonce: tx.nonce, to: tx.to, data: tx.data, value: tx.value };
    let serializable: TransactionSerializable;
    if (tx.fee) {
      const [estimate] = await Promise.all([
        client.estimateGas({ account: tx.from, to: tx.to, data: tx.data, value: tx.value }),
        assertStepFeeHolds(client, tx.fee, tx.nonce),
      ]);
      const gas = stepGasLimit(tx.fee, estimate, GAS_HEADROOM_PERCENT);
      serializable =
        tx.fee.type === 'legacy'
          ? { ...base, type: 'legacy', gas, gasPrice: BigInt(tx.fee.gasPrice!) }
          : {
              ...base,
              type: 'eip1559',
              gas,
              maxFeePerGas: BigInt(tx.fee.maxFeePerGas!),
              maxPriorityFeePerGas: BigInt(tx.fee.maxPriorityFeePerGas!),
            };
    } else {
      const [gas, fees] = await Promise.all([
        client.estimateGas({ account: tx.from, to: tx.to, data: tx.data, value: tx.value }),
        client.estimateFeesPerGas(),
      ]);
      serializable = {
        ...base,
        type: 'eip1559',
        gas: (gas * GAS_HEADROOM_PERCENT) / 100n,
        maxFeePerGas: fees.maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      };
    }
    const signed = await signTransactionWithKey(await deps.wallet.privateKey(tx.from), serializable);
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
