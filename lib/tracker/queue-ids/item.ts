import { z } from 'zod';
import { defineCheckedItem } from '../../storage';
import type { StoredQueueIdsBook } from './book';

/**
 * chrome.storage.local item of the known request ids (issue #16). The full check is decodeBook in store.ts
 * (damaged entries dropped one by one); here the value only has to be an object, anything else reads as empty.
 */
export const queueIdsItem = defineCheckedItem<StoredQueueIdsBook | null>('local:tracker.queueIds', {
  label: 'known withdrawal request ids',
  schema: z.custom<StoredQueueIdsBook>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)).nullable(),
  version: 1,
  fallback: null,
  onCorrupt: 'reset',
});
