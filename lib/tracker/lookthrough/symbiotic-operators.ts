import { getAbiItem, getAddress, zeroAddress, type AbiEvent, type Address, type Chain, type Client, type Hex, type Transport } from 'viem';
import { getBlock, readContract } from 'viem/actions';
import { z } from 'zod';
import { symbioticEntityAbi, symbioticOperatorStakeAbi, symbioticVaultModulesAbi } from '../../chain/abis';
import { SYMBIOTIC_NETWORKS } from '../../restaking/symbiotic-registry';
import { subnetworkOf } from '../readers/mellow';
import { scanErrorText, scanLogChunks } from './log-chunks';
import { SCAN_DEFAULTS } from './event-scan';

/**
 * The operators behind a Symbiotic vault (issue #15, Mellow LRTs). No view lists them: a NetworkRestake delegator
 * announces each (subnetwork, operator) it gives shares with SetOperatorNetworkShares, a FullRestake one with
 * SetOperatorNetworkLimit; an OperatorSpecific one names its one operator (`operator()`). Like the ether.fi node scan
 * (event-scan.ts) this runs beside the refresh, never inside its ≤ 3 requests: incremental eth_getLogs from the last
 * block scanned (its hash kept, so a reorg or another chain starts over), bounded ranges halved on a refusal, at most
 * `maxRequests` a run. A scan that stops early is 'partial' with the reason and keeps what it found.
 */
export type OperatorPair = { subnetwork: Hex; operator: Address };

export type SymbioticOperatorScan = {
  chainId: number;
  vault: Address;
  delegator: Address;
  /** DelegatorFactory type: 0 NetworkRestake, 1 FullRestake, 2 OperatorSpecific (others are not split). */
  delegatorType: number;
  fromBlock: string;
  scannedTo: string;
  scannedToHash: Hex | null;
  /** Each (subnetwork, operator) the delegator ever announced, once, in the order announced. */
  pairs: OperatorPair[];
  status: 'complete' | 'partial';
  reason?: string;
  range: string;
  scannedAt: number;
};

/** Keyed by vault address (as the registry writes it). */
export type SymbioticOperatorScans = Record<string, SymbioticOperatorScan>;

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/) as unknown as z.ZodType<Address>;
const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/) as unknown as z.ZodType<Hex>;
const decimal = z.string().regex(/^-?\d+$/);
export const symbioticOperatorScansSchema: z.ZodType<SymbioticOperatorScans, unknown> = z.record(
  z.string(),
  z.object({
    chainId: z.number().int().positive(),
    vault: address,
    delegator: address,
    delegatorType: z.number().int().nonnegative(),
    fromBlock: decimal,
    scannedTo: decimal,
    scannedToHash: hex32.nullable(),
    pairs: z.array(z.object({ subnetwork: hex32, operator: address })),
    status: z.enum(['complete', 'partial']),
    reason: z.string().optional(),
    range: decimal,
    scannedAt: z.number(),
  }),
);

/** What the Mellow reader takes from a scan (ReaderContext.symbioticOperators), keyed by lower-case vault. */
export type SymbioticOperators = { delegator: Address; pairs: readonly OperatorPair[]; status: 'complete' | 'partial'; reason?: string };
export type SymbioticOperatorLists = ReadonlyMap<string, SymbioticOperators>;
export const symbioticOperatorsOf = (scans: SymbioticOperatorScans): SymbioticOperatorLists =>
  new Map(
    Object.values(scans).map((s) => [
      s.vault.toLowerCase(),
      { delegator: s.delegator, pairs: s.pairs, status: s.status, ...(s.reason ? { reason: s.reason } : {}) },
    ]),
  );

/**
 * Symbiotic v1 went live on mainnet in June 2024 (block ≈ 20.07M); a chain past this block is scanned from it,
 * a shorter one (a devnet) from block 0.
 */
export const SYMBIOTIC_SCAN_FROM = 19_000_000n;

const EVENT_OF: Record<number, 'SetOperatorNetworkShares' | 'SetOperatorNetworkLimit'> = {
  0: 'SetOperatorNetworkShares',
  1: 'SetOperatorNetworkLimit',
};

const why = scanErrorText;

export type ScanSymbioticOperatorsParameters = {
  vault: Address;
  chainId: number;
  previous?: SymbioticOperatorScan;
  range?: bigint;
  minRange?: bigint;
  maxRequests?: number;
  now?: () => number;
  /** The head block, when the caller read it once for several vaults. */
  head?: { number: bigint; hash: Hex };
};

async function readHead<chain extends Chain | undefined>(client: Client<Transport, chain>) {
  const b = await getBlock(client, { blockTag: 'latest' });
  return { number: b.number, hash: b.hash };
}

/** A vault whose delegator announces its operators in logs, its scan set to go on from its (checked) cursor. */
type Pending = {
  scan: SymbioticOperatorScan;
  eventName: 'SetOperatorNetworkShares' | 'SetOperatorNetworkLimit';
  requests: number;
  head: { number: bigint; hash: Hex };
};

