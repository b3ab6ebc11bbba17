import { AppError, serializeError } from '../../lib/errors';
import { onMessage, type UiTopic } from '../../lib/messaging';
import { CARD_MESSAGE, type CardPreviewAnswer, type CardPreviewAsk } from '../../lib/provider/page/card-messages';
import { pendingItem } from '../../lib/storage';
import { createNetworkClient } from '../../lib/chain';
import type { BrowserApi, MessageSender } from './browser-api';
import { isExtensionPage, originOf } from './ports';
import { isPreviewedMethod } from './preview-request';
import { createPreviewService } from './preview-service';
import type { Services } from './services';

const MAX_PARAMS_BYTES = 1_000_000;

function parseAsk(raw: unknown): CardPreviewAsk | undefined {
  const m = raw as Partial<CardPreviewAsk> | null;
  if (!m || typeof m !== 'object' || m.type !== CARD_MESSAGE) return undefined;
  if (m.mode !== 'ballast' && m.mode !== 'guard') return undefined;
  if (typeof m.requestId !== 'string' || m.requestId.length === 0 || m.requestId.length > 100) return undefined;
  if (typeof m.method !== 'string' || !isPreviewedMethod(m.method)) return undefined;
  try {
    if (JSON.stringify(m.params ?? null).length > MAX_PARAMS_BYTES) return undefined;
  } catch {
    return undefined;
  }
  return m as CardPreviewAsk;
}

/**
 * Risk previews: built when a transaction / signature / batch enters the approval queue, read by the
 * approval window ('preview:get') and by our content script for the page card (runtime message from a
 * tab; the tab's own origin decides what it may see).
 */
export function registerPreview(browser: BrowserApi, get: () => Services, notify: (topic: UiTopic) => void) {
  const service = createPreviewService({
    client: async () => createNetworkClient(await get().networks.active()),
    network: () => get().networks.active(),
    pending: () => pendingItem.getValue(),
    watchPending: (fn) => pendingItem.watch(fn),
    selectedAddress: async () => (await get().wallet.meta()).selectedAddress ?? undefined,
    onReady: () => notify('pending'),
  });
  pendingItem.watch(() => void service.sync());
  void service.sync();

  onMessage('preview:get', async ({ data, sender }) => {
    try {
      if (!isExtensionPage(browser, sender as MessageSender)) {
        throw new AppError('Refused: not an extension page', {
          details: 'Only Ballast pages may read previews.',
          code: 'forbidden_sender',
        });
      }
      return { ok: true, value: await service.get(String(data.id), data.wait === true) };
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender: MessageSender, sendResponse: (answer: CardPreviewAnswer) => void) => {
    const ask = parseAsk(raw);
    if (!ask) return undefined;
    const origin = originOf(sender);
    if (sender.id !== browser.runtime.id || !sender.tab || !origin) return undefined;
    const answer = ask.mode === 'ballast' ? service.forPageRequest(origin, ask.requestId) : service.forGuard(ask.method, ask.params);
    void answer.then(
      (view) => sendResponse(view ? { ok: true, ...view } : { ok: false }),
      () => sendResponse({ ok: false }),
    );
    return true;
  });
}
