import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createPublicClient,
  custom,
  encodeFunctionData,
  erc20Abi,
  http,
  parseAbi,
  parseEther,
  zeroAddress,
  zeroHash,
  type Address,
  type EIP1193RequestFn,
  type PublicClient,
} from 'viem';
import { mainnet } from 'viem/chains';
import { buildPreview, PERMIT2, type Preview, type PreviewDeps } from '../../lib/preview';
import { CHAINLINK, CURVE, EIGENLAYER, EIGEN_STRATEGIES, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { devAccount } from './context';
import { startDevnet, type Devnet } from './devnet';
import { depeg } from './scenarios';
import { EIGEN_DEVNET_OPERATOR } from './seed/eigen';
import { seedPreviewAccounts } from './seed/preview-accounts';

// ABIs written out here from the mainnet interfaces, not imported from lib/preview, so decoding is tested too.
const kelpAbi = parseAbi([
  'function depositETH(uint256 minRSETHAmountExpected, string referralId) payable',
  'function getRsETHAmountToMint(address asset, uint256 amount) view returns (uint256)',
]);
const kelpOracleAbi = parseAbi(['function rsETHPrice() view returns (uint256)']);
const feedAbi = parseAbi([
  'function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)',
  'function decimals() view returns (uint8)',
]);
const delegationAbi = parseAbi([
  'struct SignatureWithExpiry { bytes signature; uint256 expiry; }',
  'function delegateTo(address operator, SignatureWithExpiry approverSignatureAndExpiry, bytes32 approverSalt)',
]);
const allocationAbi = parseAbi([
  'struct OperatorSet { address avs; uint32 id; }',
  'struct Allocation { uint64 currentMagnitude; int128 pendingDiff; uint32 effectBlock; }',
  'function getAllocatedSets(address operator) view returns (OperatorSet[])',
  'function getAllocation(address operator, OperatorSet operatorSet, address strategy) view returns (Allocation)',
  'function getMaxMagnitude(address operator, address strategy) view returns (uint64)',
]);
const strategyAbi = parseAbi([
  'function sharesToUnderlyingView(uint256) view returns (uint256)',
  'function shares(address) view returns (uint256)',
]);
const curveAbi = parseAbi([
  'function add_liquidity(uint256[2] amounts, uint256 min_mint_amount) payable returns (uint256)',
  'function A() view returns (uint256)',
]);

const ONE = 10n ** 18n;
const user = devAccount(4).address;
const staker = devAccount(8).address;
let devnet: Devnet;
let client: PublicClient;
let deps: PreviewDeps;

beforeAll(async () => {
  devnet = await startDevnet();
  const { ctx } = devnet;
  await seedPreviewAccounts(ctx, user, staker);
  client = createPublicClient({ chain: mainnet, transport: http(devnet.rpcUrl, { retryCount: 0 }) });
  deps = { client, chainId: 1, now: () => Date.now() };
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

const flag = (preview: Preview, id: string) => preview.flags.find((f) => f.id === id);

async function kelpDepositTx(value: bigint) {
  const minted = await client.readContract({
    address: PROTOCOL_CONTRACTS.kelpDepositPool,
    abi: kelpAbi,
    functionName: 'getRsETHAmountToMint',
    args: ['0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE', value],
  });
  const data = encodeFunctionData({ abi: kelpAbi, functionName: 'depositETH', args: [(minted * 99n) / 100n, ''] });
  return { tx: { from: user, to: PROTOCOL_CONTRACTS.kelpDepositPool, value, data }, minted };
}

describe('transactions', () => {
  test('Kelp deposit after a 5 % rsETH depeg → danger depeg flag with the feed quote against the oracle rate', async () => {
    await depeg(devnet.ctx, 'rsETH', '5');
    const { tx, minted } = await kelpDepositTx(parseEther('1'));
    const preview = await buildPreview(deps, { kind: 'transaction', tx });

    expect(preview.decoded[0]).toMatchObject({
      functionName: 'depositETH',
      targetLabel: 'Kelp LRTDepositPool',
      known: true,
      selector: '0x72c51c0b',
    });
    expect(preview.simulation).toMatchObject({ status: 'ok', method: 'eth_simulateV1' });
    const rsEthChange = preview.balanceChanges.find((b) => b.symbol === 'rsETH');
    expect(rsEthChange?.delta).toBe(minted.toString());
    expect(preview.balanceChanges.find((b) => b.token === 'ETH')?.delta).toBe((-parseEther('1')).toString());

    // Independent figure: the feed's own answer for what is minted, against LRTOracle.rsETHPrice().
    const [, answer] = await client.readContract({ address: CHAINLINK.rsETH_ETH, abi: feedAbi, functionName: 'latestRoundData' });
    const decimals = await client.readContract({ address: CHAINLINK.rsETH_ETH, abi: feedAbi, functionName: 'decimals' });
    const fair = await client.readContract({ address: PROTOCOL_CONTRACTS.kelpOracle, abi: kelpOracleAbi, functionName: 'rsETHPrice' });
    const quotedOut = (minted * answer) / 10n ** BigInt(decimals);
    const expectedDeviation = Number(quotedOut) / Number((minted * fair) / ONE) - 1;
    const depegFlag = flag(preview, 'depeg.discount');
    expect(depegFlag?.severity).toBe('danger');
    const shown = Number(depegFlag!.numbers.deviation!.replace('%', '')) / 100;
    expect(Math.abs(shown - expectedDeviation)).toBeLessThan(0.001);
    const fact = preview.facts.depeg?.[0];
    expect(Math.abs(Number(fact!.deviationBps) / 10_000 - expectedDeviation)).toBeLessThan(0.001);
    expect(preview.worst).toBe('danger');
  });

  test('delegateTo the seeded operator → ETH at risk per set equals value × magnitude ÷ maxMagnitude read here', async () => {
    const data = encodeFunctionData({
      abi: delegationAbi,
      functionName: 'delegateTo',
      args: [EIGEN_DEVNET_OPERATOR, { signature: '0x', expiry: 0n }, zeroHash],
    });
    const preview = await buildPreview(deps, { kind: 'transaction', tx: { from: staker, to: EIGENLAYER.delegationManager, data } });
    expect(preview.simulation.status).toBe('ok');

    const strategy = EIGEN_STRATEGIES.stETH;
    const shares = await client.readContract({ address: strategy, abi: strategyAbi, functionName: 'shares', args: [staker] });
    const ethValue = await client.readContract({
      address: strategy,
      abi: strategyAbi,
      functionName: 'sharesToUnderlyingView',
      args: [shares],
    }); // stETH: 1 token = 1 ETH
    const max = await client.readContract({
      address: EIGENLAYER.allocationManager,
      abi: allocationAbi,
      functionName: 'getMaxMagnitude',
      args: [EIGEN_DEVNET_OPERATOR, strategy],
    });
    const sets = await client.readContract({
      address: EIGENLAYER.allocationManager,
      abi: allocationAbi,
      functionName: 'getAllocatedSets',
      args: [EIGEN_DEVNET_OPERATOR],
    });
    expect(sets.length).toBeGreaterThan(0);
    let total = 0n;
    const expected = await Promise.all(
      sets.map(async (set) => {
        const { currentMagnitude } = await client.readContract({
          address: EIGENLAYER.allocationManager,
          abi: allocationAbi,
          functionName: 'getAllocation',
          args: [EIGEN_DEVNET_OPERATOR, set, strategy],
        });
        total += currentMagnitude;
        return { id: set.id, ethAtRisk: ((ethValue * currentMagnitude) / max).toString() };
      }),
    );
    const fact = preview.facts.slashing?.find((s) => s.strategy === strategy);
    expect(fact?.ethValue).toBe(ethValue.toString());
    expect(fact?.perSet.map((s) => ({ id: s.id, ethAtRisk: s.ethAtRisk }))).toEqual(expected);
    expect(fact?.worstCase.ethAtRisk).toBe(((ethValue * total) / max).toString());
    const slashable = flag(preview, 'eigen.slashable');
    expect(slashable?.severity).toBe('warn');
    expect(slashable?.numbers.operator).toBe(EIGEN_DEVNET_OPERATOR);
  });

  test('approve + add_liquidity as one batch → later call sees the approval; IL at 1/3/5/10 % from an independent StableSwap solve with the pool A()', async () => {
    const amount = parseEther('1');
    const calls = [
      { to: TOKENS.stETH, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [CURVE.stethPool, amount] }) },
      {
        to: CURVE.stethPool,
        value: amount,
        data: encodeFunctionData({ abi: curveAbi, functionName: 'add_liquidity', args: [[amount, amount], 0n] }),
      },
    ];
    const preview = await buildPreview(deps, { kind: 'batch', from: user, calls });
    expect(preview.simulation).toMatchObject({ status: 'ok', method: 'eth_simulateV1' });
    expect(preview.decoded.map((d) => d.functionName)).toEqual(['approve', 'add_liquidity']);
    expect(preview.balanceChanges.find((b) => b.token.toString().toLowerCase() === CURVE.stethLp.toLowerCase())?.delta).toMatch(/^\d+$/);

    const A = Number(await client.readContract({ address: CURVE.stethPool, abi: curveAbi, functionName: 'A' }));
    const fact = preview.facts.impermanentLoss?.[0];
    expect(fact?.A).toBe(String(A));
    expect(fact?.rows.map((r) => r.depeg)).toEqual([0.01, 0.03, 0.05, 0.1]);
    for (const row of fact!.rows) expect(Math.abs(row.il - stableSwapIl(A, 1 - row.depeg))).toBeLessThan(1e-7);
    expect(flag(preview, 'curve.impermanent-loss')?.numbers.lrtLeg).toBe('stETH');
  });

  test('a batch whose second call reverts names that call', async () => {
    const amount = parseEther('1');
    const calls = [
      { to: TOKENS.stETH, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [CURVE.stethPool, 1n] }) },
      {
        to: CURVE.stethPool,
        value: amount,
        data: encodeFunctionData({ abi: curveAbi, functionName: 'add_liquidity', args: [[amount, amount], 0n] }),
      },
    ];
    const preview = await buildPreview(deps, { kind: 'batch', from: user, calls });
    expect(preview.simulation).toMatchObject({ status: 'reverted', revertedCall: 1 });
    expect(preview.simulation.reason).toMatch(/^call 2 of 2 reverted/);
    expect(flag(preview, 'simulation.reverted')).toMatchObject({ severity: 'danger', numbers: { call: '2 of 2' } });
  });
});

