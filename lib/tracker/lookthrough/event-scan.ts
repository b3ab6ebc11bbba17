import { getAbiItem, getAddress, type AbiEvent, type Address, type Chain, type Client, type Hex, type Transport } from 'viem';
import { getBlock } from 'viem/actions';
import { z } from 'zod';
import type { LrtStructure } from '../../restaking/lrt-structure';
import type { RestakingSymbol } from '../../restaking/types';
import { scanErrorText, scanLogChunks } from './log-chunks';
import { emptyPathScan, isPathStructure, scanPathStakers, type PathStructure } from './path-scan';

const why = scanErrorText;

/**
 * Staker lists that only events give (ether.fi's EtherFiNodes, lib/restaking/lrt-structure.ts `kind: 'events'`):
 * an incremental eth_getLogs scan that runs beside the refresh, never inside its ≤ 3 requests. Each scan goes on
 * from the last block it finished, in bounded block ranges (halved when a node refuses a range), at most
 * `maxRequests` requests a run, and remembers the hash of that block, so a reorg or another chain behind the
 * same chain id (the devnet) starts the list over. A scan that stops early is 'partial' with the reason and keeps
 * what it found; it is never a 'complete' empty list.
 */
export type EventsStructure = Extract<LrtStructure, { status: 'known' }> & { discovery: { kind: 'events' } };

export type EventScan = {
  chainId: number;
  contract: Address;
  fromBlock: string;
  /** Every block up to this one is scanned (fromBlock − 1 before the first range). */
  scannedTo: string;
  scannedToHash: Hex | null;
  /** In the order the events announced them, each once. */
  stakers: Address[];
  status: 'complete' | 'partial';
  reason?: string;
  /** Block range that last worked (halved on a refusal). */
  range: string;
  scannedAt: number;
  /** Path discovery (kind 'path'): the addresses each hop answered, the last one the registry listed. */
  path?: Address[];
};

/** Block numbers as decimals; -1 is "nothing scanned yet" on a chain scanned from block 0. */
const decimal = z.string().regex(/^-?\d+$/);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/) as unknown as z.ZodType<Address>;
export const eventScanSchema: z.ZodType<EventScan, unknown> = z.object({
  chainId: z.number().int().positive(),
  contract: address,
  fromBlock: decimal,
  scannedTo: decimal,
  scannedToHash: (z.string().regex(/^0x[0-9a-fA-F]{64}$/) as unknown as z.ZodType<Hex>).nullable(),
  stakers: z.array(address),
  status: z.enum(['complete', 'partial']),
  reason: z.string().optional(),
  range: decimal,
  scannedAt: z.number(),
  path: z.array(address).optional(),
});
/** Keyed by LRT symbol. */
export const eventScansSchema = z.record(z.string(), eventScanSchema);
export type EventScans = Record<string, EventScan>;

/** What the look-through reads from a scan (ReaderContext.eventStakers). */
export type EventStakers = { stakers: readonly Address[]; status: EventScan['status']; reason?: string; scannedTo: bigint };
export const eventStakersOf = (scans: EventScans): Map<RestakingSymbol, EventStakers> =>
  new Map(
    Object.entries(scans).map(([symbol, s]) => [
      symbol as RestakingSymbol,
      { stakers: s.stakers, status: s.status, ...(s.reason ? { reason: s.reason } : {}), scannedTo: BigInt(s.scannedTo) },
    ]),
  );

export const SCAN_DEFAULTS = { range: 50_000n, minRange: 1_000n, maxRequests: 24 } as const;

export type ScanEventStakersParameters = {
  structure: EventsStructure;
  chainId: number;
  previous?: EventScan;
  /** Blocks per eth_getLogs to start with (a stored range that worked wins). */
  range?: bigint;
  minRange?: bigint;
  /** Requests this run may make (block reads included); the rest waits for the next run. */
  maxRequests?: number;
  now?: () => number;
};

