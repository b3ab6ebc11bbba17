export { assertNodeOnChain, broadcastOnce } from './broadcast';
export { prepareFromNode, shownFeeOf, toSerializable, type PreparedTransaction, type ShownFee, type TransactionCall } from './prepared';
export { activityFeeOf, sendPrepared, tokenTransferOf, type SendPreparedParameters } from './send';
export { softwareSigner, walletSigners, type SignerFor, type TransactionSigner } from './signer';
export { watchReceipt, type WatchedReceipt } from './watch';
