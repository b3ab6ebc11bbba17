import type { RestakingSymbol } from '../types';
import { lidoWithdrawalQueue } from './lido';
import { MORE_WITHDRAWAL_QUEUES } from './more';
import type { WithdrawalQueue, WithdrawalQueueId } from './types';

export * from './types';
export {
  lidoWithdrawalQueue,
  splitWithdrawalAmount,
  MAX_STETH_WITHDRAWAL_AMOUNT,
  MIN_STETH_WITHDRAWAL_AMOUNT,
  MAX_WSTETH_CHUNK,
} from './lido';

/** Every protocol queue Ballast can request from and claim from in one click: one entry per queue file. */
export const WITHDRAWAL_QUEUES: readonly WithdrawalQueue[] = [
  lidoWithdrawalQueue,
  // ether.fi, Kelp, Renzo, Puffer, Mantle (lib/restaking/withdrawal-queues/more.ts).
  ...MORE_WITHDRAWAL_QUEUES,
];

export const withdrawalQueueById = (id: string): WithdrawalQueue | undefined => WITHDRAWAL_QUEUES.find((q) => q.id === id);

/** The queue that takes this token, if any (stETH and wstETH → Lido). */
export const withdrawalQueueFor = (symbol: string): WithdrawalQueue | undefined =>
  WITHDRAWAL_QUEUES.find((q) => (q.accepts as readonly string[]).includes(symbol as RestakingSymbol));

export type { WithdrawalQueueId };
