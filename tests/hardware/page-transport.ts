import type Transport from '@ledgerhq/hw-transport';
import { LedgerDouble } from './ledger-double';

/**
 * The Ledger transport of the TEST build (wxt.config.ts aliases `#ledger-transport` here): one device double over the
 * devnet's public test seed, kept for the page's life so a browser test can flip its switches from the page
 * (`globalThis.ballastLedgerDouble.mode = 'reject'`). Never in a production bundle.
 */
const TEST_SEED = 'test test test test test test test test test test test junk';
const double = new LedgerDouble({ mnemonic: TEST_SEED });
(globalThis as { ballastLedgerDouble?: LedgerDouble }).ballastLedgerDouble = double;

export async function openLedgerTransport(): Promise<Transport> {
  return double;
}
