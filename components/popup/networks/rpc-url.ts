import { checkRpcUrlRule } from '../../../lib/state';

/**
 * Checks an RPC URL a user types with the background's own rule (https, or http to this computer; a host; no
 * credentials in the URL), and that it is not already in the list. Returns the normalised URL or the reason it
 * is refused, so the form can say why before anything is sent.
 */
export function checkRpcUrl(input: string, existing: readonly string[]): { ok: true; url: string } | { ok: false; reason: string } {
  const checked = checkRpcUrlRule(input);
  if (!checked.ok) return checked;
  const normalized = checked.url.toString();
  if (existing.some((e) => e === normalized || e === input.trim())) return { ok: false, reason: 'This URL is already in the list.' };
  return { ok: true, url: normalized };
}
