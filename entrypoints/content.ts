import { PROVIDER_PORT_NAME } from '../lib/messaging/ui-events';
import type { InpageRequest } from '../lib/provider/page/channel';
import { startRelay } from '../lib/provider/page/relay';
import { startCardController } from '../lib/provider/page/card-controller';
import type { CardPreviewAnswer } from '../lib/provider/page/card-messages';
import { SETTINGS_ASK, type PublicSettings, type SettingsAsk } from '../lib/provider/page/settings-messages';

/**
 * The background answers with the two settings this script acts on: storage.local, where they are kept,
 * is closed to content scripts because the encrypted vault is there too (lib/storage/access-level).
 */
const askSettings = () => browser.runtime.sendMessage({ type: SETTINGS_ASK } satisfies SettingsAsk) as Promise<PublicSettings | undefined>;

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
        askSettings().then(
          (s) => s?.guardMode !== false,
          () => true,
        ),
    });
    const relay = startRelay({ win: window, connect: () => browser.runtime.connect({ name: PROVIDER_PORT_NAME }), onPageRequest });
    // Asked once per document, as the stored value was read before: a change applies from the next page load.
    // This wakes a stopped worker (the settings are no longer readable here without it).
    void askSettings()
      .then((settings) => {
        if (settings?.defaultWallet) relay.announceSettings(true);
      })
      .catch(() => undefined);
  },
});
