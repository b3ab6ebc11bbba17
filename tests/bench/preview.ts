import { createPublicClient, encodeFunctionData, erc20Abi, http, numberToHex, parseAbi, parseEther, zeroHash, type Address, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { buildPreview, type PreviewCall, type PreviewRequest } from '../../lib/preview';
import { CURVE, EIGENLAYER, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { devAccount } from '../devnet/context';
import type { Devnet } from '../devnet/devnet';
import { EIGEN_DEVNET_OPERATOR } from '../devnet/seed/eigen';
import { seedPreviewAccounts } from '../devnet/seed/preview-accounts';
import { median, type BenchPart } from './types';

const PREVIEWS = 52; // 13 rounds of the 4-transaction mix
const kelpAbi = parseAbi(['function depositETH(uint256 minRSETHAmountExpected, string referralId) payable', 'function getRsETHAmountToMint(address asset, uint256 amount) view returns (uint256)']);
const delegationAbi = parseAbi(['struct SignatureWithExpiry { bytes signature; uint256 expiry; }', 'function delegateTo(address operator, SignatureWithExpiry approverSignatureAndExpiry, bytes32 approverSalt)']);
const curveAbi = parseAbi(['function add_liquidity(uint256[2] amounts, uint256 min_mint_amount) payable returns (uint256)']);

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** The realistic mix: Kelp deposit, EigenLayer delegateTo, Curve approve + add_liquidity (one batch), ERC-20 approve. */
async function mix(client: PublicClient, user: Address, staker: Address): Promise<PreviewRequest[]> {
  const value = parseEther('1');
  const minted = await client.readContract({ address: PROTOCOL_CONTRACTS.kelpDepositPool, abi: kelpAbi, functionName: 'getRsETHAmountToMint', args: ['0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE', value] });
  const approveCurve = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [CURVE.stethPool, value] });
  return [
    { kind: 'transaction', tx: { from: user, to: PROTOCOL_CONTRACTS.kelpDepositPool, value, data: encodeFunctionData({ abi: kelpAbi, functionName: 'depositETH', args: [(minted * 99n) / 100n, ''] }) } },
    { kind: 'transaction', tx: { from: staker, to: EIGENLAYER.delegationManager, data: encodeFunctionData({ abi: delegationAbi, functionName: 'delegateTo', args: [EIGEN_DEVNET_OPERATOR, { signature: '0x', expiry: 0n }, zeroHash] }) } },
    { kind: 'batch', from: user, calls: [{ to: TOKENS.stETH, data: approveCurve }, { to: CURVE.stethPool, value, data: encodeFunctionData({ abi: curveAbi, functionName: 'add_liquidity', args: [[value, value], 0n] }) }] },
    { kind: 'transaction', tx: { from: user, to: TOKENS.stETH, data: approveCurve } },
  ];
}

const mixes = new WeakMap<Devnet, Promise<{ client: PublicClient; requests: PreviewRequest[] }>>();

/** The mix's accounts seeded once per devnet (the latency part reuses them), and a direct client on the node. */
export function previewMix(devnet: Devnet): Promise<{ client: PublicClient; requests: PreviewRequest[] }> {
  let prepared = mixes.get(devnet);
  if (!prepared) {
    prepared = (async () => {
      const [user, staker] = [devAccount(4).address, devAccount(8).address];
      await seedPreviewAccounts(devnet.ctx, user, staker);
      const client = createPublicClient({ chain: mainnet, transport: http(devnet.rpcUrl, { retryCount: 0 }) });
      return { client, requests: await mix(client, user, staker) };
    })();
    mixes.set(devnet, prepared);
  }
  return prepared;
}

/** The floor: one eth_simulateV1 of the same calls, with the parameters the preview's simulator sends. */
async function bareSimulate(client: PublicClient, request: PreviewRequest): Promise<number> {
  const [from, calls]: [Address, readonly PreviewCall[]] = request.kind === 'batch' ? [request.from, request.calls] : request.kind === 'transaction' ? [request.tx.from, [request.tx]] : [devAccount(0).address, []];
  const rpcCalls = calls.map((c) => ({ from: c.from ?? from, to: c.to, data: c.data ?? '0x', ...(c.value ? { value: numberToHex(c.value) } : {}) }));
  const started = performance.now();
  await client.request({ method: 'eth_simulateV1', params: [{ blockStateCalls: [{ calls: rpcCalls }], traceTransfers: true, validation: false }, 'latest'] } as never);
  return performance.now() - started;
}

/** buildPreview on the seeded devnet over ≥ 50 calls of the mix, against a bare eth_simulateV1 of the same transactions. */
export const preview: BenchPart = {
  name: 'preview',
  needsBrowser: false,
  async run({ devnet }) {
    const { client, requests } = await previewMix(devnet);
    const previewTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < PREVIEWS; i++) {
      const request = requests[i % requests.length]!;
      const started = performance.now();
      const result = await buildPreview({ client, chainId: 1, now: () => Date.now() }, request);
      previewTimes.push(performance.now() - started);
      if (result.simulation.status !== 'ok') throw new Error(`preview of mix item ${i % requests.length} did not simulate: ${JSON.stringify(result.simulation)}`);
      bareTimes.push(await bareSimulate(client, request));
    }
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      preview_p50_ms: round(percentile(previewTimes, 50)),
      preview_p95_ms: round(percentile(previewTimes, 95)),
      // Median whole preview ÷ median bare eth_simulateV1 round trip of the same transactions: 1 would be the node's floor.
      preview_vs_bare_simulate_ratio: round(median(previewTimes) / median(bareTimes)),
    };
  },
};
