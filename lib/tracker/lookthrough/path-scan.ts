import { getAddress, zeroAddress, type Address, type Chain, type Client, type Hex, type Transport } from 'viem';
import { getBlock, readContract } from 'viem/actions';
import { MULTICALL3 } from '../../restaking/addresses';
import type { LrtStructure } from '../../restaking/lrt-structure';
import { errorText, executeReads } from '../batch-reads';
import type { EventScan } from './event-scan';

/** viem's short message hides the node's own words: keep them (as event-scan.ts does). */
const why = (e: unknown): string => {
  const details = e && typeof e === 'object' && 'details' in e ? String((e as { details?: unknown }).details ?? '') : '';
  const short = errorText(e);
  return details && !short.includes(details) ? `${short} (${details})` : short;
};

/**
 * Staker lists behind a chain of getters (lib/restaking/lrt-structure.ts `kind: 'path'`, Swell's rswETH →
 * AccessControlManager → DepositManager → EigenLayerManager → stakerProxyAddresses(1…stakeId)). Each hop needs the
 * answer before it, so the walk cannot share the refresh's ≤ 3 rounds: it runs beside the refresh with the event
 * scans, pinned to one block, and is stored in the same EventScan record (`path` holds the addresses each hop
 * answered). A walk that fails keeps the stakers found before, marked partial with the reason.
 */
export type PathStructure = Extract<LrtStructure, { status: 'known' }> & { discovery: { kind: 'path' } };
export const isPathStructure = (s: LrtStructure): s is PathStructure => s.status === 'known' && s.discovery.kind === 'path';

export type ScanPathStakersParameters = {
  structure: PathStructure;
  chainId: number;
  previous?: EventScan;
  multicallAddress?: Address;
  now?: () => number;
};

export function emptyPathScan(s: PathStructure, chainId: number, at: number): EventScan {
  return {
    chainId,
    contract: s.discovery.contract,
    fromBlock: '0',
    scannedTo: '-1',
    scannedToHash: null,
    stakers: [],
    status: 'partial',
    range: '0',
    scannedAt: at,
  };
}

/** Requests: the head block, one per hop, the count, one Multicall3 batch of every item. */
export async function scanPathStakers<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { structure, chainId, previous, multicallAddress = MULTICALL3, now = Date.now }: ScanPathStakersParameters,
): Promise<EventScan> {
  const d = structure.discovery;
  const kept =
    previous && previous.chainId === chainId && previous.contract === d.contract ? previous : emptyPathScan(structure, chainId, now());
  const stop = (reason: string, path?: Address[]): EventScan => ({
    ...kept,
    ...(path ? { path } : {}),
    status: 'partial',
    reason,
    scannedAt: now(),
  });
  let head: { number: bigint; hash: Hex };
  try {
    const b = await getBlock(client, { blockTag: 'latest' });
    head = { number: b.number, hash: b.hash };
  } catch (e) {
    return stop(`eth_getBlockByNumber(latest) failed: ${why(e)}`);
  }
  const blockNumber = head.number;
  const path: Address[] = [];
  let at = d.contract;
  for (const hop of d.hops) {
    try {
      const next = (await readContract(client, { address: at, abi: hop.abi, functionName: hop.functionName, blockNumber })) as Address;
      if (next === zeroAddress) return stop(`${hop.functionName}() on ${at} answered the zero address`, path);
      at = getAddress(next);
      path.push(at);
    } catch (e) {
      return stop(`${hop.functionName}() on ${at}: ${why(e)}`, path);
    }
  }
  const l = d.list;
  let count: bigint;
  try {
    count = (await readContract(client, { address: at, abi: l.abi, functionName: l.countFunction, blockNumber })) as bigint;
  } catch (e) {
    return stop(`${l.countFunction}() on ${d.hops.at(-1)?.name ?? 'the registry'} ${at}: ${why(e)}`, path);
  }
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(l.firstIndex + i));
  const reads = await executeReads(client, {
    calls: ids.map((id) => ({ key: String(id), address: at, abi: l.abi, functionName: l.itemFunction, args: [id], gas: 15_000n })),
    multicallAddress,
    blockNumber,
  });
  const stakers: Address[] = [];
  for (const id of ids) {
    const r = reads.get(String(id));
    if (!r?.ok) return stop(`${l.itemFunction}(${id}) on ${at}: ${r && !r.ok ? r.error : 'not read'}`, path);
    const staker = getAddress(r.value as Address);
    if (staker !== zeroAddress && !stakers.includes(staker)) stakers.push(staker);
  }
  return {
    chainId,
    contract: d.contract,
    fromBlock: '0',
    scannedTo: String(head.number),
    scannedToHash: head.hash,
    stakers,
    status: 'complete',
    range: '0',
    scannedAt: now(),
    path,
  };
}