/**
 * Everything before the log scan: the vault's delegator and its type, and whether the stored cursor still stands (the
 * block it reached must still have the hash read then: else a reorg or another chain, and the list starts over). An
 * OperatorSpecific delegator, another type or a failed read is finished here; a logged one is `Pending`.
 */
async function prepareScan<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { vault, chainId, previous, range, now = Date.now, head: given }: ScanSymbioticOperatorsParameters,
  blockHash: (n: bigint) => Promise<Hex>,
): Promise<SymbioticOperatorScan | Pending> {
  const blank = (delegator: Address, delegatorType: number, from: bigint): SymbioticOperatorScan => ({
    chainId,
    vault,
    delegator,
    delegatorType,
    fromBlock: String(from),
    scannedTo: String(from - 1n),
    scannedToHash: null,
    pairs: [],
    status: 'partial',
    range: String(range ?? SCAN_DEFAULTS.range),
    scannedAt: now(),
  });
  const kept = previous && previous.chainId === chainId ? previous : blank(zeroAddress, 0, 0n);
  const fail = (reason: string): SymbioticOperatorScan => ({ ...kept, status: 'partial', reason, scannedAt: now() });
  let requests = 0;
  let head: { number: bigint; hash: Hex };
  let delegator: Address;
  let delegatorType: number;
  try {
    requests += given ? 2 : 3;
    head = given ?? (await readHead(client));
    const at = { blockNumber: head.number };
    delegator = getAddress(await readContract(client, { address: vault, abi: symbioticVaultModulesAbi, functionName: 'delegator', ...at }));
    delegatorType = Number(await readContract(client, { address: delegator, abi: symbioticEntityAbi, functionName: 'TYPE', ...at }));
    if (delegatorType === 2) {
      requests += 1;
      const operator = getAddress(
        await readContract(client, { address: delegator, abi: symbioticOperatorStakeAbi, functionName: 'operator', ...at }),
      );
      // One operator takes the vault's whole stake in every network: its pairs are every listed network's subnetwork 0.
      const pairs = SYMBIOTIC_NETWORKS.map((n) => ({ subnetwork: subnetworkOf(n.address), operator }));
      return { ...blank(delegator, 2, 0n), scannedTo: String(head.number), scannedToHash: head.hash, pairs, status: 'complete' };
    }
  } catch (e) {
    return fail(`vault ${vault}: delegator(), TYPE() or operator() failed: ${why(e)}`);
  }
  const eventName = EVENT_OF[delegatorType];
  if (!eventName)
    return {
      ...blank(delegator, delegatorType, 0n),
      reason: `delegator ${delegator} is of type ${delegatorType}, which Ballast does not split by operator`,
    };
  const start = head.number < SYMBIOTIC_SCAN_FROM ? 0n : SYMBIOTIC_SCAN_FROM;
  const same = previous && previous.chainId === chainId && previous.delegator === delegator && previous.fromBlock === String(start);
  let scan: SymbioticOperatorScan = same ? { ...previous, pairs: [...previous.pairs] } : blank(delegator, delegatorType, start);
  if (BigInt(scan.scannedTo) > head.number) scan = blank(delegator, delegatorType, start);
  else if (scan.scannedToHash) {
    try {
      requests += 1;
      if ((await blockHash(BigInt(scan.scannedTo))) !== scan.scannedToHash) scan = blank(delegator, delegatorType, start);
    } catch (e) {
      return { ...scan, status: 'partial', reason: `eth_getBlockByNumber(${scan.scannedTo}) failed: ${why(e)}`, scannedAt: now() };
    }
  }
  return { scan, eventName, requests, head };
}

/**
 * The log scan of vaults whose cursors stand at the same block: one eth_getLogs per range for all their delegators
 * and both events, each log given to the vault whose delegator sent it (and only if it is that delegator's event).
 * Every vault of the group ends at the same cursor, so on the next run they scan together again.
 */
