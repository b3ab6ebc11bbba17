import type Transport from '@ledgerhq/hw-transport';

/**
 * The Ledger transport of a production build: WebHID, loaded only when a page talks to a device (hw-transport-webhid
 * is not in the popup's bundle). The first call asks the person to pick the device, so it must run from a click; later
 * calls reopen the device already granted. Test builds swap this module for the device double at build time
 * (wxt.config.ts alias `#ledger-transport`), so no double is ever in a production bundle.
 */
export async function openLedgerTransport(): Promise<Transport> {
  const { default: TransportWebHID } = await import('@ledgerhq/hw-transport-webhid');
  const [granted] = await TransportWebHID.list();
  return granted ? TransportWebHID.open(granted) : TransportWebHID.request();
}
