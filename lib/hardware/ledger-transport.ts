/**
 * The one import of the Ledger transport seam: `#ledger-transport` is a build-time alias (wxt.config.ts), WebHID in a
 * production build and the device double in the test build; tsconfig maps it to the WebHID module for the typecheck.
 * The layer-map lint cannot resolve a Vite alias, hence the one exception here.
 */
// eslint-disable-next-line boundaries/dependencies
export { openLedgerTransport } from '#ledger-transport';
