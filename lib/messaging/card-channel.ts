import { z } from 'zod';
import { CARD_MESSAGE, type CardPreviewAnswer } from '../provider/page/card-messages';
import { isPreviewedMethod } from '../preview/request';
import type { PreviewService } from '../preview/service';
import { isOwnContentScript, originOf, type ExtensionRuntime, type MessageSender } from './extension-api';
import { createRateLimit, type RateLimit } from './rate-limit';

/** A guard ask carries a whole request; more than this is not a transaction a page means to send. */
const MAX_PARAMS_BYTES = 1_000_000;

const paramsWithinSize = z.unknown().refine((params) => {
  try {
    return JSON.stringify(params ?? null).length <= MAX_PARAMS_BYTES;
  } catch {
    return false; // cycles, bigints: nothing a page could have meant as JSON-RPC params
  }
}, `params larger than ${MAX_PARAMS_BYTES} bytes`);

/**
 * Guard asks answered per origin per minute. Each runs a simulation on the user's RPC for whatever the
 * page sends; beyond this the answer is { ok: false, reason: 'rate-limited' } and the card says Ballast
 * could not check (never silence that reads as safe). Kept in memory: a worker restart resets the count.
 */
export const GUARD_ASKS_PER_MINUTE = 10;
const guardAsks = createRateLimit({ limit: GUARD_ASKS_PER_MINUTE, windowMs: 60_000 });

export const cardAskSchema = z.object({
  type: z.literal(CARD_MESSAGE),
  mode: z.enum(['ballast', 'guard']),
  requestId: z.string().min(1).max(100),
  method: z.string().refine(isPreviewedMethod, 'not a previewed method'),
  params: paramsWithinSize.optional(),
});

/**
 * The one named exception to "extension pages only": our content script asks for the preview card of
 * a request on its page (a runtime message, not the UI protocol). The sender must be our content script
 * in a tab with a real origin, and that origin decides what it may see: only its own queued requests
 * ('ballast'), or a preview of params it sent itself ('guard', at most GUARD_ASKS_PER_MINUTE). Anything
 * else gets no answer at all.
 */
export function answerCardAsk(
  deps: { runtime: ExtensionRuntime; previews: () => PreviewService; guardLimit?: RateLimit },
  raw: unknown,
  sender: MessageSender | undefined,
): Promise<CardPreviewAnswer> | undefined {
  const parsed = cardAskSchema.safeParse(raw);
  if (!parsed.success || !isOwnContentScript(deps.runtime, sender)) return undefined;
  const ask = parsed.data;
  const origin = originOf(sender)!;
  if (ask.mode === 'guard' && !(deps.guardLimit ?? guardAsks).take(origin)) return Promise.resolve({ ok: false, reason: 'rate-limited' });
  const previews = deps.previews();
  const answer =
    ask.mode === 'ballast' ? previews.forPageRequest(origin, ask.requestId) : previews.forGuard(ask.method, ask.params, origin);
  return answer.then(
    (view): CardPreviewAnswer => (view ? { ok: true, ...view } : { ok: false }),
    (): CardPreviewAnswer => ({ ok: false }),
  );
}
