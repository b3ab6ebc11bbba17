import { getAddress, type Address, type Client } from 'viem';
import { getBlockNumber, getStorageAt } from 'viem/actions';
import { chainlinkAggregatorAbi, erc4626Abi, multicall3Abi } from '../chain/abis';
import { MULTICALL3, PROTOCOLS, RESTAKING_TOKENS, TOKENS, type ProtocolId, type RestakingSymbol } from '../restaking';
import { pausedDepositFlags, staleOracleFlags, type RiskFlag } from '../risk';
import { executeReads } from '../tracker/batch-reads';
import type { ReadCall } from '../tracker/types';
import { contractsOf, EIP1967_IMPLEMENTATION_SLOT, feedsOf, PAUSE_READS, pausedAbi, protocolIds, tokensOf } from './profile-sources';
import { WITHDRAWAL_FACTS } from './withdrawal-facts';
import { bridgeLineOf, L2_CHAIN_IDS, L2_CHAINS, type BridgeLine } from '../restaking/l2';

/** Issue #18: the protocol's tokens bridged to each L2 of the registry, with what holds the backing (no chain read). */
export const bridgeLinesOf = (id: ProtocolId): BridgeLine[] =>
  L2_CHAIN_IDS.flatMap((chainId) =>
    L2_CHAINS[chainId].tokens.filter((t) => t.protocol === id).map((t) => bridgeLineOf(t, L2_CHAINS[chainId].name, chainId)),
  );

/** Chainlink ETH-quoted LST/LRT feeds update at least daily; an assumption (the reference gives no heartbeats). */
export const DEFAULT_FEED_HEARTBEAT_SECONDS = 86_400n;
const WAD = 10n ** 18n;

export type OracleUpdate =
  | { symbol: RestakingSymbol; feed: Address; updatedAt: bigint; ageSeconds: bigint; source: string }
  | { symbol: RestakingSymbol; feed: Address; error: string; source: string };

export type ProxyFact =
  | { address: Address; role: string; implementation: Address | null; source: string }
  | { address: Address; role: string; error: string; source: string };

export type ProtocolProfileView = {
  id: ProtocolId;
  name: string;
  tokens: RestakingSymbol[];
  /** Registry facts (lib/restaking PROTOCOLS, reference §1.1 / Balancer reviews). */
  rateOracle: 'stored' | 'computed';
  donationSusceptible: boolean;
  registrySaysUpgradeable: boolean;
  /** Chainlink market feeds of this protocol's tokens: last update and its age at the block read. */
  feedUpdates: OracleUpdate[];
  /** The protocol's own stored-rate timestamp: none of the registry's rate contracts exposes one. */
  storedRateUpdatedAt: { value: 'not exposed' | 'not applicable'; source: string };
  /** What the chain says: EIP-1967 implementation slot of each contract (null = not an EIP-1967 proxy). */
  proxies: ProxyFact[];
  paused: { value: boolean | 'unknown'; source: string };
  withdrawal: { available: boolean | 'unknown'; detail: string; source: string };
  flags: RiskFlag[];
  /** The bridge line of each of its tokens on an L2 (registry backing entries, with source). */
  bridges: BridgeLine[];
};

export type ReadProtocolProfilesParameters = { protocols?: readonly ProtocolId[]; heartbeatSeconds?: bigint; blockNumber?: bigint };
export type ReadProtocolProfilesReturnType = {
  blockNumber: bigint;
  blockTimestamp: bigint;
  profiles: ProtocolProfileView[];
  ethCalls: number;
  storageReads: number;
};

/**
 * Every protocol's profile from one Multicall3 eth_call (block time, pause getters, Chainlink feeds,
 * Puffer's instant-redeem quote) plus one eth_getStorageAt per contract for the EIP-1967 slot, sent
 * in parallel (one HTTP request on a batching transport).
 */
