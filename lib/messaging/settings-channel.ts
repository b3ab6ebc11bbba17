import { SETTINGS_ASK, type PublicSettings } from '../provider/page/settings-messages';
import type { Settings } from '../storage/items';
import { isOwnContentScript, type ExtensionRuntime, type MessageSender } from './extension-api';

/**
 * The second named exception to "extension pages only" (the card ask is the first): our content script
 * asks for the two settings it acts on, since it may no longer read storage.local itself (the vault is
 * there). Only our content script in a tab with a real origin gets an answer, and only those two fields.
 */
export function answerSettingsAsk(
  deps: { runtime: ExtensionRuntime; settings: () => { getValue(): Promise<Settings> } },
  raw: unknown,
  sender: MessageSender | undefined,
): Promise<PublicSettings> | undefined {
  const ask = raw as { type?: unknown } | null;
  if (!ask || typeof ask !== 'object' || ask.type !== SETTINGS_ASK || !isOwnContentScript(deps.runtime, sender)) return undefined;
  return deps
    .settings()
    .getValue()
    .then(({ defaultWallet, guardMode }) => ({ defaultWallet, guardMode }));
}
