import { PROVIDER_PORT_NAME } from '../lib/messaging/ui-events';
import type { InpageRequest } from '../lib/provider/page/channel';
import { startRelay } from '../lib/provider/page/relay';

/**
 * Hook for the in-page risk card (preview issue): it is called with every transaction / signature
 * request the page sends, before the request goes to the background. Mount the shadow-DOM card here.
 */
export function onPageRequest(_request: InpageRequest): void {
  // Intentionally empty until the preview issue mounts its card.
}

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  main() {
    const relay = startRelay({ win: window, connect: () => browser.runtime.connect({ name: PROVIDER_PORT_NAME }), onPageRequest });
    // Settings are public (storage.local); reading them here avoids waking the worker on every page.
    void browser.storage.local.get('ballast.settings').then((stored) => {
      const settings = stored['ballast.settings'] as { defaultWallet?: boolean } | undefined;
      if (settings?.defaultWallet) relay.announceSettings(true);
    }).catch(() => undefined);
  },
});
