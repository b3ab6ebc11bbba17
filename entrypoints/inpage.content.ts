import { installInpageProvider } from '../lib/provider/page/inpage-provider';

// MAIN world at document_start: the page's own inline scripts already see window.ethereum and the
// EIP-6963 announcement. Keep this bundle tiny: no viem, no zod.
export default defineContentScript({
  matches: ['<all_urls>'],
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main() {
    installInpageProvider(window as Window & { ethereum?: unknown });
  },
});
