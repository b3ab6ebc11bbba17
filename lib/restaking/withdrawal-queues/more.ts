import { etherfi } from './etherfi';
import { kelp } from './kelp';
import { puffer } from './puffer';
import type { WithdrawalQueue } from './types';

/** The queues beyond Lido (branch wdqueues); the lead merges them into the one list next to Lido's. */
export const MORE_WITHDRAWAL_QUEUES: readonly WithdrawalQueue[] = [etherfi, kelp, puffer];
export { etherfi, kelp, puffer };
