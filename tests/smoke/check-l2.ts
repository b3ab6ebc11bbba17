import { erc20Abi, formatUnits, type Address, type Client } from 'viem';
import { getBlockNumber, getBytecode, readContract, simulateContract } from 'viem/actions';
import { chainlinkAggregatorAbi, rateProviderAbi, uniswapQuoterV2Abi, uniswapV3PoolAbi } from '../../lib/chain/abis';
import { L2_CHAINS, L2_MARKETS, type L2ChainId, type L2Pool, type RateSource } from '../../lib/restaking/l2';
import { SANE_RATE_BAND, type CheckOutcome } from './check-registry';

/**
 * `npm run smoke -- --rpc <L2 url>` (issue #18 item 2): every address lib/restaking/l2 lists for the chain the RPC
 * reports — code present, and the view the tracker reads answering with a plausible value (a token's decimals as
 * listed, a rate source's ETH-per-token inside SANE_RATE_BAND, the ETH/USD feed positive, Aave's pool naming its
 * addresses provider, each depeg pool's pair and fee, and QuoterV2's price of 1 token through it). Reads one after another at one block: an L2 smoke run is a few dozen calls.
 */
export type L2Row = { what: string; address: Address; checks: (CheckOutcome & { what: string })[]; ok: boolean };
export type L2SmokeReport = {
  chainId: L2ChainId;
  name: string;
  blockNumber: string;
  rows: L2Row[];
  missing: readonly string[];
  ok: boolean;
};

const aavePoolAbi = [
  {
    type: 'function',
    name: 'ADDRESSES_PROVIDER',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ type: 'address' }],
  },
] as const;

const short = (e: unknown) => (e instanceof Error ? e.message.split('\n')[0]! : String(e));

async function attempt(what: string, read: () => Promise<CheckOutcome>): Promise<CheckOutcome & { what: string }> {
  try {
    return { what, ...(await read()) };
  } catch (error) {
    return { what, ok: false, detail: short(error) };
  }
}

/** ETH per token scaled to 1e18, whatever the source's own decimals. */
async function readRate(client: Client, source: RateSource, blockNumber: bigint): Promise<bigint> {
  if (source.functionName === 'getRate')
    return readContract(client, { address: source.address, abi: rateProviderAbi, functionName: 'getRate', blockNumber });
  const [round, decimals] = await Promise.all([
    readContract(client, { address: source.address, abi: chainlinkAggregatorAbi, functionName: 'latestRoundData', blockNumber }),
    readContract(client, { address: source.address, abi: chainlinkAggregatorAbi, functionName: 'decimals', blockNumber }),
  ]);
  const answer = round[1];
  return decimals <= 18 ? answer * 10n ** BigInt(18 - decimals) : answer / 10n ** BigInt(decimals - 18);
}

async function row(
  client: Client,
  blockNumber: bigint,
  what: string,
  address: Address,
  views: (() => Promise<CheckOutcome & { what: string }>)[],
) {
  const code = await getBytecode(client, { address, blockNumber }).catch(() => undefined);
  const hasCode = !!code && code !== '0x';
  const checks = [{ what: 'code', ok: hasCode, detail: hasCode ? `${(code!.length - 2) / 2} bytes` : 'no code at this address' }];
  // A view on an address without code answers nothing meaningful; the missing code is the finding.
  if (hasCode) for (const view of views) checks.push(await view());
  return { what, address, checks, ok: checks.every((c) => c.ok) };
}

