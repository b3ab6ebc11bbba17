import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type AnvilOptions = { port?: number; host?: string; chainId?: number; blockTime?: number };
export type AnvilInstance = { rpcUrl: string; port: number; process: ChildProcess; stop(): Promise<void> };

/** The anvil binary shipped inside the npm package's platform optional dependency. */
export function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('@foundry-rs/anvil-linux-amd64/package.json'));
  const bin = join(pkgDir, 'bin', 'anvil');
  if (!existsSync(bin)) throw new Error(`anvil binary not found at ${bin}; run npm install`);
  return bin;
}

/** Resolves with a free loopback port chosen by the OS. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Fails fast with a clear message when something already listens on the port. */
export function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} is already in use: stop what runs there or pick another port with --port.`
            : err.message,
        ),
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** Starts anvil (chain id 1 by default) on loopback and resolves once it answers JSON-RPC. */
export async function startAnvil({ port, host = '127.0.0.1', chainId = 1, blockTime }: AnvilOptions = {}): Promise<AnvilInstance> {
  const chosen = port ?? (await freePort(host));
  await assertPortFree(chosen, host);
  const args = [
    '--host',
    host,
    '--port',
    String(chosen),
    '--chain-id',
    String(chainId),
    '--silent',
    '--code-size-limit',
    '100000',
    '--gas-limit',
    '60000000',
  ];
  if (blockTime) args.push('--block-time', String(blockTime));
  const child = spawn(anvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const rpcUrl = `http://${host}:${chosen}`;

  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`anvil exited early (code ${code}): ${stderr.trim() || 'no output'}`))),
  );
  const ready = (async () => {
    for (let i = 0; i < 200; i++) {
      try {
        const res = await fetch(rpcUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
        });
        if (res.ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`anvil did not answer on ${rpcUrl} within 5 s`);
  })();
  await Promise.race([ready, exited]);
  child.removeAllListeners('exit');

  return {
    rpcUrl,
    port: chosen,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
