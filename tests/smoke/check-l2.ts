import { erc20Abi, formatUnits, type Address, type Client } from 'viem';
import { getBlockNumber, getBytecode, readContract } from 'viem/actions';
import { chainlinkAggregatorAbi, rateProviderAbi } from '../../lib/chain/abis';
import { L2_CHAINS, type L2ChainId, type RateSource } from '../../lib/restaking/l2';
import { SANE_RATE_BAND, type CheckOutcome } from './check-registry';

/**
 * `npm run smoke -- --rpc <L2 url>` (issue #18 item 2): every address lib/restaking/l2 lists for the chain the RPC
 * reports — code present, and the view the tracker reads answering with a plausible value (a token's decimals as
 * listed, a rate source's ETH-per-token inside SANE_RATE_BAND, the ETH/USD feed positive, Aave's pool naming its
 * addresses provider). Reads one after another at one block: an L2 smoke run is a few dozen calls.
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
  return { chainId, name: chain.name, blockNumber: blockNumber.toString(), rows, missing: chain.missing, ok: rows.every((r) => r.ok) };
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
