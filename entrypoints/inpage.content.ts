import { installInpageProvider } from '../lib/provider/page/inpage-provider';
import { installGuard } from '../lib/provider/page/guard';

// MAIN world at document_start: the page's own inline scripts already see window.ethereum and the
// EIP-6963 announcement. Keep this bundle tiny: no viem, no zod.
export default defineContentScript({
  matches: ['<all_urls>'],
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main() {
    const provider = installInpageProvider(window as Window & { ethereum?: unknown });
    // Guard mode: another wallet's transaction and signature requests get the Ballast card first.
    installGuard(window as Window & { ethereum?: unknown }, provider);
  },
});