describe('signatures', () => {
  test('Permit2 PermitSingle, unlimited and never expiring → danger with spender, amount and expiry', async () => {
    const typed = {
      types: {
        EIP712Domain: [
          { name: 'name', type: 'string' },
          { name: 'chainId', type: 'uint256' },
          { name: 'verifyingContract', type: 'address' },
        ],
        PermitDetails: [
          { name: 'token', type: 'address' },
          { name: 'amount', type: 'uint160' },
          { name: 'expiration', type: 'uint48' },
          { name: 'nonce', type: 'uint48' },
        ],
        PermitSingle: [
          { name: 'details', type: 'PermitDetails' },
          { name: 'spender', type: 'address' },
          { name: 'sigDeadline', type: 'uint256' },
        ],
      },
      primaryType: 'PermitSingle',
      domain: { name: 'Permit2', chainId: 1, verifyingContract: PERMIT2 },
      message: {
        details: { token: TOKENS.stETH, amount: (2n ** 160n - 1n).toString(), expiration: (2n ** 48n - 1n).toString(), nonce: '0' },
        spender: CURVE.stethPool,
        sigDeadline: String(Math.floor(Date.now() / 1000) + 1800),
      },
    };
    const preview = await buildPreview(deps, { kind: 'typedData', from: user, data: JSON.stringify(typed) });
    const expiry = flag(preview, 'permit2.long-expiration');
    expect(expiry?.severity).toBe('danger');
    expect(expiry?.numbers).toMatchObject({ spender: CURVE.stethPool, amounts: 'unlimited stETH', expires: 'never (maximum value)' });
    expect(flag(preview, 'permit2.unlimited')?.severity).toBe('warn');
    expect(preview.worst).toBe('danger');
  });

  test('typed data for another chain → danger', async () => {
    const typed = {
      types: { Mail: [{ name: 'x', type: 'uint256' }] },
      primaryType: 'Mail',
      domain: { name: 'Other', chainId: 10 },
      message: { x: '1' },
    };
    const preview = await buildPreview(deps, { kind: 'typedData', from: user, data: typed });
    expect(flag(preview, 'typed-data.chain-mismatch')?.severity).toBe('danger');
  });
});

