/**
 * Two loopback dApp origins for the isolation tests: http://127.0.0.1:<p1> and http://localhost:<p2>
 * are different origins to the browser and to Ballast. Both serve the same recording page; `/embed`
 * also frames the other origin, `/sandbox` frames its own page in an opaque-origin sandbox. Served from memory; ports picked by the OS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// Records what Ballast's provider tells this frame (events) and every window message it sees (wire),
// so a test can look for another origin's data in either.
const recorder = `<script>
  window.__providers = [];
  window.__events = [];
  window.__wire = [];
  window.addEventListener('message', (e) => { try { window.__wire.push(JSON.stringify(e.data)); } catch { window.__wire.push(String(e.data)); } });
  window.addEventListener('eip6963:announceProvider', (event) => {
    window.__providers.push(event.detail);
    const p = event.detail.provider;
    if (event.detail.info.rdns !== 'wallet.ballast') return;
    window.__ballast = p;
    for (const name of ['connect', 'accountsChanged', 'chainChanged', 'message', 'disconnect']) p.on(name, (data) => window.__events.push({ name, data }));
  });
  window.dispatchEvent(new Event('eip6963:requestProvider'));
  /** One provider call; the outcome is a plain object so Playwright can carry it back. */
  window.__call = (method, params) => window.__ballast.request(params === undefined ? { method } : { method, params }).then(
    (result) => ({ result }),
    (error) => ({ error: { code: error.code, message: String(error.message) } }),
  );
</script>`;

const page = (
  title: string,
  body = '',
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${recorder}</head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;

export type Site = { origin: string };
export type TwoSites = { a: Site; b: Site; close(): Promise<void> };

function listen(host: string, other: () => string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const html =
      path === '/embed'
        ? page('Outer site', `<iframe id="inner" title="inner site" src="${other()}/" width="400" height="200"></iframe>`)
        : // Same URL, but sandboxed without allow-same-origin: the frame's origin is opaque ("null").
          path === '/sandbox'
          ? page(
              'Outer site',
              '<iframe id="inner" title="sandboxed frame" sandbox="allow-scripts" src="/" width="400" height="200"></iframe>',
            )
          : page(path === '/' ? 'Site' : path.slice(1));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, host, () => resolve(server)));
}

const originOf = (host: string, server: Server) => `http://${host}:${(server.address() as AddressInfo).port}`;

export async function startTwoSites(): Promise<TwoSites> {
  let a = '';
  let b = '';
  // Both listen on 127.0.0.1; "localhost" resolves there in Chromium, and its origin differs.
  const serverA = await listen('127.0.0.1', () => b);
  const serverB = await listen('127.0.0.1', () => a);
  a = originOf('127.0.0.1', serverA);
  b = originOf('localhost', serverB);
  const stop = (s: Server) =>
    new Promise<void>((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    });
  return { a: { origin: a }, b: { origin: b }, close: async () => void (await Promise.all([stop(serverA), stop(serverB)])) };
}
