import { encodeFunctionData, type Address, type BaseError, type Client, type Transport, type Chain } from 'viem';
import { multicall } from 'viem/actions';
import type { ReadCall, ReadResult } from './types';

/** Gas assumed for a read that does not say; view reads on LST contracts use well under this. */
export const DEFAULT_READ_GAS = 50_000n;
/** An ERC-20 balanceOf, proxied or rebasing (a few cold SLOADs and one delegatecall): well under this. */
export const BALANCE_READ_GAS = 30_000n;
/**
 * Limits of one aggregate3 eth_call. Public nodes cap eth_call gas (geth's default RPC gas cap is
 * 50M) and request bodies; staying well below both keeps a full 10-account refresh in one call.
 */
export const DEFAULT_BATCH_LIMITS = { maxCalldataBytes: 96_000, maxGas: 30_000_000n } as const;
export type BatchLimits = { maxCalldataBytes: number; maxGas: bigint };

type Encoded = { call: ReadCall; callData: `0x${string}` | null; encodeError?: string };

/** Splits reads into chunks that each fit one aggregate3 call (calldata and gas), keeping order. */
export function chunkReads(calls: readonly ReadCall[], limits: BatchLimits = DEFAULT_BATCH_LIMITS): Encoded[][] {
  const chunks: Encoded[][] = [];
  let current: Encoded[] = [];
  let bytes = 0;
  let gas = 0n;
  for (const call of calls) {
    let encoded: Encoded;
    try {
      encoded = { call, callData: encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args ?? [] }) };
    } catch (error) {
      encoded = { call, callData: null, encodeError: errorText(error) };
    }
    // aggregate3 tuple: target word + bool word + offset/length words + padded data.
    const size = 128 + Math.ceil(((encoded.callData?.length ?? 2) - 2) / 2 / 32) * 32;
    const callGas = call.gas ?? DEFAULT_READ_GAS;
    if (current.length > 0 && (bytes + size > limits.maxCalldataBytes || gas + callGas > limits.maxGas)) {
      chunks.push(current);
      current = [];
      bytes = 0;
      gas = 0n;
    }
    current.push(encoded);
    bytes += size;
    gas += callGas;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export type ExecuteReadsParameters = {
  calls: readonly ReadCall[];
  blockNumber?: bigint;
  multicallAddress: Address;
  limits?: BatchLimits;
};

/**
 * Runs every read through Multicall3 aggregate3 with allowFailure, one eth_call per chunk (chunks
 * only when calldata or gas demand it), all chunks in parallel. A read that reverts, returns
 * nothing or cannot be decoded fails alone; a chunk whose eth_call fails fails its own reads.
 */
export async function executeReads<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { calls, blockNumber, multicallAddress, limits }: ExecuteReadsParameters,
): Promise<Map<string, ReadResult>> {
  const out = new Map<string, ReadResult>();
  const chunks = chunkReads(calls, limits);
  await Promise.all(
    chunks.map(async (chunk) => {
      const encodable = chunk.filter((e) => e.callData !== null);
      for (const e of chunk) if (e.callData === null) out.set(e.call.key, { ok: false, error: e.encodeError ?? 'could not encode' });
      if (encodable.length === 0) return;
      try {
        const results = await multicall(client, {
          contracts: encodable.map(({ call }) => ({
            address: call.address,
            abi: call.abi,
            functionName: call.functionName,
            args: call.args ?? [],
          })),
          allowFailure: true,
          batchSize: 0,
          multicallAddress,
          ...(blockNumber !== undefined ? { blockNumber } : {}),
        });
        results.forEach((r, i) => {
          const key = encodable[i]!.call.key;
          out.set(key, r.status === 'success' ? { ok: true, value: r.result } : { ok: false, error: errorText(r.error) });
        });
      } catch (error) {
        for (const e of encodable) out.set(e.call.key, { ok: false, error: errorText(error) });
      }
    }),
  );
  return out;
}

export function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'shortMessage' in error) return String((error as BaseError).shortMessage);
  if (error instanceof Error) return error.message;
  return String(error);
}
