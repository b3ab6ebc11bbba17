import type { Address, Hex, PublicClient } from 'viem';
import { allocationManagerAbi, pickAbi, symbioticVaultAbi } from '../../chain/abis';

/**
 * Events a slashing alert reads with eth_getLogs. Every AllocationManager parameter is non-indexed
 * (reference §2.1): the filter is address + topic0 only, the operator comes from the decoded data.
 */
export const slashingEventsAbi = [
  ...pickAbi(allocationManagerAbi, ['OperatorSlashed', 'MaxMagnitudeUpdated']),
  ...pickAbi(symbioticVaultAbi, ['OnSlash']),
] as const;

/** topic0 values from reference §7 (checked against the ABI above in slashing-logs.test.ts). */
export const SLASHING_TOPICS = {
  OperatorSlashed: '0x80969ad29428d6797ee7aad084f9e4a42a82fc506dcd2ca3b6fb431f85ccebe5',
  MaxMagnitudeUpdated: '0x1c6458079a41077d003c11faf9bf097e693bd67979e4e6500bac7b29db779b5c',
  OnSlash: '0xf9d090c096f71cd1659861a9ce5b6f384bceb4e2fa4e4a19edf6489a9b8d56c7',
} as const satisfies Record<string, Hex>;

type Base = { address: Address; transactionHash: Hex; logIndex: number; blockNumber: bigint };
export type SlashingLog =
  | (Base & {
      eventName: 'OperatorSlashed';
      operator: Address;
      strategies: readonly Address[];
      wadSlashed: readonly bigint[];
      operatorSet: { avs: Address; id: number };
      description: string;
    })
  | (Base & { eventName: 'MaxMagnitudeUpdated'; operator: Address; strategy: Address; maxMagnitude: bigint })
  | (Base & { eventName: 'OnSlash'; amount: bigint; captureTimestamp: number; slashedAmount: bigint });

/** Blocks per eth_getLogs call: public RPCs commonly refuse wider ranges. */
export const LOG_RANGE_BLOCKS = 5_000n;

export type ReadSlashingLogsParameters = { addresses: readonly Address[]; fromBlock: bigint; toBlock: bigint; maxCalls?: number };

/**
 * Slashing events from `fromBlock` to `toBlock` (inclusive), one eth_getLogs per LOG_RANGE_BLOCKS,
 * at most `maxCalls` calls; returns the last block read so the caller resumes from there next time.
 */
export async function readSlashingLogs(
  client: Pick<PublicClient, 'getLogs'>,
  { addresses, fromBlock, toBlock, maxCalls = 20 }: ReadSlashingLogsParameters,
): Promise<{ logs: SlashingLog[]; readTo: bigint }> {
  const logs: SlashingLog[] = [];
  let from = fromBlock;
  let readTo = fromBlock - 1n;
  for (let call = 0; from <= toBlock && call < maxCalls; call += 1) {
    const to = from + LOG_RANGE_BLOCKS - 1n < toBlock ? from + LOG_RANGE_BLOCKS - 1n : toBlock;
    const raw = await client.getLogs({ address: [...addresses], events: slashingEventsAbi, fromBlock: from, toBlock: to, strict: true });
    for (const log of raw) {
      if (log.transactionHash === null || log.logIndex === null || log.blockNumber === null) continue; // pending logs are not events yet
      const base: Base = {
        address: log.address,
        transactionHash: log.transactionHash,
        logIndex: log.logIndex,
        blockNumber: log.blockNumber,
      };
      if (log.eventName === 'OperatorSlashed') logs.push({ ...base, eventName: 'OperatorSlashed', ...log.args });
      else if (log.eventName === 'MaxMagnitudeUpdated') logs.push({ ...base, eventName: 'MaxMagnitudeUpdated', ...log.args });
      else logs.push({ ...base, eventName: 'OnSlash', ...log.args });
    }
    readTo = to;
    from = to + 1n;
  }
  logs.sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));
  return { logs, readTo };
}
