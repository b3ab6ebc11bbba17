/**
 * Content script → background (runtime message): the settings a content script acts on. storage.local
 * (where they are kept, next to the encrypted vault) is closed to content scripts, so the background
 * answers with exactly these two and nothing else. Type and string constant only: the content script
 * bundle stays small.
 */
export const SETTINGS_ASK = 'ballast:public-settings';
export type SettingsAsk = { type: typeof SETTINGS_ASK };
/** defaultWallet: take window.ethereum even when another wallet holds it; guardMode: hold other wallets' requests for the card. */
export type PublicSettings = { defaultWallet: boolean; guardMode: boolean };
