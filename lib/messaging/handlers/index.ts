import type { HandlerTable } from '../handler-layer';
import type { ProtocolServices } from './context';
import { addressBookHandlers } from './address-book';
import { flowsHandlers } from './flows';
import { portfolioHandlers } from './portfolio';
import { sendHandlers } from './send';
import { settingsHandlers } from './settings';
import { walletHandlers } from './wallet';

export type { ProtocolServices } from './context';

/** Every UI protocol message's handler; a message without one does not compile. */
export const PROTOCOL_HANDLERS: HandlerTable<ProtocolServices> = {
  ...walletHandlers,
  ...settingsHandlers,
  ...portfolioHandlers,
  ...flowsHandlers,
  ...addressBookHandlers,
  ...sendHandlers,
};