async function scanGroup<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  group: readonly Pending[],
  { minRange, maxRequests, now }: { minRange: bigint; maxRequests: number; now: () => number },
): Promise<SymbioticOperatorScan[]> {
  const { head } = group[0]!;
  const scans = group.map((p) => ({ ...p.scan, pairs: [...p.scan.pairs] }));
  const byDelegator = new Map(group.map((p, i) => [p.scan.delegator.toLowerCase(), { eventName: p.eventName, scan: scans[i]! }]));
  const seen = new Map(scans.map((s) => [s, new Set(s.pairs.map((p) => `${p.subnetwork}:${p.operator}`.toLowerCase()))]));
  const eventNames = [...new Set(group.map((p) => p.eventName))];
  const events = eventNames.map((name) => getAbiItem({ abi: symbioticOperatorStakeAbi, name }) as AbiEvent);
  const first = scans[0]!;
  const read = await scanLogChunks(client, {
    address: scans.length === 1 ? first.delegator : scans.map((s) => s.delegator),
    event: events.length === 1 ? events[0]! : events,
    eventName: eventNames.join(' / '),
    head,
    cursor: { scannedTo: first.scannedTo, scannedToHash: first.scannedToHash, range: first.range },
    minRange,
    maxRequests,
    requests: Math.max(...group.map((p) => p.requests)),
    onLogs: (logs) => {
      for (const log of logs) {
        const { args = {}, eventName } = log as { args?: { subnetwork?: Hex; operator?: Address }; eventName?: string };
        const to = byDelegator.get(log.address.toLowerCase());
        if (!to || to.eventName !== eventName || !args.subnetwork || !args.operator) continue;
        const pair = { subnetwork: args.subnetwork, operator: getAddress(args.operator) };
        const key = `${pair.subnetwork}:${pair.operator}`.toLowerCase();
        const keys = seen.get(to.scan)!;
        if (keys.has(key)) continue;
        keys.add(key);
        to.scan.pairs.push(pair);
      }
    },
  });
  return scans.map((scan) => {
    const moved = { ...scan, ...read.cursor, scannedAt: now() };
    if (read.stopped) return { ...moved, status: 'partial' as const, reason: read.stopped };
    const { reason: _dropped, ...rest } = moved;
    return { ...rest, status: 'complete' as const };
  });
}

const blockHashOf =
  <chain extends Chain | undefined>(client: Client<Transport, chain>) =>
  async (n: bigint) =>
    (await getBlock(client, { blockNumber: n })).hash;

export async function scanSymbioticOperators<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: ScanSymbioticOperatorsParameters,
): Promise<SymbioticOperatorScan> {
  const { minRange = SCAN_DEFAULTS.minRange, maxRequests = SCAN_DEFAULTS.maxRequests, now = Date.now } = parameters;
  const ready = await prepareScan(client, parameters, blockHashOf(client));
  if (!('eventName' in ready)) return ready;
  return (await scanGroup(client, [ready], { minRange, maxRequests, now }))[0]!;
}

/** A complete list is scanned again after this long (curators change shares rarely). */
export const SYMBIOTIC_SCAN_INTERVAL_MS = 15 * 60_000;

export type UpdateSymbioticOperatorScansParameters = {
  vaults: readonly Address[];
  chainId: number;
  scans: SymbioticOperatorScans;
  intervalMs?: number;
  now?: () => number;
} & Pick<ScanSymbioticOperatorsParameters, 'range' | 'minRange' | 'maxRequests'>;

/** Scans what is due (partial, older than intervalMs, another chain) for each vault; returns every vault's scan. */
export async function updateSymbioticOperatorScans<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { vaults, chainId, scans, intervalMs = SYMBIOTIC_SCAN_INTERVAL_MS, now = Date.now, ...limits }: UpdateSymbioticOperatorScansParameters,
): Promise<SymbioticOperatorScans> {
  const out: SymbioticOperatorScans = { ...scans };
  const due = [...new Set(vaults)].filter((vault) => {
    const prev = scans[vault];
    return !prev || prev.status !== 'complete' || prev.chainId !== chainId || now() - prev.scannedAt >= intervalMs;
  });
  if (due.length === 0) return out;
  // One head read for every vault: a node that does not answer costs one request, not one per vault.
  let head: { number: bigint; hash: Hex };
  try {
    head = await readHead(client);
  } catch (e) {
    for (const vault of due) {
      const prev = scans[vault];
      if (prev) out[vault] = { ...prev, status: 'partial', reason: `eth_getBlockByNumber(latest) failed: ${why(e)}`, scannedAt: now() };
    }
    return out;
  }
  // A stored block's hash is read once however many vaults stopped at it.
  const hashes = new Map<bigint, Promise<Hex>>();
  const blockHash = blockHashOf(client);
  const cachedHash = (n: bigint) => hashes.get(n) ?? hashes.set(n, blockHash(n)).get(n)!;
  const groups = new Map<string, Pending[]>();
  for (const vault of due) {
    const prev = scans[vault];
    const ready = await prepareScan(client, { vault, chainId, now, head, ...limits, ...(prev ? { previous: prev } : {}) }, cachedHash);
    if (!('eventName' in ready)) {
      out[vault] = ready;
      continue;
    }
    // Vaults at the same cursor share each eth_getLogs (mainnet: one scan from block 19M for all, not one per vault).
    const { fromBlock, scannedTo, scannedToHash, range } = ready.scan;
    const key = `${fromBlock}:${scannedTo}:${scannedToHash}:${range}`;
    groups.set(key, [...(groups.get(key) ?? []), ready]);
  }
  const { minRange = SCAN_DEFAULTS.minRange, maxRequests = SCAN_DEFAULTS.maxRequests } = limits;
  for (const group of groups.values())
    for (const scan of await scanGroup(client, group, { minRange, maxRequests, now })) out[scan.vault] = scan;
  return out;
}
