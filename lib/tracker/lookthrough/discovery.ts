import { stringToHex, type Address, type Hex } from 'viem';
import type { LrtStructure } from '../../restaking/lrt-structure';
import type { RestakingSymbol } from '../../restaking/types';
import type { ReadCall, Reads } from '../types';
import type { EventStakers } from './event-scan';

/**
 * Reads that list an LRT's staker contracts. To keep the usual refresh to one batch, the first round also
 * asks for the first SPECULATIVE items (Renzo indices 0…n, Puffer's documented module names): a read past
 * the end fails alone (allowFailure) and is ignored; only a longer list costs one more round.
 */
export const SPECULATIVE = 16;
/** Puffer lists 20+ modules in its deployment file: guess more names than indices. */
export const SPECULATIVE_NAMES = 32;
/** A public-array item or a mapping read: one cold account and one cold slot, well under this. */
const ITEM_GAS = 15_000n;
/** Puffer names its modules PUFFER_MODULE_<n> (PufferFinance/Deployments-and-ACL docs/deployments/mainnet.md). */
const pufferName = (n: number): Hex => stringToHex(`PUFFER_MODULE_${n}`, { size: 32 });
const ZERO = '0x0000000000000000000000000000000000000000';

const k = {
  list: (s: string) => `lt:list:${s}`,
  length: (s: string) => `lt:length:${s}`,
  item: (s: string, i: number) => `lt:item:${s}:${i}`,
  names: (s: string) => `lt:names:${s}`,
  named: (s: string, name: Hex) => `lt:named:${s}:${name}`,
};

type Known = Extract<LrtStructure, { status: 'known' }>;

export function firstDiscoveryCalls(s: Known): ReadCall[] {
  const d = s.discovery;
  // Event-announced and path-walked stakers come from the scans beside the refresh (event-scan.ts, path-scan.ts).
  if (d.kind === 'events' || d.kind === 'path') return [];
  const base = { address: d.contract, abi: d.abi };
  if (d.kind === 'list') return [{ ...base, key: k.list(s.symbol), functionName: d.functionName, gas: 300_000n }];
  if (d.kind === 'indexed')
    return [
      { ...base, key: k.length(s.symbol), functionName: d.lengthFunction },
      ...Array.from({ length: SPECULATIVE }, (_, i) => ({
        ...base,
        key: k.item(s.symbol, i),
        functionName: d.itemFunction,
        args: [BigInt(i)],
        gas: ITEM_GAS,
      })),
    ];
  return [
    { ...base, key: k.names(s.symbol), functionName: d.namesFunction, gas: 300_000n },
    ...Array.from({ length: SPECULATIVE_NAMES }, (_, i) => ({
      ...base,
      key: k.named(s.symbol, pufferName(i)),
      functionName: d.addressFunction,
      args: [pufferName(i)],
      gas: ITEM_GAS,
    })),
  ];
}

/** How much of an event-announced list a refresh reads (the cap) and how complete the scan behind it is. */
export type Coverage = {
  stakersRead: number;
  stakersFound: number;
  scan: EventStakers['status'];
  scannedTo: bigint;
  /** In words: what is counted and what is not. */
  note: string;
};

/** `plain`: the reason in words for the user, where it is not the generic "could not be read at this refresh". */
export type Discovered = { stakers: Address[]; coverage?: Coverage } | { more: ReadCall[] } | { error: string; plain?: string };

const ok = <T>(reads: Reads, key: string): T | undefined => {
  const r = reads.get(key);
  return r?.ok ? (r.value as T) : undefined;
};
const why = (reads: Reads, key: string, what: string) => {
  const r = reads.get(key);
  return `${what}: ${r && !r.ok ? r.error : 'not read'}`;
};

