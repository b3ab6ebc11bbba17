import type { MethodHandler } from '../context';
import { anyArrayParams } from '../schemas';

/** Methods a dApp may send straight to the user's RPC: they read chain state and touch no key. */
export const READ_ONLY_METHODS = [
  'eth_blockNumber',
  'eth_call',
  'eth_estimateGas',
  'eth_feeHistory',
  'eth_gasPrice',
  'eth_getBalance',
  'eth_getBlockByHash',
  'eth_getBlockByNumber',
  'eth_getBlockTransactionCountByHash',
  'eth_getBlockTransactionCountByNumber',
  'eth_getCode',
  'eth_getLogs',
  'eth_getProof',
  'eth_getStorageAt',
  'eth_getTransactionByBlockHashAndIndex',
  'eth_getTransactionByBlockNumberAndIndex',
  'eth_getTransactionByHash',
  'eth_getTransactionCount',
  'eth_getTransactionReceipt',
  'eth_getUncleCountByBlockHash',
  'eth_getUncleCountByBlockNumber',
  'eth_maxPriorityFeePerGas',
  'eth_protocolVersion',
  'eth_syncing',
  'net_listening',
  'web3_clientVersion',
  'eth_blobBaseFee',
  'eth_simulateV1',
  'eth_createAccessList',
] as const;

const forward: MethodHandler = async ({ method, params }, deps) => {
  const list = anyArrayParams.parse(params) ?? [];
  const client = await deps.client();
  return client.request({ method: method as 'eth_call', params: list as never });
};

export const readOnlyMethods: Record<string, MethodHandler> = Object.fromEntries(READ_ONLY_METHODS.map((m) => [m, forward]));
