import { etherfi } from './etherfi';
import { kelp } from './kelp';
import { mantle } from './mantle';
import { puffer } from './puffer';
import { renzo } from './renzo';
import type { WithdrawalQueue } from './types';

/** The queues beyond Lido; WITHDRAWAL_QUEUES (index.ts) lists them after Lido's. */
export const MORE_WITHDRAWAL_QUEUES: readonly WithdrawalQueue[] = [etherfi, kelp, renzo, puffer, mantle];
export { etherfi, kelp, mantle, puffer, renzo };