/** The staker list once every read it needs is in, else the reads still missing (or why it cannot be had). */
export function discovered(s: Known, reads: Reads, events?: ReadonlyMap<RestakingSymbol, EventStakers>): Discovered {
  const d = s.discovery;
  if (d.kind === 'events') return fromEvents(s, d, events?.get(s.symbol));
  if (d.kind === 'path') return fromPath(s, d, events?.get(s.symbol));
  const base = { address: d.contract, abi: d.abi };
  if (d.kind === 'list') {
    const list = ok<readonly Address[]>(reads, k.list(s.symbol));
    return list ? { stakers: unique([...list]) } : { error: why(reads, k.list(s.symbol), `${d.functionName}() on ${d.contract}`) };
  }
  if (d.kind === 'indexed') {
    const length = ok<bigint>(reads, k.length(s.symbol));
    if (length === undefined) return { error: why(reads, k.length(s.symbol), `${d.lengthFunction}() on ${d.contract}`) };
    const out: Address[] = [];
    const more: ReadCall[] = [];
    for (let i = 0; i < Number(length); i++) {
      const r = reads.get(k.item(s.symbol, i));
      if (r?.ok) out.push(r.value as Address);
      else if (!r) more.push({ ...base, key: k.item(s.symbol, i), functionName: d.itemFunction, args: [BigInt(i)] });
      else return { error: `${d.itemFunction}(${i}) on ${d.contract}: ${r.error}` };
    }
    return more.length ? { more } : { stakers: unique(out) };
  }
  const names = ok<readonly Hex[]>(reads, k.names(s.symbol));
  if (!names) return { error: why(reads, k.names(s.symbol), `${d.namesFunction}() on ${d.contract}`) };
  const out: Address[] = [];
  const more: ReadCall[] = [];
  for (const name of new Set(names)) {
    const r = reads.get(k.named(s.symbol, name));
    if (r?.ok) out.push(r.value as Address);
    else if (!r) more.push({ ...base, key: k.named(s.symbol, name), functionName: d.addressFunction, args: [name] });
    else return { error: `${d.addressFunction}(${name}) on ${d.contract}: ${r.error}` };
  }
  return more.length ? { more } : { stakers: unique(out) };
}

function fromEvents(s: Known, d: Extract<Known['discovery'], { kind: 'events' }>, e: EventStakers | undefined): Discovered {
  const what = `${d.eventName} logs of ${d.contract}`;
  const plain = `Ballast has not read the list of ${s.stakerKind}s that restake for ${s.symbol} yet, so the operators behind it are not known yet.`;
  if (!e) return { error: `${what} not scanned yet (the scan runs beside the refresh)`, plain };
  if (e.stakers.length === 0)
    return {
      plain,
      error:
        e.status === 'partial'
          ? `${what}: scan stopped before any ${s.stakerKind} was found (${e.reason ?? 'no reason given'})`
          : `${what}: none from block ${d.fromBlock} to ${e.scannedTo}`,
    };
  const stakers = unique([...e.stakers]).slice(0, d.maxRead);
  const total = e.stakers.length;
  const parts = [
    stakers.length < total
      ? `${stakers.length} of ${total} ${s.stakerKind}s read (the first announced); the other ${total - stakers.length} are not counted`
      : `all ${total} ${s.stakerKind}s read`,
    e.status === 'partial'
      ? `the ${d.eventName} scan is partial (to block ${e.scannedTo}: ${e.reason ?? 'stopped'}), so nodes announced later are missing`
      : `${d.eventName} scanned to block ${e.scannedTo}`,
  ];
  return {
    stakers,
    coverage: { stakersRead: stakers.length, stakersFound: total, scan: e.status, scannedTo: e.scannedTo, note: parts.join('; ') },
  };
}

/** A path-discovered list (lib/tracker/lookthrough/path-scan.ts), stored like an event scan. */
function fromPath(s: Known, d: Extract<Known['discovery'], { kind: 'path' }>, e: EventStakers | undefined): Discovered {
  const chain = [s.symbol, ...d.hops.map((h) => `${h.functionName}()`)].join(' → ');
  const plain = `Ballast has not read the list of ${s.stakerKind}s that restake for ${s.symbol} yet, so the operators behind it are not known yet.`;
  if (!e) return { error: `${chain} not walked yet (the walk runs beside the refresh)`, plain };
  if (e.stakers.length === 0)
    return {
      plain,
      error:
        e.status === 'partial'
          ? `${chain}: the walk stopped before any ${s.stakerKind} was found (${e.reason ?? 'no reason given'})`
          : `${chain} → ${d.list.countFunction}() = 0 at block ${e.scannedTo}`,
    };
  const stakers = unique([...e.stakers]).slice(0, d.maxRead);
  const total = e.stakers.length;
  const parts = [
    stakers.length < total
      ? `${stakers.length} of ${total} ${s.stakerKind}s read (the lowest ids); the other ${total - stakers.length} are not counted`
      : `all ${total} ${s.stakerKind}s read`,
    e.status === 'partial'
      ? `the last walk of ${chain} failed (${e.reason ?? 'stopped'}); the list is from block ${e.scannedTo}`
      : `listed via ${chain} at block ${e.scannedTo}`,
  ];
  return {
    stakers,
    coverage: { stakersRead: stakers.length, stakersFound: total, scan: e.status, scannedTo: e.scannedTo, note: parts.join('; ') },
  };
}

const unique = (xs: Address[]) => [...new Set(xs.filter((x) => x !== ZERO))];
