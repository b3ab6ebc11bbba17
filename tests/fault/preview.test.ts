import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createPublicClient, encodeFunctionData, erc20Abi, http, maxUint256, parseAbi, parseEther, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { createNetworkClient } from '../../lib/chain/clients';
import { buildPreview, type Preview } from '../../lib/preview';
import { CURVE, TOKENS } from '../../lib/restaking/addresses';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { startFaultProxy, type Fault, type FaultProxy } from './proxy';

let devnet: Devnet;
let proxy: FaultProxy;
let from: Address;
const SPENDER = '0x000000000000000000000000000000000000dEaD';

/** The preview on the user's RPC through the proxy, with a short timeout so a hang is a failure, not a wait. */
const previewOf = (tx: { to: Address; value?: bigint; data?: `0x${string}` }) =>
  buildPreview(
    {
      client: createPublicClient({ chain: mainnet, transport: http(proxy.url, { retryCount: 0, timeout: 1_000 }) }),
      chainId: 1,
      now: () => Date.now(),
    },
    { kind: 'transaction', tx: { from, ...tx } },
  );

/** The same preview on the wallet's own client (createNetworkClient: JSON-RPC batches, one retry per URL). */
const walletPreviewOf = (tx: { to: Address; value?: bigint; data?: `0x${string}` }) =>
  buildPreview(
    {
      client: createNetworkClient({
        key: 'proxy',
        chainId: 1,
        name: 'devnet behind the proxy',
        rpcUrls: [proxy.url],
        nativeSymbol: 'ETH',
        builtIn: false,
      }),
      chainId: 1,
      now: () => Date.now(),
    },
    { kind: 'transaction', tx: { from, ...tx } },
  );
/** Adding 0.1 ETH to the ETH/stETH pool: the Curve rule reads A() and coins() through Multicall3 beside the simulation. */
const curveDeposit = () => ({
  to: CURVE.stethPool,
  value: parseEther('0.1'),
  data: encodeFunctionData({
    abi: parseAbi(['function add_liquidity(uint256[2] amounts, uint256 min_mint_amount) payable returns (uint256)']),
    functionName: 'add_liquidity',
    args: [[parseEther('0.1'), 0n], 0n],
  }),
});
/** A preview without its timing, to compare two of them. */
const content = ({ elapsedMs: _elapsed, ...rest }: Preview) => rest;

const transfer = () => ({ to: SPENDER as Address, value: parseEther('0.5') });
const unlimitedApproval = () => ({
  to: TOKENS.stETH,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [SPENDER, maxUint256] }),
});

/** The invariant: a preview that could not check something says so; it never reads as "no risk". */
function expectWarnsItCouldNotSimulate(preview: Preview) {
  expect(preview.simulation.status).toBe('unavailable');
  expect(['warn', 'danger']).toContain(preview.worst);
  expect(preview.flags.length).toBeGreaterThan(0);
  expect(preview.flags.some((f) => f.id.startsWith('preview.unchecked.simulation'))).toBe(true);
  expect(preview.notChecked.some((n) => /simulat/i.test(n))).toBe(true);
}

beforeAll(async () => {
  devnet = await startDevnet();
  proxy = await startFaultProxy(devnet.rpcUrl);
  from = devnet.info.demoAccounts[0]!.address;
});
afterAll(async () => {
  await proxy?.stop();
  await devnet?.stop();
});
beforeEach(() => {
  proxy.clearFaults();
  proxy.resetCounts();
});

