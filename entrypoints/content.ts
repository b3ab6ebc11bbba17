import { PROVIDER_PORT_NAME } from '../lib/messaging/ui-events';
import type { InpageRequest } from '../lib/provider/page/channel';
import { startRelay } from '../lib/provider/page/relay';
import { startCardController } from '../lib/provider/page/card-controller';
import type { CardPreviewAnswer } from '../lib/provider/page/card-messages';

type StoredSettings = { defaultWallet?: boolean; guardMode?: boolean } | undefined;
const readSettings = () => browser.storage.local.get('ballast.settings').then((stored) => stored['ballast.settings'] as StoredSettings);

let card: ReturnType<typeof startCardController> | undefined;

/**
 * Hook for the in-page risk card: it is called with every transaction / signature request the page
 * sends, before the request goes to the background.
 */
export function onPageRequest(request: InpageRequest): void {
  card?.onPageRequest(request);
}

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  main() {
    card = startCardController({
      win: window,
      ask: (message) => browser.runtime.sendMessage(message) as Promise<CardPreviewAnswer>,
      // Guard mode is on unless the user turned it off.
      guardEnabled: () =>
        readSettings().then(
          (s) => s?.guardMode !== false,
          () => true,
        ),
    });
    const relay = startRelay({ win: window, connect: () => browser.runtime.connect({ name: PROVIDER_PORT_NAME }), onPageRequest });
    // Settings are public (storage.local); reading them here avoids waking the worker on every page.
    void readSettings()
      .then((settings) => {
        if (settings?.defaultWallet) relay.announceSettings(true);
      })
      .catch(() => undefined);
  },
});
