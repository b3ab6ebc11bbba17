import type { AbiEvent, Address, Chain, Client, Hex, Log, Transport } from 'viem';
import { getLogs } from 'viem/actions';
import { errorText } from '../batch-reads';

/** viem's short message hides the node's own words ("An unknown RPC error occurred."): keep them. */
export const scanErrorText = (e: unknown): string => {
  const details = e && typeof e === 'object' && 'details' in e ? String((e as { details?: unknown }).details ?? '') : '';
  const short = errorText(e);
  return details && !short.includes(details) ? `${short} (${details})` : short;
};

/** Where an incremental log scan stands: the last block read, that block's hash when it was the head, the range used. */
export type ScanCursor = { scannedTo: string; scannedToHash: Hex | null; range: string };

export type ScanLogChunksParameters = {
  /** One contract, or several read in the same eth_getLogs (contracts whose scans stand at the same cursor). */
  address: Address | readonly Address[];
  /** One event, or several (each log is decoded by the one whose topic it carries). */
  event: AbiEvent | readonly AbiEvent[];
  /** Named in the error of a range the node refuses at `minRange`. */
  eventName: string;
  head: { number: bigint; hash: Hex };
  cursor: ScanCursor;
  minRange: bigint;
  maxRequests: number;
  /** Requests the scan already made this run (head, checks), counted against maxRequests. */
  requests: number;
  onLogs: (logs: Log[]) => void;
};

/**
 * The shared loop of the event scans beside the refresh (ether.fi's nodes, Symbiotic delegators' operators): eth_getLogs
 * from the cursor to the head in ranges of `cursor.range` blocks, halved (down to minRange) when a node refuses one, at
 * most maxRequests requests a run. Returns the cursor after the last range read and, when it stopped short, why.
 */
export async function scanLogChunks<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { address, event, eventName, head, cursor, minRange, maxRequests, requests, onLogs }: ScanLogChunksParameters,
): Promise<{ cursor: ScanCursor; stopped?: string }> {
  let at = cursor;
  let step = BigInt(at.range);
  let made = requests;
  while (BigInt(at.scannedTo) < head.number) {
    if (made >= maxRequests)
      return {
        cursor: at,
        stopped: `scanned to block ${at.scannedTo} of ${head.number} (${maxRequests} requests a run); the next scan goes on from there`,
      };
    const from = BigInt(at.scannedTo) + 1n;
    const to = from + step - 1n < head.number ? from + step - 1n : head.number;
    try {
      made += 1;
      const filter = Array.isArray(event) ? { events: event as AbiEvent[] } : { event: event as AbiEvent };
      onLogs((await getLogs(client, { address: address as Address[], ...filter, fromBlock: from, toBlock: to, strict: true })) as Log[]);
      at = { scannedTo: String(to), scannedToHash: to === head.number ? head.hash : null, range: String(step) };
    } catch (e) {
      if (step > minRange) {
        step = step / 2n > minRange ? step / 2n : minRange;
        continue;
      }
      const where = typeof address === 'string' ? address : address.join(', ');
      return { cursor: at, stopped: `eth_getLogs ${eventName} on ${where}, blocks ${from}–${to}: ${scanErrorText(e)}` };
    }
  }
  return { cursor: at };
}