export async function checkL2Registry(client: Client, chainId: L2ChainId): Promise<L2SmokeReport> {
  const chain = L2_CHAINS[chainId];
  const blockNumber = await getBlockNumber(client, { cacheTime: 0 });
  const rows: L2Row[] = [];
  const rateCheck = (source: RateSource) => () =>
    attempt(`${source.functionName}() in ${formatUnits(SANE_RATE_BAND.min, 18)}–${formatUnits(SANE_RATE_BAND.max, 18)} ETH`, async () => {
      const rate = await readRate(client, source, blockNumber);
      return { ok: rate >= SANE_RATE_BAND.min && rate <= SANE_RATE_BAND.max, detail: `${formatUnits(rate, 18)} ETH` };
    });

  rows.push(await row(client, blockNumber, 'Multicall3', chain.multicall3.address, []));
  rows.push(
    await row(client, blockNumber, 'ETH / USD feed', chain.ethUsdFeed.address, [
      () =>
        attempt('latestRoundData() > 0', async () => {
          const [round, decimals] = await Promise.all([
            readContract(client, {
              address: chain.ethUsdFeed.address,
              abi: chainlinkAggregatorAbi,
              functionName: 'latestRoundData',
              blockNumber,
            }),
            readContract(client, { address: chain.ethUsdFeed.address, abi: chainlinkAggregatorAbi, functionName: 'decimals', blockNumber }),
          ]);
          return { ok: round[1] > 0n, detail: `$${formatUnits(round[1], decimals)}` };
        }),
    ]),
  );
  for (const token of chain.tokens) {
    rows.push(
      await row(client, blockNumber, token.symbol, token.address, [
        () =>
          attempt(`decimals() = ${token.decimals}`, async () => {
            const decimals = await readContract(client, { address: token.address, abi: erc20Abi, functionName: 'decimals', blockNumber });
            return { ok: decimals === token.decimals, detail: String(decimals) };
          }),
      ]),
    );
    for (const source of [token.rateSource, ...(token.altRateSources ?? [])])
      rows.push(await row(client, blockNumber, `${token.symbol} rate (${source.kind})`, source.address, [rateCheck(source)]));
  }
  if (chain.aaveV3) {
    const { pool, poolAddressesProvider } = chain.aaveV3;
    rows.push(
      await row(client, blockNumber, 'Aave v3 Pool', pool, [
        () =>
          attempt('ADDRESSES_PROVIDER() = the listed provider', async () => {
            const provider = await readContract(client, {
              address: pool,
              abi: aavePoolAbi,
              functionName: 'ADDRESSES_PROVIDER',
              blockNumber,
            });
            return { ok: provider.toLowerCase() === poolAddressesProvider.toLowerCase(), detail: provider };
          }),
      ]),
    );
  }
  for (const pool of L2_MARKETS[chainId].pools) rows.push(...(await poolRows(client, blockNumber, chainId, pool)));
  return { chainId, name: chain.name, blockNumber: blockNumber.toString(), rows, missing: chain.missing, ok: rows.every((r) => r.ok) };
}

/**
 * A depeg pool (lib/restaking/l2/pools.ts): the pool holds the listed token and WETH at the listed fee, and the chain's
 * QuoterV2 prices 1 token in the sane ETH band through it — what the tracker's depeg reads.
 */
async function poolRows(client: Client, blockNumber: bigint, chainId: L2ChainId, pool: L2Pool): Promise<L2Row[]> {
  const token = L2_CHAINS[chainId].tokens.find((t) => t.symbol === pool.symbol)!;
  const read = (functionName: 'token0' | 'token1' | 'fee') =>
    readContract(client, { address: pool.pool, abi: uniswapV3PoolAbi, functionName, blockNumber });
  const poolRow = await row(client, blockNumber, `${pool.symbol} pool (Uniswap V3 ${pool.fee / 10_000} %)`, pool.pool, [
    () =>
      attempt(`token0/token1 = ${pool.symbol} and WETH, fee() = ${pool.fee}`, async () => {
        const [t0, t1, fee] = await Promise.all([read('token0'), read('token1'), read('fee')]);
        const pair = [t0, t1].map((a) => (a as string).toLowerCase()).sort();
        const want = [token.address, pool.tokenOut].map((a) => a.toLowerCase()).sort();
        return { ok: pair[0] === want[0] && pair[1] === want[1] && fee === pool.fee, detail: `${t0} / ${t1}, fee ${fee}` };
      }),
  ]);
  const quoterRow = await row(client, blockNumber, `${pool.symbol} quote (QuoterV2)`, pool.quoter, [
    () =>
      attempt(`1 ${pool.symbol} → WETH in ${formatUnits(SANE_RATE_BAND.min, 18)}–${formatUnits(SANE_RATE_BAND.max, 18)} ETH`, async () => {
        const amountIn = 10n ** BigInt(token.decimals);
        const { result } = await simulateContract(client, {
          address: pool.quoter,
          abi: uniswapQuoterV2Abi,
          functionName: 'quoteExactInputSingle',
          args: [{ tokenIn: token.address, tokenOut: pool.tokenOut, amountIn, fee: pool.fee, sqrtPriceLimitX96: 0n }],
          blockNumber,
        });
        const out = result[0];
        return { ok: out >= SANE_RATE_BAND.min && out <= SANE_RATE_BAND.max, detail: `${formatUnits(out, 18)} ETH` };
      }),
  ]);
  return [poolRow, quoterRow];
}

export function formatL2Table(report: L2SmokeReport): string {
  const lines = [`${report.name} (chain id ${report.chainId}) at block ${report.blockNumber}`];
  for (const r of report.rows) {
    lines.push(`${r.ok ? 'PASS' : 'FAIL'}  ${r.what.padEnd(44)} ${r.address}`);
    for (const c of r.checks) if (!c.ok || c.what !== 'code') lines.push(`        ${c.ok ? 'ok  ' : 'FAIL'} ${c.what}: ${c.detail}`);
  }
  const passed = report.rows.filter((r) => r.ok).length;
  lines.push(`${passed}/${report.rows.length} addresses pass`);
  if (report.missing.length) lines.push(`Not in the registry (no public source found): ${report.missing.join('; ')}`);
  return lines.join('\n');
}