export async function readProtocolProfiles(
  client: Client,
  { protocols = protocolIds(), heartbeatSeconds = DEFAULT_FEED_HEARTBEAT_SECONDS, blockNumber }: ReadProtocolProfilesParameters = {},
): Promise<ReadProtocolProfilesReturnType> {
  const block = blockNumber ?? (await getBlockNumber(client, { cacheTime: 0 }));
  const calls: ReadCall[] = [{ key: 'now', address: MULTICALL3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' }];
  for (const id of protocols) {
    (PAUSE_READS[id] ?? []).forEach((p, i) =>
      calls.push({ key: `pause:${id}:${i}`, address: p.address, abi: pausedAbi, functionName: p.functionName }),
    );
    for (const f of feedsOf(id))
      calls.push({ key: `feed:${f.feed}`, address: f.feed, abi: chainlinkAggregatorAbi, functionName: 'latestRoundData' });
    if (WITHDRAWAL_FACTS[id].instantPreviewRedeem)
      for (const s of tokensOf(id))
        calls.push({ key: `instant:${s}`, address: TOKENS[s], abi: erc4626Abi, functionName: 'previewRedeem', args: [WAD] });
  }
  const contracts = protocols.flatMap((id) => contractsOf(id).map((c) => ({ id, ...c })));
  const [reads, slots] = await Promise.all([
    executeReads(client, { calls, multicallAddress: MULTICALL3, blockNumber: block }),
    Promise.all(
      contracts.map((c) =>
        getStorageAt(client, { address: c.address, slot: EIP1967_IMPLEMENTATION_SLOT, blockNumber: block }).then(
          (v) => ({ ok: true as const, v }),
          (e: unknown) => ({ ok: false as const, e: (e as Error).message.split('\n')[0] ?? 'failed' }),
        ),
      ),
    ),
  ]);
  const nowRead = reads.get('now');
  if (!nowRead?.ok) throw new Error(`Multicall3 getCurrentBlockTimestamp failed at block ${block}: ${nowRead?.error ?? 'not read'}`);
  const now = nowRead.value as bigint;

  const profiles = protocols.map((id): ProtocolProfileView => {
    const facts = PROTOCOLS[id];
    const feedUpdates = feedsOf(id).map((f): OracleUpdate => {
      const r = reads.get(`feed:${f.feed}`);
      const source = `Chainlink ${f.feed}.latestRoundData() at block ${block}`;
      if (!r?.ok) return { ...f, error: r?.error ?? 'not read', source };
      const updatedAt = (r.value as readonly bigint[])[3] ?? 0n;
      return { ...f, updatedAt, ageSeconds: now - updatedAt, source };
    });
    const proxies = contracts.flatMap((c, i) => (c.id !== id ? [] : [proxyFact(c, slots[i]!, block)]));
    const paused = pausedState(id, reads);
    const withdrawal = withdrawalState(id, reads, paused.value);
    const flags: RiskFlag[] = [
      ...feedUpdates.flatMap((u) =>
        'updatedAt' in u
          ? staleOracleFlags({
              name: `${u.symbol}/ETH Chainlink feed`,
              updatedAt: u.updatedAt,
              now,
              heartbeat: heartbeatSeconds,
              source: { contract: u.feed, block, method: 'latestRoundData' },
            })
          : [],
      ),
      ...(paused.value === true
        ? pausedDepositFlags({ protocol: facts.name, paused: true, source: { block, method: paused.source } })
        : []),
    ];
    return {
      id,
      name: facts.name,
      tokens: tokensOf(id),
      rateOracle: facts.rateOracle,
      donationSusceptible: facts.donationSusceptible,
      registrySaysUpgradeable: facts.upgradeable,
      feedUpdates,
      storedRateUpdatedAt:
        facts.rateOracle === 'stored'
          ? { value: 'not exposed', source: "the registry's rate getters return the rate only, no update timestamp" }
          : { value: 'not applicable', source: 'rate computed live from balances at read time' },
      proxies,
      paused,
      withdrawal,
      flags,
      bridges: bridgeLinesOf(id),
    };
  });
  return { blockNumber: block, blockTimestamp: now, profiles, ethCalls: 1, storageReads: contracts.length };
}

function proxyFact(
  c: { address: Address; role: string },
  slot: { ok: true; v: `0x${string}` | undefined } | { ok: false; e: string },
  block: bigint,
): ProxyFact {
  const source = `eth_getStorageAt(${c.address}, EIP-1967 implementation slot) at block ${block}`;
  if (!slot.ok) return { address: c.address, role: c.role, error: slot.e, source };
  const word = slot.v ?? '0x';
  const implementation = BigInt(word === '0x' ? 0 : word) === 0n ? null : getAddress(`0x${word.slice(-40)}`);
  return { address: c.address, role: c.role, implementation, source };
}

function pausedState(id: ProtocolId, reads: Awaited<ReturnType<typeof executeReads>>): ProtocolProfileView['paused'] {
  const options = PAUSE_READS[id];
  if (!options) return { value: 'unknown', source: 'no pause getter known for this protocol' };
  for (const [i, p] of options.entries()) {
    const r = reads.get(`pause:${id}:${i}`);
    if (r?.ok) return { value: r.value as boolean, source: `${p.label} on ${p.address}` };
  }
  return { value: 'unknown', source: `${options.map((p) => p.label).join(' and ')} did not answer` };
}

function withdrawalState(
  id: ProtocolId,
  reads: Awaited<ReturnType<typeof executeReads>>,
  paused: boolean | 'unknown',
): ProtocolProfileView['withdrawal'] {
  const facts = WITHDRAWAL_FACTS[id];
  if (facts.instantPreviewRedeem) {
    const s = tokensOf(id)[0]!;
    const r = reads.get(`instant:${s}`);
    if (r?.ok && (r.value as bigint) > 0n)
      return {
        available: true,
        detail: `instant redemption quoted: 1 ${s} → ${r.value as bigint} wei`,
        source: `${RESTAKING_TOKENS[s].address}.previewRedeem(1e18)`,
      };
    return {
      available: 'unknown',
      detail: `previewRedeem did not answer: ${r?.ok === false ? r.error : 'not read'}`,
      source: `${RESTAKING_TOKENS[s].address}.previewRedeem(1e18)`,
    };
  }
  const pausedNote = paused === true ? ' The protocol reports itself paused.' : '';
  return { available: 'unknown', detail: `${facts.route}; delay ${facts.delay.value}.${pausedNote}`, source: facts.delay.source };
}