describe('preview behind a failing simulation RPC', () => {
  test('healthy RPC (control): the transfer simulates with eth_simulateV1 and shows the ETH leaving', async () => {
    const preview = await previewOf(transfer());
    expect(preview.simulation).toMatchObject({ status: 'ok', method: 'eth_simulateV1' });
    expect(preview.balanceChanges).toContainEqual(expect.objectContaining({ token: 'ETH', delta: (-parseEther('0.5')).toString() }));
    expect(proxy.count('eth_simulateV1')).toBeGreaterThan(0);
  });

  const simulationFaults: [string, Fault][] = [
    ['HTTP 500', { kind: 'http', status: 500 }],
    ['HTTP 503', { kind: 'http', status: 503 }],
    ['a timeout', { kind: 'hang' }],
    ['malformed JSON', { kind: 'malformed' }],
    ['truncated JSON', { kind: 'truncated' }],
    ['an internal error', { kind: 'rpc-error', code: -32603, message: 'internal error' }],
    ['an empty result (a contradicting answer)', { kind: 'rewrite', result: () => [] }],
  ];
  test.each(simulationFaults)(
    'eth_simulateV1 failing with %s → unavailable, a warn flag, notChecked names the simulation',
    async (_name, fault) => {
      proxy.fault('eth_simulateV1', fault);
      const preview = await previewOf(transfer());
      expectWarnsItCouldNotSimulate(preview);
      expect(proxy.count('eth_simulateV1')).toBeGreaterThan(0);
    },
  );

  test('no eth_simulateV1 (-32601) and eth_call timing out too → unavailable with a warning', async () => {
    proxy.fault('eth_simulateV1', { kind: 'rpc-error', code: -32601, message: 'Method not found' });
    proxy.fault('eth_call', { kind: 'hang' });
    proxy.fault('eth_estimateGas', { kind: 'hang' });
    expectWarnsItCouldNotSimulate(await previewOf(transfer()));
  });

  test.each([
    ['HTTP 503', { kind: 'http', status: 503 } as Fault],
    ['malformed JSON', { kind: 'malformed' } as Fault],
    ['a timeout', { kind: 'hang' } as Fault],
  ])('every read failing (%s): an unlimited approval is still flagged, the rest listed as not checked', async (_name, fault) => {
    proxy.fault('*', fault);
    const preview = await previewOf(unlimitedApproval());
    expectWarnsItCouldNotSimulate(preview);
    // Decoding needs no RPC: the unlimited approval is seen even with the node gone.
    expect(preview.decoded[0]).toMatchObject({ functionName: 'approve' });
    expect(preview.flags.map((f) => f.id)).toContain('approval.unlimited');
    expect(preview.notChecked.length).toBeGreaterThan(0);
  });
});

describe("preview on the wallet's batching client", () => {
  test('healthy RPC: the simulation, the code lookup and the Multicall3 reads leave as one HTTP request; same preview as unbatched', async () => {
    const batched = await walletPreviewOf(curveDeposit());
    expect(proxy.httpRequests()).toBe(1);
    expect([proxy.count('eth_simulateV1'), proxy.count('eth_getCode'), proxy.count('eth_call')]).toEqual([1, 1, 1]);
    expect(batched.simulation).toMatchObject({ status: 'ok', method: 'eth_simulateV1' });
    expect(batched.flags.map((f) => f.id)).toContain('curve.impermanent-loss');
    expect(content(batched)).toEqual(content(await previewOf(curveDeposit())));
  });

  test('a node without eth_simulateV1 (-32601 for that member of the batch): the eth_call fallback simulates it', async () => {
    proxy.fault('eth_simulateV1', { kind: 'rpc-error', code: -32601, message: 'Method not found' });
    const preview = await walletPreviewOf(transfer());
    expect(preview.simulation).toMatchObject({ status: 'ok', method: 'eth_call' });
    expect(preview.notChecked.some((n) => /no eth_simulateV1/.test(n))).toBe(true);
    expect(proxy.count('eth_call')).toBeGreaterThan(0);
  });

  test('the batch carrying the simulation fails (HTTP 503): unavailable, a warn flag, never "no risk"', async () => {
    proxy.fault('eth_simulateV1', { kind: 'http', status: 503 });
    const preview = await walletPreviewOf(unlimitedApproval());
    expectWarnsItCouldNotSimulate(preview);
    expect(preview.flags.map((f) => f.id)).toContain('approval.unlimited');
  });
});
