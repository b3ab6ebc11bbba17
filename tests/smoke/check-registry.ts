import { erc20Abi, formatUnits, type Address, type Client } from 'viem';
import { getBlockNumber, getBytecode, multicall } from 'viem/actions';
import { checkLrtStructures, formatLrtTable, type LrtStructureReport } from './check-lrt';
import { checkQueues, formatQueueTable, type QueueReport } from './check-queues';
import { checkSymbiotic, formatSymbioticTable, type SymbioticReport } from './check-symbiotic';
import { MULTICALL3, readFairRates, RESTAKING_SYMBOLS, RESTAKING_TOKENS, type RestakingSymbol } from '../../lib/restaking';

const WAD = 10n ** 18n;
/** A fair rate outside this band (ETH per token) means a wrong contract, a wrong ABI or a broken protocol. */
export const SANE_RATE_BAND = { min: (9n * WAD) / 10n, max: 2n * WAD } as const;

export type CheckOutcome = { ok: boolean; detail: string };
export type EntryReport = {
  symbol: RestakingSymbol;
  address: Address;
  code: CheckOutcome;
  symbolCheck: CheckOutcome;
  decimals: CheckOutcome;
  fairRate: CheckOutcome & { rate?: string };
  ok: boolean;
};
export type SmokeReport = {
  rpc: string;
  chainId: number;
  blockNumber: string;
  entries: EntryReport[];
  lrt: LrtStructureReport[];
  queues: QueueReport[];
  symbiotic: SymbioticReport;
  ok: boolean;
};

/**
 * Reads every registry entry at one block: bytecode at the token address (JSON-RPC, in parallel — one
 * HTTP request on a batching transport), symbol() and decimals() in one Multicall3 eth_call, and the
 * fair rates in one more. Each entry passes only if all four checks pass.
 */
export async function checkRegistry(client: Client, rpc: string): Promise<SmokeReport> {
  const chainId = client.chain?.id ?? 0;
  const blockNumber = await getBlockNumber(client, { cacheTime: 0 });
  const tokens = RESTAKING_SYMBOLS.map((s) => RESTAKING_TOKENS[s]);
  const [codes, meta, rates, lrt, queues, symbiotic] = await Promise.all([
    Promise.all(tokens.map((t) => getBytecode(client, { address: t.address, blockNumber }).catch((e: unknown) => e as Error))),
    multicall(client, {
      contracts: tokens.flatMap((t) => [
        { address: t.address, abi: erc20Abi, functionName: 'symbol' } as const,
        { address: t.address, abi: erc20Abi, functionName: 'decimals' } as const,
      ]),
      allowFailure: true,
      batchSize: 0,
      multicallAddress: MULTICALL3,
      blockNumber,
    }),
    readFairRates(client, { blockNumber }),
    checkLrtStructures(client, blockNumber),
    checkQueues(client, blockNumber),
    checkSymbiotic(client, blockNumber),
  ]);

  const entries = tokens.map((t, i): EntryReport => {
    const code = codes[i];
    const codeCheck: CheckOutcome =
      code instanceof Error
        ? { ok: false, detail: `eth_getCode failed: ${code.message.split('\n')[0]}` }
        : code && code !== '0x'
          ? { ok: true, detail: `${(code.length - 2) / 2} bytes` }
          : { ok: false, detail: 'no code at this address' };
    const sym = meta[2 * i];
    const dec = meta[2 * i + 1];
    const symbolCheck: CheckOutcome =
      sym?.status === 'success'
        ? {
            ok: sym.result === t.symbol,
            detail: sym.result === t.symbol ? String(sym.result) : `"${String(sym.result)}", expected "${t.symbol}"`,
          }
        : { ok: false, detail: 'symbol() reverted or returned nothing' };
    const decimals: CheckOutcome =
      dec?.status === 'success'
        ? {
            ok: Number(dec.result) === t.decimals,
            detail: Number(dec.result) === t.decimals ? String(dec.result) : `${String(dec.result)}, expected ${t.decimals}`,
          }
        : { ok: false, detail: 'decimals() reverted or returned nothing' };
    const r = rates[t.symbol];
    let fairRate: EntryReport['fairRate'];
    if (!r?.ok)
      fairRate = { ok: false, detail: `not read: ${r?.ok === false ? r.error : 'no result'} (${r?.source ?? t.fairRate.source})` };
    else {
      const inBand = r.rate >= SANE_RATE_BAND.min && r.rate <= SANE_RATE_BAND.max;
      const shown = formatUnits(r.rate, 18);
      fairRate = { ok: inBand, rate: r.rate.toString(), detail: inBand ? `${shown} ETH` : `${shown} ETH is outside 0.9–2.0 ETH per token` };
    }
    const ok = codeCheck.ok && symbolCheck.ok && decimals.ok && fairRate.ok;
    return { symbol: t.symbol, address: t.address, code: codeCheck, symbolCheck, decimals, fairRate, ok };
  });
  return {
    rpc,
    chainId,
    blockNumber: blockNumber.toString(),
    entries,
    lrt,
    queues,
    symbiotic,
    ok: entries.every((e) => e.ok) && lrt.every((l) => l.ok) && queues.every((q) => q.ok) && symbiotic.ok,
  };
}

/** A fixed-width table for a terminal: one row per entry, the failing check's detail in the last column. */
export function formatTable(report: SmokeReport): string {
  const mark = (c: CheckOutcome) => (c.ok ? 'ok' : 'FAIL');
  const rows = report.entries.map((e) => {
    const failed = [e.code, e.symbolCheck, e.decimals, e.fairRate].find((c) => !c.ok);
    return [
      e.symbol,
      e.address,
      mark(e.code),
      mark(e.symbolCheck),
      mark(e.decimals),
      e.fairRate.ok ? e.fairRate.detail : 'FAIL',
      failed ? failed.detail : '',
    ];
  });
  const head = ['token', 'address', 'code', 'symbol', 'decimals', 'fair rate', 'problem'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const passed = report.entries.filter((e) => e.ok).length;
  return [
    `Registry smoke check on ${report.rpc} (chain ${report.chainId}, block ${report.blockNumber})`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `${passed}/${report.entries.length} entries pass${report.ok ? '' : ' — FAILED'}`,
    '',
    formatLrtTable(report.lrt),
    '',
    formatQueueTable(report.queues),
    '',
    formatSymbioticTable(report.symbiotic),
  ].join('\n');
}
