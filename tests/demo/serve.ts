import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toFunctionSelector, type Address } from 'viem';
import {
  AAVE_V3,
  CURVE,
  DEPOSITS,
  EIGENLAYER,
  EIGEN_STRATEGIES,
  NATIVE_ETH,
  PROTOCOL_CONTRACTS,
  RESTAKING_TOKENS,
  TOKENS,
  type RestakingSymbol,
} from '../../lib/restaking';
import { PERMIT2 } from '../../lib/preview';
import { EIGEN_DEVNET_OPERATOR } from '../devnet/seed/eigen-base';

const DAPP_DIR = fileURLToPath(new URL('./dapp/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** Signatures the page calls; selectors are computed here so the plain-JS page needs no keccak. */
const SIGNATURES = {
  approve: 'function approve(address spender, uint256 amount) returns (bool)',
  nonces: 'function nonces(address owner) view returns (uint256)',
  getRsETHAmountToMint: 'function getRsETHAmountToMint(address asset, uint256 amount) view returns (uint256)',
  ethToMETH: 'function ethToMETH(uint256 ethAmount) view returns (uint256)',
  delegateTo: 'function delegateTo(address operator, (bytes signature, uint256 expiry) approverSignatureAndExpiry, bytes32 approverSalt)',
  depositIntoStrategy: 'function depositIntoStrategy(address strategy, address token, uint256 amount) returns (uint256)',
  aaveSupply: 'function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)',
  curveAddLiquidity: 'function add_liquidity(uint256[2] amounts, uint256 min_mint_amount) payable returns (uint256)',
} as const;

export type DemoConfig = ReturnType<typeof demoConfig>;

/** What the page needs, generated from the registry so the demo and the wallet share one source of truth. */
export function demoConfig({ operator = EIGEN_DEVNET_OPERATOR, chainId = 1 }: { operator?: Address; chainId?: number } = {}) {
  const seen = new Set<string>();
  const deposits = (Object.entries(DEPOSITS) as [RestakingSymbol, NonNullable<(typeof DEPOSITS)[RestakingSymbol]>][])
    .filter(([, entry]) => {
      const key = `${entry.contract}:${entry.functionName}`;
      if (seen.has(key)) return false; // ether.fi's pool mints eETH for both eETH and weETH
      seen.add(key);
      return true;
    })
    .map(([symbol, entry]) => ({
      symbol,
      protocol: RESTAKING_TOKENS[symbol].protocol,
      contract: entry.contract,
      functionName: entry.functionName,
      selector: entry.functionName === 'receive' ? null : toFunctionSelector(entry.signature),
      args: entry.args,
      argTypes:
        entry.functionName === 'receive'
          ? []
          : (entry.signature.match(/\(([^)]*)\)/)?.[1] ?? '')
              .split(',')
              .filter(Boolean)
              .map((p) => p.trim().split(' ')[0]!),
      // How the page computes minOut: the protocol's own preview, then the slippage cut.
      preview:
        symbol === 'rsETH'
          ? {
              contract: PROTOCOL_CONTRACTS.kelpDepositPool,
              selector: toFunctionSelector(SIGNATURES.getRsETHAmountToMint),
              args: [NATIVE_ETH],
            }
          : symbol === 'mETH'
            ? { contract: PROTOCOL_CONTRACTS.mantleStaking, selector: toFunctionSelector(SIGNATURES.ethToMETH), args: [] }
            : null,
    }));
  return {
    chainId,
    tokens: TOKENS,
    tokenNames: Object.fromEntries(Object.values(RESTAKING_TOKENS).map((t) => [t.symbol, t.name])),
    deposits,
    eigen: {
      delegationManager: EIGENLAYER.delegationManager,
      strategyManager: EIGENLAYER.strategyManager,
      stethStrategy: EIGEN_STRATEGIES.stETH,
      operator,
    },
    aave: { pool: AAVE_V3.pool },
    curve: { stethPool: CURVE.stethPool },
    permit2: PERMIT2,
    selectors: Object.fromEntries(Object.entries(SIGNATURES).map(([k, sig]) => [k, toFunctionSelector(sig)])) as Record<
      keyof typeof SIGNATURES,
      `0x${string}`
    >,
  };
}

export type DemoServer = { url: string; port: number; server: Server; stop(): Promise<void> };

/** Serves the demo dApp and /config.json on 127.0.0.1 (port 0 = any free port). */
export function startDemoServer({
  port = 0,
  host = '127.0.0.1',
  config = demoConfig(),
}: { port?: number; host?: string; config?: DemoConfig } = {}): Promise<DemoServer> {
  const configJson = JSON.stringify(config, null, 2);
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === '/config.json') {
        res.writeHead(200, { 'content-type': TYPES['.json']!, 'cache-control': 'no-store' });
        return res.end(configJson);
      }
      const file = normalize(join(DAPP_DIR, path === '/' ? 'index.html' : path));
      if (!file.startsWith(DAPP_DIR)) return res.writeHead(403).end('forbidden');
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${host} is in use: pick another with --port.`) : err),
    );
    server.listen(port, host, () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://${host}:${chosen}/`,
        port: chosen,
        server,
        stop: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

// `tsx tests/demo/serve.ts [--port N]`: serve until Ctrl-C.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const flag = process.argv.indexOf('--port');
  const port = flag > 0 ? Number(process.argv[flag + 1]) : 0;
  startDemoServer({ port }).then(
    (s) => console.log(`Demo dApp on ${s.url} (config at ${s.url}config.json)`),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
