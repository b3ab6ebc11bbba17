/** What an RPC URL check found: the parsed URL, or why it is refused (a sentence the user can act on). */
export type RpcUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * A host on this computer: localhost, 127.0.0.0/8 or [::1]. Takes URL.hostname, which the URL parser has
 * already normalised (lower case, 127.1 or 0x7f.0.0.1 written as 127.0.0.1, [0:0:0:0:0:0:0:1] as [::1]),
 * so look-alikes such as 127.0.0.1.example.com or localhost.evil.example are not loopback.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || IPV4_LOOPBACK.test(hostname);
}

/**
 * The rule for every RPC URL Ballast stores, whether the user typed it or a site proposed it
 * (wallet_addEthereumChain): https only, because the RPC answers every balance, simulation and nonce the
 * wallet shows and a plain-http answer can be rewritten by anyone on the path. http is allowed for a node
 * on this computer (a local node or devnet), where there is no path. No credentials in the URL: they would
 * be stored and shown in clear.
 */
export function checkRpcUrlRule(input: string): RpcUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'Not a URL. Use the form https://host/path.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `Use an https:// URL (got ${url.protocol}).` };
  if (!url.hostname) return { ok: false, reason: 'The URL has no host.' };
  if (url.username || url.password)
    return { ok: false, reason: 'Remove the user name and password from the URL; put an API key in the path if the provider needs one.' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    return {
      ok: false,
      reason: `Use https:// for ${url.hostname}. Plain http:// is accepted only for a node on this computer (localhost, 127.x.x.x, [::1]).`,
    };
  return { ok: true, url };
}