export async function scanEventStakers<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  {
    structure,
    chainId,
    previous,
    range,
    minRange = SCAN_DEFAULTS.minRange,
    maxRequests = SCAN_DEFAULTS.maxRequests,
    now = Date.now,
  }: ScanEventStakersParameters,
): Promise<EventScan> {
  const d = structure.discovery;
  const event = getAbiItem({ abi: d.abi, name: d.eventName }) as AbiEvent | undefined;
  if (!event || event.type !== 'event') throw new Error(`${d.eventName} is not an event of the ${structure.symbol} discovery ABI`);
  let requests = 0;
  let head: { number: bigint; hash: Hex };
  try {
    requests += 1;
    const b = await getBlock(client, { blockTag: 'latest' });
    head = { number: b.number, hash: b.hash };
  } catch (e) {
    const kept =
      previous && previous.chainId === chainId && previous.contract === d.contract ? previous : emptyScan(structure, chainId, now());
    return { ...kept, status: 'partial', reason: `eth_getBlockByNumber(latest) failed: ${why(e)}`, scannedAt: now() };
  }
  // fromBlock only skips mainnet history from before the event existed; a chain not that long yet (a devnet) is
  // scanned from its first block.
  const start = head.number < d.fromBlock ? 0n : d.fromBlock;
  const fresh = (): EventScan => ({ ...emptyScan(structure, chainId, now(), start), range: String(range ?? SCAN_DEFAULTS.range) });
  const same = previous && previous.chainId === chainId && previous.contract === d.contract && previous.fromBlock === String(start);
  let scan: EventScan = same ? { ...previous, stakers: [...previous.stakers] } : fresh();
  const stop = (reason: string): EventScan => ({ ...scan, status: 'partial', reason, scannedAt: now() });

  // The block we stopped at must still be the one we read: else a reorg or another chain, and the list starts over.
  if (scan.scannedToHash && BigInt(scan.scannedTo) <= head.number) {
    try {
      requests += 1;
      const b = await getBlock(client, { blockNumber: BigInt(scan.scannedTo) });
      if (b.hash !== scan.scannedToHash) scan = { ...fresh(), range: scan.range };
    } catch (e) {
      return stop(`eth_getBlockByNumber(${scan.scannedTo}) failed: ${why(e)}`);
    }
  } else if (BigInt(scan.scannedTo) > head.number) scan = { ...fresh(), range: scan.range };

  const seen = new Set(scan.stakers.map((x) => x.toLowerCase()));
  const read = await scanLogChunks(client, {
    address: d.contract,
    event,
    eventName: d.eventName,
    head,
    cursor: { scannedTo: scan.scannedTo, scannedToHash: scan.scannedToHash, range: scan.range },
    minRange,
    maxRequests,
    requests,
    onLogs: (logs) => {
      for (const log of logs) {
        const raw = (log as { args?: Record<string, unknown> }).args?.[d.stakerArg];
        if (typeof raw !== 'string') continue;
        const staker = getAddress(raw);
        if (!seen.has(staker.toLowerCase())) {
          seen.add(staker.toLowerCase());
          scan.stakers.push(staker);
        }
      }
    },
  });
  scan = { ...scan, ...read.cursor };
  if (read.stopped) return stop(read.stopped);
  if (!scan.scannedToHash) scan.scannedToHash = BigInt(scan.scannedTo) === head.number ? head.hash : null;
  const { reason: _dropped, ...rest } = scan;
  return { ...rest, status: 'complete', scannedAt: now() };
}

/** A complete list is scanned again after this long (new nodes are rare: ether.fi makes them in batches). */
export const SCAN_INTERVAL_MS = 15 * 60_000;

export const isEventsStructure = (s: LrtStructure): s is EventsStructure => s.status === 'known' && s.discovery.kind === 'events';
const isScanned = (s: LrtStructure): s is EventsStructure | PathStructure => isEventsStructure(s) || isPathStructure(s);

export type UpdateEventScansParameters = {
  structures: readonly LrtStructure[];
  chainId: number;
  scans: EventScans;
  intervalMs?: number;
  now?: () => number;
} & Pick<ScanEventStakersParameters, 'range' | 'minRange' | 'maxRequests'>;

/** Scans what is due (partial, older than intervalMs, another chain); returns every events (and path) structure's scan. */
export async function updateEventScans<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { structures, chainId, scans, intervalMs = SCAN_INTERVAL_MS, now = Date.now, ...limits }: UpdateEventScansParameters,
): Promise<EventScans> {
  const out: EventScans = { ...scans };
  for (const s of structures.filter(isScanned)) {
    const prev = scans[s.symbol];
    const due = !prev || prev.status !== 'complete' || prev.chainId !== chainId || now() - prev.scannedAt >= intervalMs;
    if (!due) continue;
    try {
      out[s.symbol] = isPathStructure(s)
        ? await scanPathStakers(client, { structure: s, chainId, now, ...(prev ? { previous: prev } : {}) })
        : await scanEventStakers(client, { structure: s, chainId, now, ...limits, ...(prev ? { previous: prev } : {}) });
    } catch (e) {
      const empty = isPathStructure(s) ? emptyPathScan(s, chainId, now()) : emptyScan(s, chainId, now());
      out[s.symbol] = { ...(prev ?? empty), status: 'partial', reason: why(e), scannedAt: now() };
    }
  }
  return out;
}

function emptyScan(s: EventsStructure, chainId: number, at: number, from = s.discovery.fromBlock): EventScan {
  return {
    chainId,
    contract: s.discovery.contract,
    fromBlock: String(from),
    scannedTo: String(from - 1n),
    scannedToHash: null,
    stakers: [],
    status: 'partial',
    range: String(SCAN_DEFAULTS.range),
    scannedAt: at,
  };
}
