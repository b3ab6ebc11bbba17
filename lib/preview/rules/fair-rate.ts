import type { TokenInfo } from '../../restaking';
import type { BatchReader } from '../reader';

const ONE = 10n ** 18n;

/** Fair rate through the batch reader, with the registry's own reader (one or more view calls). */
export async function fairRate(reader: BatchReader, token: TokenInfo): Promise<{ ok: true; rate: bigint } | { ok: false; error: string }> {
  const spec = token.fairRate;
  if (spec.kind === 'pegged') return { ok: true, rate: ONE };
  const results = await Promise.all(
    spec.calls.map((c) => reader.read({ address: c.address, abi: c.abi, functionName: c.functionName, args: c.args })),
  );
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) return { ok: false, error: failed.error };
  return { ok: true, rate: spec.toRate(results.map((r) => (r.ok ? r.value : undefined))) };
}