describe('degraded nodes', () => {
  test('a node without eth_simulateV1 → eth_call + eth_estimateGas, reported in notChecked', async () => {
    const inner = http(devnet.rpcUrl, { retryCount: 0 })({ chain: mainnet });
    const seen: string[] = [];
    const request = (async (args: { method: string; params?: unknown }) => {
      seen.push(args.method);
      if (args.method === 'eth_simulateV1')
        throw Object.assign(new Error('the method eth_simulateV1 does not exist/is not available'), { code: -32601 });
      return inner.request(args as never);
    }) as EIP1193RequestFn;
    const limited = createPublicClient({ chain: mainnet, transport: custom({ request }, { retryCount: 0 }) });
    const { tx } = await kelpDepositTx(parseEther('1'));
    const preview = await buildPreview({ ...deps, client: limited }, { kind: 'transaction', tx });
    expect(seen).toContain('eth_simulateV1');
    expect(preview.simulation).toMatchObject({ status: 'ok', method: 'eth_call' });
    expect(BigInt(preview.simulation.gasUsed ?? '0')).toBeGreaterThan(21_000n);
    expect(preview.notChecked.some((n) => n.includes('eth_simulateV1'))).toBe(true);
    expect(preview.balanceChanges).toEqual([
      { token: 'ETH', symbol: 'ETH', decimals: 18, delta: (-parseEther('1')).toString(), formatted: '-1 ETH' },
    ]);
    expect(flag(preview, 'depeg.discount')?.severity).toBe('danger'); // the rules still run on reads
  });

  test('an RPC that fails → the preview says what it could not check, worst ≥ warn, never an empty "no risk"', async () => {
    const request = (async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:1');
    }) as EIP1193RequestFn;
    const broken = createPublicClient({ chain: mainnet, transport: custom({ request }, { retryCount: 0 }) });
    const { tx } = await kelpDepositTx(parseEther('1'));
    const preview = await buildPreview({ ...deps, client: broken }, { kind: 'transaction', tx });
    expect(preview.simulation.status).toBe('unavailable');
    expect(['warn', 'danger']).toContain(preview.worst);
    expect(preview.flags.some((f) => f.id.startsWith('preview.unchecked.'))).toBe(true);
    expect(preview.notChecked.length).toBeGreaterThan(0);
    expect(preview.notChecked.some((n) => n.startsWith('simulation'))).toBe(true);
  });
});

