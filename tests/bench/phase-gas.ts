import { createClient, http, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { DEFAULT_READ_GAS } from '../../lib/tracker/batch-reads';
import { LRT_STRUCTURES } from '../../lib/restaking/lrt-structure';
import { updateEventScans, eventStakersOf } from '../../lib/tracker/lookthrough/event-scan';
import { rateBookCalls } from '../../lib/tracker/rates';
import { defaultReaders } from '../../lib/tracker/readers';
import type { PositionReader } from '../../lib/tracker/readers/reader';
import { refreshPositions } from '../../lib/tracker/refresh';
import type { ReadCall } from '../../lib/tracker/types';
import { startDevnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';

/**
 * Declared gas of each refresh phase's Multicall3 batch (what chunkReads sizes against its 30M limit) for the
 * 10-account refresh on the seeded devnet, with and without the LRT stakers the scans beside the refresh find.
 * `npx tsx tests/bench/phase-gas.ts`
 */
type Phase = 'phase1' | 'phase2' | 'phase3';
const sum = (calls: Map<string, ReadCall>) => [...calls.values()].reduce((g, c) => g + (c.gas ?? DEFAULT_READ_GAS), 0n);

async function measure(rpcUrl: string, accounts: Address[], withScans: boolean) {
  const seen: Record<Phase, Map<string, ReadCall>> = { phase1: new Map(), phase2: new Map(), phase3: new Map() };
  // Phase 1 also carries the rate book and Multicall3's block number, timestamp and chain id (3 × default gas).
  for (const c of rateBookCalls()) seen.phase1.set(c.key, c);
  const spy = (r: PositionReader): PositionReader => ({
    ...r,
    phase1: (ctx) => r.phase1(ctx).map((c) => (seen.phase1.set(c.key, c), c)),
    ...(r.phase2 ? { phase2: (ctx, reads, rates) => r.phase2!(ctx, reads, rates).map((c) => (seen.phase2.set(c.key, c), c)) } : {}),
    ...(r.phase3 ? { phase3: (ctx, reads, rates) => r.phase3!(ctx, reads, rates).map((c) => (seen.phase3.set(c.key, c), c)) } : {}),
  });
  const client = createClient({ chain: mainnet, transport: http(rpcUrl) });
  const eventStakers = withScans
    ? eventStakersOf(await updateEventScans(client, { structures: LRT_STRUCTURES, chainId: 1, scans: {} }))
    : undefined;
  const snap = await refreshPositions({
    transport: http(rpcUrl, { retryCount: 0 }),
    chain: mainnet,
    accounts,
    readers: defaultReaders().map(spy),
    ...(eventStakers ? { eventStakers } : {}),
  });
  return {
    requests: snap.requestCount,
    phase1: sum(seen.phase1) + 3n * DEFAULT_READ_GAS,
    phase2: sum(seen.phase2),
    phase3: sum(seen.phase3),
    calls: { phase1: seen.phase1.size + 3, phase2: seen.phase2.size, phase3: seen.phase3.size },
  };
}

const devnet = await startDevnet();
try {
  const accounts = Array.from({ length: 10 }, (_, i) => devAccount(i).address);
  const fmt = (g: bigint) => `${(Number(g) / 1e6).toFixed(3)}M`;
  for (const withScans of [false, true]) {
    const m = await measure(devnet.rpcUrl, accounts, withScans);
    console.log(
      `${withScans ? 'with scans   ' : 'without scans'}: requests ${m.requests}; declared gas phase1 ${fmt(m.phase1)} (${m.calls.phase1} calls), phase2 ${fmt(m.phase2)} (${m.calls.phase2}), phase3 ${fmt(m.phase3)} (${m.calls.phase3})`,
    );
  }
} finally {
  await devnet.stop();
}
