/**
 * Checks an RPC URL a user types: http or https only (no ws, file, javascript …), a host, no
 * credentials in the URL (they would be stored and shown in clear), not already in the list.
 * Returns the normalised URL or the reason it is refused.
 */
export function checkRpcUrl(input: string, existing: readonly string[]): { ok: true; url: string } | { ok: false; reason: string } {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'Not a URL. Use the form https://host/path.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'Use an http:// or https:// URL.' };
  if (!url.hostname) return { ok: false, reason: 'The URL has no host.' };
  if (url.username || url.password)
    return { ok: false, reason: 'Remove the user name and password from the URL; put an API key in the path if the provider needs one.' };
  const normalized = url.toString();
  if (existing.some((e) => e === normalized || e === text)) return { ok: false, reason: 'This URL is already in the list.' };
  return { ok: true, url: normalized };
}
