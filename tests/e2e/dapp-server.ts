/**
 * A tiny dApp page on 127.0.0.1 that discovers wallets by EIP-6963 and keeps what they announce,
 * for approval-window tests. Served from memory; the port is picked by the OS.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test dApp</title></head>
<body><main><h1>Test dApp</h1><p id="status">waiting</p></main>
<script>
  window.__providers = [];
  window.addEventListener('eip6963:announceProvider', (event) => window.__providers.push(event.detail));
  window.dispatchEvent(new Event('eip6963:requestProvider'));
</script></body></html>`;

export async function startDappServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
