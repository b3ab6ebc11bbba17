/**
 * Push channel from the background to open extension pages (popup, approval window), so they
 * re-read state when it changes instead of polling. Pages connect a runtime Port with this name;
 * the background posts UiEvent objects on every connected UI port.
 */
export const UI_PORT_NAME = 'ballast:ui';

export type UiTopic =
  | 'wallet'
  | 'pending'
  | 'sites'
  | 'networks'
  | 'activity'
  | 'settings'
  | 'portfolio'
  | 'alerts'
  | 'flows'
  | 'addressBook'
  | 'balances'
  | 'devices';

export type UiEvent = { type: 'changed'; topic: UiTopic };

/** Port name the isolated content script uses to carry EIP-1193 requests of its page to the background. */
export const PROVIDER_PORT_NAME = 'ballast:provider';
