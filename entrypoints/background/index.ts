import '../../lib/polyfills';

export default defineBackground({
  type: 'module',
  main() {
    // Listeners are registered synchronously here so MV3 can wake the worker for them.
    browser.runtime.onInstalled.addListener(() => {
      void browser.storage.local.set({ 'ballast:installedAt': Date.now() });
    });
  },
});