test('latency: 50 previews on the devnet (reported, not asserted)', async () => {
  const { tx } = await kelpDepositTx(parseEther('1'));
  const delegate = {
    from: staker,
    to: EIGENLAYER.delegationManager,
    data: encodeFunctionData({
      abi: delegationAbi,
      functionName: 'delegateTo',
      args: [EIGEN_DEVNET_OPERATOR, { signature: '0x', expiry: 0n }, zeroHash],
    }),
  };
  const plain = { from: user, to: zeroAddress as Address, value: 1n };
  const requests = [tx, delegate, plain];
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    const preview = await buildPreview(deps, { kind: 'transaction', tx: requests[i % requests.length]! });
    times.push(performance.now() - started);
    expect(preview.simulation.status).not.toBe('unavailable');
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
  console.log(`preview latency over ${times.length} requests: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
});

/**
 * IL of a balanced 2-coin StableSwap position when coin y trades at price p (in x), solved here without
 * lib/risk: code invariant 2A(x+y) + D = 2A·D + D³/(4xy) with D = 1 (reference §5c), bisection on y for
 * the pool's marginal price F_y/F_x = p, then value(x', y') vs holding (½, ½), both priced at p.
 */
function stableSwapIl(A: number, p: number): number {
  const ann = 2 * A;
  const xOf = (y: number) => {
    const b = ann * y + 1 - ann; // Ann·x² + b·x − 1/(4y) = 0
    const c = 1 / (4 * y);
    return (-b + Math.sqrt(b * b + 4 * ann * c)) / (2 * ann);
  };
  const price = (y: number) => {
    const x = xOf(y);
    const k = 1 / (4 * x * y);
    return (ann + k / y) / (ann + k / x);
  };
  let lo = 0.5;
  let hi = 0.999999;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (price(mid) > p) lo = mid;
    else hi = mid;
  }
  const y = (lo + hi) / 2;
  return (xOf(y) + p * y) / (0.5 + 0.5 * p) - 1;
}
