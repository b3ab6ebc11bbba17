import { isAddress, parseUnits, type Abi, type Address } from 'viem';
import { CHAINLINK, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { readFairRates } from '../../lib/restaking/read-fair-rates';
import { RESTAKING_SYMBOLS } from '../../lib/restaking/tokens';
import type { RestakingSymbol } from '../../lib/restaking/types';
import { artifact, type DevnetContext } from './context';
import { EIGEN_DEVNET_AVS, EIGEN_DEVNET_OPERATOR, EIGEN_DEVNET_SECOND_OPERATOR, slashOperator } from './seed/eigen';
import { LRT_DEVNET_ALLOCATIONS, LRT_DEVNET_AVS, LRT_DEVNET_OPERATORS, LRT_DEVNET_STAKERS } from './seed/lrt';
import { scaleBook, setFairRate } from './seed/rates';
import { feedToken, type FeedName } from './seed/tokens';
import { depegToken } from './seed/defi';
import { toJson } from './json';
import { MELLOW_LRTS, SYMBIOTIC_NETWORKS, SYMBIOTIC_VAULTS_MAINNET } from '../../lib/restaking/symbiotic-registry';
import { devnetSubnetwork, setNetworkLimit, slashSymbioticVault, SYMBIOTIC_DEVNET_OPERATORS } from './seed/symbiotic';

/** Scenario scripts: each takes a DevnetContext, changes one thing, and returns JSON-safe facts about it. */
export const SCENARIOS = [
  'depeg',
  'slash',
  'rebase',
  'reprice',
  'advance',
  'finalize',
  'oracle-update',
  'symbiotic-limit',
  'symbiotic-slash',
  'l2-rate-lag',
  'l2-depeg',
  'list',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export class ScenarioInputError extends Error {
  override name = 'ScenarioInputError';
}

const json = (v: bigint) => v.toString();
const feedAbi = (): Abi => artifact('ChainlinkAggregator').abi;

export function parseToken(input: string | undefined): RestakingSymbol {
  const found = RESTAKING_SYMBOLS.find((s) => s.toLowerCase() === (input ?? '').toLowerCase());
  if (!found) throw new ScenarioInputError(`Unknown token "${input ?? ''}". Allowed tokens: ${RESTAKING_SYMBOLS.join(', ')}`);
  return found;
}

/** A decimal number strictly between min and max (exclusive), as text so bigint math stays exact. */
export function parseNumber(input: string | undefined, what: string, min: number, max: number, { maxInclusive = false } = {}): string {
  const text = (input ?? '').trim();
  const n = Number(text);
  const aboveMax = maxInclusive ? n > max : n >= max;
  if (!/^-?\d+(\.\d{1,6})?$/.test(text) || !Number.isFinite(n) || n <= min || aboveMax || n === 0) {
    throw new ScenarioInputError(
      `${what} must be a number in (${min}, ${max}${maxInclusive ? ']' : ')'}, not 0, at most 6 decimals; got "${input ?? ''}"`,
    );
  }
  return text;
}

const feedOf = (token: RestakingSymbol): FeedName | undefined => (Object.keys(CHAINLINK) as FeedName[]).find((f) => feedToken(f) === token);

async function fairRate(ctx: DevnetContext, token: RestakingSymbol): Promise<bigint> {
  const r = (await readFairRates(ctx.client, { symbols: [token] }))[token];
  if (!r?.ok) throw new Error(`Could not read the fair rate of ${token}: ${r?.error ?? 'no result'}`);
  return r.rate;
}

/**
 * Market price falls `percent` % below the fair rate: the token's Chainlink market feed, and (seed/defi)
 * its Curve pool by real swaps and its Uniswap quote. Needs a devnet seeded with seedDefi.
 */
export async function depeg(ctx: DevnetContext, token: RestakingSymbol, percent: string) {
  parseNumber(percent, 'percent', 0, 100);
  const fair = await fairRate(ctx, token);
  const target = (fair * (100_000_000n - parseUnits(percent, 6))) / 100_000_000n;
  const out: Record<string, unknown> = { scenario: 'depeg', token, percent, fairRate: json(fair), targetMarketRate: json(target) };
  const feed = feedOf(token);
  if (feed) {
    const address = CHAINLINK[feed];
    const [, before] = (await ctx.client.readContract({ address, abi: feedAbi(), functionName: 'latestRoundData' })) as [bigint, bigint];
    const { timestamp } = await ctx.client.getBlock({ blockTag: 'latest' });
    await ctx.write({ address, abi: feedAbi(), functionName: 'setAnswer', args: [target, timestamp] });
    out.feed = { name: feed, address, before: json(before), after: json(target), updatedAt: json(timestamp) };
  }
  out.pools = toJson(await depegToken(ctx, token, Number(percent)));
  return out;
}

/** Operators by devnet name: the seeded pair of seed/eigen.ts and the four behind the LRTs (seed/lrt.ts). */
export const NAMED_OPERATORS: Record<string, Address> = {
  seeded: EIGEN_DEVNET_OPERATOR,
  second: EIGEN_DEVNET_SECOND_OPERATOR,
  ...LRT_DEVNET_OPERATORS,
};
export const NAMED_AVS: Record<string, Address> = { seeded: EIGEN_DEVNET_AVS, ...LRT_DEVNET_AVS };

/** "seeded", "lrt-a", … or a 0x address. */
export function parseOperator(input: string | undefined): Address {
  const text = (input ?? '').trim();
  if (text in NAMED_OPERATORS) return NAMED_OPERATORS[text]!;
  if (isAddress(text)) return text;
  throw new ScenarioInputError(`operator must be one of ${Object.keys(NAMED_OPERATORS).join(', ')} or a 0x address; got "${text}"`);
}

/** "<avs>:<id>" with avs a devnet name (seeded, avs-x, avs-y) or a 0x address; a bare id means the seeded AVS. */
export function parseSet(input: string | undefined): { avs: Address; id: number } {
  const text = (input ?? '').trim();
  const [avsText, idText] = text.includes(':') ? text.split(':') : ['seeded', text];
  const avs = avsText! in NAMED_AVS ? NAMED_AVS[avsText!]! : isAddress(avsText!) ? avsText : undefined;
  if (!avs || !/^\d{1,9}$/.test(idText ?? ''))
    throw new ScenarioInputError(
      `set must be <avs>:<id> with avs one of ${Object.keys(NAMED_AVS).join(', ')} or a 0x address (e.g. avs-x:1); got "${text}"`,
    );
  return { avs: avs as Address, id: Number(idText) };
}

/** Slashes an EigenLayer operator by a fraction of its allocation to one operator set (default: seeded AVS, set 1). */
export async function slash(
  ctx: DevnetContext,
  /** A name from NAMED_OPERATORS or a 0x address. */
  operator: string,
  fraction: string,
  set: { avs: Address; id: number } = { avs: EIGEN_DEVNET_AVS, id: 1 },
): Promise<Record<string, unknown>> {
  parseNumber(fraction, 'fraction', 0, 1, { maxInclusive: true });
  const who = parseOperator(operator);
  const result = await slashOperator(ctx, { operator: who, fraction: Number(fraction), avs: set.avs, operatorSetId: set.id });
  return { scenario: 'slash', fraction, ...(toJson(result) as Record<string, unknown>) };
}

/** A Mellow LRT symbol (its paired vault), a Symbiotic vault name or a 0x vault address of the registry. */
export function parseSymbioticVault(input: string | undefined): Address {
  const text = (input ?? '').trim();
  const lrt = MELLOW_LRTS.find((l) => l.symbol.toLowerCase() === text.toLowerCase());
  if (lrt) return lrt.symbioticVault;
  const vault = SYMBIOTIC_VAULTS_MAINNET.find((v) => v.address.toLowerCase() === text.toLowerCase() || v.name === text);
  if (vault) return vault.address;
  throw new ScenarioInputError(
    `vault must be a Mellow LRT (${MELLOW_LRTS.map((l) => l.symbol).join(', ')}) or a registry vault address; got "${text}"`,
  );
}

/** A Symbiotic network by its metadata name (case-insensitive) or 0x address. */
export function parseNetwork(input: string | undefined): Address {
  const text = (input ?? '').trim();
  const n = SYMBIOTIC_NETWORKS.find((x) => x.name.toLowerCase() === text.toLowerCase() || x.address.toLowerCase() === text.toLowerCase());
  if (n) return n.address;
  if (isAddress(text)) return text;
  throw new ScenarioInputError(`network must be one of ${SYMBIOTIC_NETWORKS.map((x) => x.name).join(', ')} or a 0x address; got "${text}"`);
}

/** A Symbiotic devnet operator by name (lrt-a, sym-b, sym-c) or 0x address. */
export function parseSymbioticOperator(input: string | undefined): Address {
  const text = (input ?? '').trim();
  const named = SYMBIOTIC_DEVNET_OPERATORS[text as keyof typeof SYMBIOTIC_DEVNET_OPERATORS];
  if (named) return named;
  if (isAddress(text)) return text;
  throw new ScenarioInputError(
    `operator must be one of ${Object.keys(SYMBIOTIC_DEVNET_OPERATORS).join(', ')} or a 0x address; got "${text}"`,
  );
}

/** The vault's curator gives a network a limit of `eth` (collateral units, 18 decimals) on the vault. */
export async function symbioticLimit(ctx: DevnetContext, vault: Address, network: Address, amount: string) {
  parseNumber(amount, 'amount', 0, 1e12, { maxInclusive: true });
  const wei = parseUnits(amount, 18);
  await setNetworkLimit(ctx, vault, network, wei);
  return { scenario: 'symbiotic-limit', vault, network, networkLimit: json(wei) };
}

/**
 * A network slashes `fraction` of a stake in the vault through the vault's VetoSlasher: with an operator, of that
 * operator's stake(subnetwork, operator) (the delegator's formula, as a real slash); without, of the network's
 * min(activeStake, networkLimit) (a devnet shortcut).
 */
export async function symbioticSlash(ctx: DevnetContext, vault: Address, network: Address, fraction: string, operator?: Address) {
  parseNumber(fraction, 'fraction', 0, 1, { maxInclusive: true });
  const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    ctx.client.readContract({ address, abi: artifact(name).abi, functionName, args }) as Promise<T>;
  const active = await read<bigint>(vault, 'SymbioticVault', 'activeStake');
  const delegator = await read<Address>(vault, 'SymbioticVault', 'delegator');
  const limit = await read<bigint>(delegator, 'SymbioticDelegator', 'networkLimit', [devnetSubnetwork(network)]);
  const stake = operator
    ? await read<bigint>(delegator, 'SymbioticDelegator', 'stake', [devnetSubnetwork(network), operator])
    : limit < active
      ? limit
      : active;
  if (stake === 0n)
    throw new ScenarioInputError(
      operator
        ? `operator ${operator} has no stake from vault ${vault} in network ${network}: give the network a limit first (symbiotic-limit)`
        : `network ${network} has no stake in vault ${vault}: give it a limit first (symbiotic-limit)`,
    );
  const amount = (stake * parseUnits(fraction, 18)) / 10n ** 18n;
  const r = await slashSymbioticVault(ctx, vault, network, amount, operator);
  return {
    scenario: 'symbiotic-slash',
    vault,
    network,
    ...(operator ? { operator, operatorStake: json(stake) } : { networkStake: json(stake) }),
    fraction,
    slashed: json(r.activeStakeBefore - r.activeStakeAfter),
    activeStakeBefore: json(r.activeStakeBefore),
    activeStakeAfter: json(r.activeStakeAfter),
    slasher: r.slasher,
    hash: r.executeTx,
  };
}

/** What can be slashed: every named operator, its operator sets and magnitudes, and the LRT stakers delegated to it. */
export function list(): Record<string, unknown> {
  const name = (a: Address) => Object.entries(NAMED_AVS).find(([, x]) => x === a)?.[0] ?? a;
  return {
    scenario: 'list',
    operators: Object.entries(NAMED_OPERATORS).map(([n, address]) => ({
      name: n,
      address,
      sets:
        n === 'seeded'
          ? ['seeded:1 (30 %)', 'seeded:2 (20 %)']
          : n === 'second'
            ? ['seeded:1 (50 %)']
            : LRT_DEVNET_ALLOCATIONS.filter((x) => x.operator === n).map((x) => `${name(LRT_DEVNET_AVS[x.avs])}:${x.id} (${x.percent} %)`),
      lrtStakers: LRT_DEVNET_STAKERS.filter((s) => s.operator === n).map((s) => `${s.lrt} ${s.staker}`),
    })),
    avs: NAMED_AVS,
    withdrawalQueues: {
      lido: PROTOCOL_CONTRACTS.lidoWithdrawalQueue,
      etherfi: PROTOCOL_CONTRACTS.etherfiWithdrawRequestNFT,
      kelp: PROTOCOL_CONTRACTS.kelpWithdrawalManager,
      puffer: PROTOCOL_CONTRACTS.pufferWithdrawalManager,
      renzo: PROTOCOL_CONTRACTS.renzoWithdrawQueue,
      mantle: PROTOCOL_CONTRACTS.mantleUnstakeRequestsManager,
    },
    symbiotic: {
      mellowLrts: MELLOW_LRTS.map((l) => `${l.symbol} → vault ${l.symbioticVault}`),
      networks: SYMBIOTIC_NETWORKS.map((n) => `${n.name} ${n.address}`),
      operators: SYMBIOTIC_DEVNET_OPERATORS,
    },
    usage:
      'npm run scenario -- slash <operator> <avs>:<id> <fraction>, e.g. slash lrt-a avs-x:1 0.5; finalize <lido|etherfi|kelp|renzo|puffer|mantle>; symbiotic-limit pzETH Spark 4; symbiotic-slash pzETH Spark 0.5 [sym-b]',
  };
}

/** Rewards (> 0) or losses (< 0) of `percent` % in the figure the token's rate or balances derive from. */
export async function rebase(ctx: DevnetContext, token: RestakingSymbol, percent: string) {
  parseNumber(percent, 'percent', -100, 100);
  const rateBefore = await fairRate(ctx, token);
  const { before, after } = await scaleBook(ctx, token, percent);
  return {
    scenario: 'rebase',
    token,
    percent,
    changed: { contract: before.contract, function: before.setter, before: json(before.value), after: json(after) },
    fairRate: { before: json(rateBefore), after: json(await fairRate(ctx, token)) },
  };
}

/** Sets the protocol's own rate so the fair rate reads exactly `newRate` ETH per token. */
export async function reprice(ctx: DevnetContext, token: RestakingSymbol, newRate: string) {
  parseNumber(newRate, 'newRate', 0, 100);
  const rateBefore = await fairRate(ctx, token);
  const { before, after } = await setFairRate(ctx, token, parseUnits(newRate, 18));
  return {
    scenario: 'reprice',
    token,
    newRate,
    changed: { contract: before.contract, function: before.setter, before: json(before.value), after: json(after) },
    fairRate: { before: json(rateBefore), after: json(await fairRate(ctx, token)) },
  };
}

/** Mines `blocks` blocks, 12 s apart, so time-based logic (withdrawal delays, staleness) moves too. */
export async function advance(ctx: DevnetContext, blocks: string) {
  if (!/^\d+$/.test(blocks.trim()) || BigInt(blocks) < 1n || BigInt(blocks) > 1_000_000n) {
    throw new ScenarioInputError(`blocks must be a whole number in [1, 1000000]; got "${blocks}"`);
  }
  const from = await ctx.client.getBlock({ blockTag: 'latest' });
  await ctx.client.mine({ blocks: Number(blocks), interval: 12 });
  const to = await ctx.client.getBlock({ blockTag: 'latest' });
  return {
    scenario: 'advance',
    blocks: Number(blocks),
    block: { before: json(from.number), after: json(to.number) },
    timestamp: { before: json(from.timestamp), after: json(to.timestamp) },
  };
}

/** Withdrawal queues a `finalize` scenario knows. */
export const FINALIZE_PROTOCOLS = ['lido', 'etherfi', 'kelp', 'renzo', 'puffer', 'mantle'] as const;
export type FinalizeProtocol = (typeof FINALIZE_PROTOCOLS)[number];

export function parseFinalizeProtocol(input: string | undefined): FinalizeProtocol {
  const found = FINALIZE_PROTOCOLS.find((p) => p === (input ?? '').trim().toLowerCase());
  if (!found) throw new ScenarioInputError(`protocol must be one of ${FINALIZE_PROTOCOLS.join(', ')}; got "${input ?? ''}"`);
  return found;
}

/**
 * Finalizes every pending request of a protocol's withdrawal queue, as its operator or oracle report would:
 * Lido's WithdrawalQueueERC721 up to getLastRequestId(); ether.fi's WithdrawRequestNFT up to nextRequestId − 1;
 * Kelp's LRTWithdrawalManager: mines past the last request's withdrawal delay, sends the ETH the unlock needs
 * (receiveFromLRTUnstakingVault) and unlocks up to nextUnusedNonce; Puffer's PufferWithdrawalManager: pads the
 * open batch (the devnet has no other users) and finalizes it; Renzo's WithdrawQueue: fills the ETH queue's deficit
 * (fillEthWithdrawBuffer) and moves time past the last pending request's cooldown; Mantle's UnstakeRequestsManager:
 * mines past the last request's block + numberOfBlocksToFinalize, moves the oracle record's end block to the head
 * and allocates the ETH deficit. Each paid with the ETH the double says it locks.
 */
export async function finalize(ctx: DevnetContext, protocol: FinalizeProtocol) {
  if (protocol === 'etherfi') return finalizeEtherfi(ctx);
  if (protocol === 'kelp') return finalizeKelp(ctx);
  if (protocol === 'puffer') return finalizePuffer(ctx);
  if (protocol === 'renzo') return finalizeRenzo(ctx);
  if (protocol === 'mantle') return finalizeMantle(ctx);
  const address = PROTOCOL_CONTRACTS.lidoWithdrawalQueue;
  const abi = artifact('WithdrawalQueueERC721').abi;
  const read = (functionName: string, args: unknown[] = []) =>
    ctx.client.readContract({ address, abi, functionName, args }) as Promise<bigint>;
  const last = await read('getLastRequestId');
  const before = await read('getLastFinalizedRequestId');
  if (last === before) return { scenario: 'finalize', protocol, queue: address, finalized: 0, lastFinalizedRequestId: json(before) };
  const eth = await read('ethToFinalize', [last]);
  await ctx.write({ address, abi, functionName: 'finalize', args: [last], value: eth });
  return {
    scenario: 'finalize',
    protocol,
    queue: address,
    finalized: Number(last - before),
    requestIds: { from: json(before + 1n), to: json(last) },
    ethLocked: json(eth),
    lastFinalizedRequestId: json(await read('getLastFinalizedRequestId')),
  };
}

/** LRTs whose fair rate is stored and moves on an oracle update anyone can call. */
export const ORACLE_UPDATE_TOKENS = ['rsETH', 'weETH', 'rswETH'] as const;
export type OracleUpdateToken = (typeof ORACLE_UPDATE_TOKENS)[number];

export function parseOracleUpdateToken(input: string | undefined): OracleUpdateToken {
  const found = ORACLE_UPDATE_TOKENS.find((t) => t.toLowerCase() === (input ?? '').trim().toLowerCase());
  if (!found) throw new ScenarioInputError(`token must be one of ${ORACLE_UPDATE_TOKENS.join(', ')}; got "${input ?? ''}"`);
  return found;
}

/**
 * The protocol's own rate update (issue #15 "risk truth"): Kelp's LRTOracle.updateRSETHPrice(), which anyone may
 * call, recomputes rsETHPrice = getTotalETHInProtocol() / supply — after a slash, the stored rate then shows it.
 */
export async function oracleUpdate(ctx: DevnetContext, token: OracleUpdateToken) {
  if (token === 'weETH') return etherfiReport(ctx);
  if (token === 'rswETH') return swellReprice(ctx);
  const address = PROTOCOL_CONTRACTS.kelpOracle;
  const abi = artifact('KelpLRTOracle').abi;
  const read = (functionName: string) => ctx.client.readContract({ address, abi, functionName }) as Promise<bigint>;
  const before = await read('rsETHPrice');
  const hash = await ctx.write({ address, abi, functionName: 'updateRSETHPrice' });
  return {
    scenario: 'oracle-update',
    token,
    oracle: address,
    totalETHInProtocol: json(await read('getTotalETHInProtocol')),
    rate: { before: json(before), after: json(await read('rsETHPrice')) },
    hash,
  };
}

const reader =
  (ctx: DevnetContext, address: Address, abi: Abi) =>
  (functionName: string, args: unknown[] = []) =>
    ctx.client.readContract({ address, abi, functionName, args }) as Promise<bigint>;

async function finalizeEtherfi(ctx: DevnetContext) {
  const address = PROTOCOL_CONTRACTS.etherfiWithdrawRequestNFT;
  const abi = artifact('WithdrawRequestNFT').abi;
  const read = reader(ctx, address, abi);
  const last = BigInt(await read('nextRequestId')) - 1n;
  const before = BigInt(await read('lastFinalizedRequestId'));
  const base = { scenario: 'finalize', protocol: 'etherfi', queue: address };
  if (last === before) return { ...base, finalized: 0, lastFinalizedRequestId: json(before) };
  const eth = await read('ethToFinalize', [last]);
  await ctx.write({ address, abi, functionName: 'finalizeRequests', args: [last], value: eth });
  return {
    ...base,
    finalized: Number(last - before),
    requestIds: { from: json(before + 1n), to: json(last) },
    ethLocked: json(eth),
    lastFinalizedRequestId: json(BigInt(await read('lastFinalizedRequestId'))),
  };
}

const KELP_ETH = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE' as const;

async function finalizeKelp(ctx: DevnetContext) {
  const address = PROTOCOL_CONTRACTS.kelpWithdrawalManager;
  const abi = artifact('LRTWithdrawalManager').abi;
  const read = reader(ctx, address, abi);
  const next = await read('nextUnusedNonce', [KELP_ETH]);
  const before = await read('nextLockedNonce', [KELP_ETH]);
  const base = { scenario: 'finalize', protocol: 'kelp', queue: address };
  if (next === before) return { ...base, finalized: 0, nextLockedNonce: json(before) };
  const lastId = await ctx.client.readContract({ address, abi, functionName: 'getRequestId', args: [KELP_ETH, next - 1n] });
  const [, , startBlock] = (await ctx.client.readContract({
    address,
    abi,
    functionName: 'withdrawalRequests',
    args: [lastId],
  })) as readonly [bigint, bigint, bigint];
  const readyBlock = startBlock + (await read('withdrawalDelayBlocks'));
  const head = await ctx.client.getBlockNumber({ cacheTime: 0 });
  // The unlock transaction lands in the next block: it must be at or past readyBlock.
  const mined = readyBlock > head + 1n ? readyBlock - head - 1n : 0n;
  if (mined > 0n) await ctx.client.mine({ blocks: Number(mined), interval: 12 });
  const eth = await read('ethToUnlock', [next]);
  await ctx.write({ address, abi, functionName: 'receiveFromLRTUnstakingVault', value: eth });
  const max = 2n ** 256n - 1n;
  await ctx.write({ address, abi, functionName: 'unlockQueue', args: [KELP_ETH, next, 0n, 0n, max, max] });
  return {
    ...base,
    finalized: Number(next - before),
    requestIds: { from: json(before), to: json(next - 1n) },
    blocksMined: Number(mined),
    ethLocked: json(eth),
    nextLockedNonce: json(await read('nextLockedNonce', [KELP_ETH])),
  };
}

async function finalizePuffer(ctx: DevnetContext) {
  const address = PROTOCOL_CONTRACTS.pufferWithdrawalManager;
  const abi = artifact('PufferWithdrawalManager').abi;
  const read = reader(ctx, address, abi);
  const size = await read('BATCH_SIZE');
  const before = await read('getFinalizedWithdrawalBatch');
  const length = await read('getWithdrawalsLength');
  const lastBatch = (length - 1n) / size;
  const base = { scenario: 'finalize', protocol: 'puffer', queue: address };
  if (lastBatch <= before) return { ...base, finalized: 0, finalizedBatch: json(before) };
  if (length % size !== 0n) await ctx.write({ address, abi, functionName: 'fillBatch' });
  const eth = await read('ethToFinalize', [lastBatch]);
  await ctx.write({ address, abi, functionName: 'finalizeWithdrawals', args: [lastBatch], value: eth });
  return {
    ...base,
    finalized: Number(lastBatch - before),
    batches: { from: json(before + 1n), to: json(lastBatch) },
    paddedTo: json(await read('getWithdrawalsLength')),
    ethLocked: json(eth),
    finalizedBatch: json(await read('getFinalizedWithdrawalBatch')),
  };
}

type RenzoRow = readonly [Address, bigint, bigint, bigint, bigint];

async function finalizeRenzo(ctx: DevnetContext) {
  const address = PROTOCOL_CONTRACTS.renzoWithdrawQueue;
  const abi = artifact('WithdrawQueue').abi;
  const read = reader(ctx, address, abi);
  const base = { scenario: 'finalize', protocol: 'renzo', queue: address };
  // Requests live in per-user arrays: the users are those of WithdrawRequestCreated.
  const logs = await ctx.client.getContractEvents({ address, abi, eventName: 'WithdrawRequestCreated', fromBlock: 0n });
  const users = [...new Set(logs.map((l) => (l.args as { user: Address }).user))];
  const [toFill, filled] = (await ctx.client.readContract({ address, abi, functionName: 'ethWithdrawQueue' })) as readonly [bigint, bigint];
  const coolDown = await read('coolDownPeriod');
  const now = (await ctx.client.getBlock({ blockTag: 'latest' })).timestamp;
  let pending = 0;
  let lastReady = 0n;
  for (const user of users) {
    const n = await read('getOutstandingWithdrawRequests', [user]);
    for (let i = 0n; i < n; i += 1n) {
      const row = (await ctx.client.readContract({ address, abi, functionName: 'withdrawRequests', args: [user, i] })) as RenzoRow;
      const ready = row[4] + coolDown;
      if (ready > now) {
        pending += 1;
        if (ready > lastReady) lastReady = ready;
      }
    }
  }
  const deficit = toFill - filled;
  if (pending === 0 && deficit === 0n) return { ...base, finalized: 0 };
  if (deficit > 0n) await ctx.write({ address, abi, functionName: 'fillEthWithdrawBuffer', value: deficit });
  // The next block is at or past the last request's readyAt.
  const waited = lastReady > now ? lastReady - now : 0n;
  if (waited > 0n) {
    await ctx.client.increaseTime({ seconds: Number(waited) });
    await ctx.client.mine({ blocks: 1 });
  }
  return { ...base, finalized: pending, ethFilled: json(deficit), secondsAdvanced: json(waited) };
}

async function finalizeMantle(ctx: DevnetContext) {
  const address = PROTOCOL_CONTRACTS.mantleUnstakeRequestsManager;
  const abi = artifact('UnstakeRequestsManager').abi;
  const read = reader(ctx, address, abi);
  const base = { scenario: 'finalize', protocol: 'mantle', queue: address };
  const next = await read('nextRequestId');
  const endBefore = await read('oracleUpdateEndBlock');
  const blocks = await read('numberOfBlocksToFinalize');
  let pending = 0;
  let lastReady = 0n;
  for (let id = 0n; id < next; id += 1n) {
    const r = (await ctx.client.readContract({ address, abi, functionName: 'requestByID', args: [id] })) as {
      blockNumber: bigint;
      mETHLocked: bigint;
    };
    if (r.mETHLocked === 0n || r.blockNumber + blocks <= endBefore) continue;
    pending += 1;
    if (r.blockNumber + blocks > lastReady) lastReady = r.blockNumber + blocks;
  }
  const deficit = await read('allocatedETHDeficit');
  if (pending === 0 && deficit === 0n) return { ...base, finalized: 0, oracleUpdateEndBlock: json(endBefore) };
  const head = await ctx.client.getBlockNumber({ cacheTime: 0 });
  const mined = lastReady > head ? lastReady - head : 0n;
  if (mined > 0n) await ctx.client.mine({ blocks: Number(mined), interval: 12 });
  const end = await ctx.client.getBlockNumber({ cacheTime: 0 });
  await ctx.write({ address, abi, functionName: 'setOracleUpdateEndBlock', args: [end] });
  if (deficit > 0n) await ctx.write({ address, abi, functionName: 'allocateETH', value: deficit });
  return { ...base, finalized: pending, blocksMined: Number(mined), ethAllocated: json(deficit), oracleUpdateEndBlock: json(end) };
}

/**
 * ether.fi's oracle report and rebase (mainnet: EtherFiOracle → EtherFiAdmin → MembershipManager.rebase): the LiquidityPool
 * double moves its pooled ETH by the change in its nodes' EigenLayer balance since the last report, so weETH.getRate()
 * shows a slash of a node's operator only now.
 */
async function etherfiReport(ctx: DevnetContext) {
  const address = PROTOCOL_CONTRACTS.etherfiLiquidityPool;
  const pool = artifact('EtherFiLiquidityPool').abi;
  const rate = () =>
    ctx.client.readContract({ address: TOKENS.weETH, abi: artifact('WeETH').abi, functionName: 'getRate' }) as Promise<bigint>;
  const read = (functionName: string) => ctx.client.readContract({ address, abi: pool, functionName }) as Promise<bigint>;
  const before = { rate: await rate(), pooled: await read('getTotalPooledEther'), booked: await read('nodesEthBooked') };
  const hash = await ctx.write({ address, abi: pool, functionName: 'rebaseFromNodes' });
  return {
    scenario: 'oracle-update',
    token: 'weETH',
    liquidityPool: address,
    nodesEth: { before: json(before.booked), after: json(await read('nodesEthBooked')) },
    totalPooledEther: { before: json(before.pooled), after: json(await read('getTotalPooledEther')) },
    rate: { before: json(before.rate), after: json(await rate()) },
    hash,
  };
}

/**
 * Swell's repricing bot (mainnet: RepricingOracle → rswETH.reprice, REPRICER role): the rswETH double's reserves move
 * by the change in its StakerProxies' EigenLayer balance since the last reprice, so rswETHToETHRate shows a slash of a
 * proxy's operator only now.
 */
async function swellReprice(ctx: DevnetContext) {
  const abi = artifact('RswETH').abi;
  const read = reader(ctx, TOKENS.rswETH, abi);
  const before = { rate: await read('rswETHToETHRate'), booked: await read('stakersEthBooked') };
  const hash = await ctx.write({ address: TOKENS.rswETH, abi, functionName: 'repriceFromStakers' });
  return {
    scenario: 'oracle-update',
    token: 'rswETH',
    stakersEth: { before: json(before.booked), after: json(await read('stakersEthBooked')) },
    rate: { before: json(before.rate), after: json(await read('rswETHToETHRate')) },
    hash,
  };
}

export const SCENARIO_USAGE = [
  'depeg <token> <percent>      market price percent % under fair (Chainlink feed; Curve/Uniswap pools when seeded), percent in (0, 100)',
  'slash <operator> [<avs>:<id>] <fraction>  EigenLayer slash of an operator in one operator set (default seeded:1), fraction in (0, 1];',
  '                             operator: seeded, second, lrt-a … lrt-d or 0x…; avs: seeded, avs-x, avs-y or 0x…',
  'rebase <token> <percent>     rewards/losses in the protocol books, percent in (-100, 100), not 0',
  'reprice <token> <newRate>    set the fair rate to newRate ETH per token (not stETH/eETH: pegged)',
  'advance <blocks>             mine blocks 12 s apart',
  'finalize <protocol>          finalize every pending withdrawal request of a queue (lido, etherfi, kelp, renzo, puffer, mantle)',
  "oracle-update <token>        run the protocol's stored-rate update (rsETH: LRTOracle.updateRSETHPrice; weETH: the oracle report's rebase over the EtherFiNodes;",
  '                             rswETH: reprice() over the StakerProxies), e.g. after a slash',
  'l2-rate-lag <chain> <token> <fraction|age>  an L2 rate lags the L1 fair rate (scenarios-l2.ts): chain arbitrum|base; token',
  '                             as on that L2 (wstETH, weETH, ezETH, rsETH, wrsETH, …); 0.02 = 2 % under L1, 36h / 90m / 2d = that old, "0.02,36h" both',
  'l2-depeg <chain> <token> <fraction>  the L2 pool of the token (scenarios-l2-depeg.ts) prices it fraction in (0, 1) under the L1 fair',
  '                             rate: chain arbitrum|base; token with a listed pool (wstETH on both, cbETH on base); 0.03 = 3 % under',
  'symbiotic-limit <vault> <network> <amount>  give a Symbiotic network a limit on a vault (collateral units); vault: a Mellow LRT symbol (pzETH…) or 0x…',
  "symbiotic-slash <vault> <network> <fraction> [operator]  the network slashes fraction (0, 1] of the operator's stake(subnetwork, operator), or without one of its stake min(activeStake, networkLimit), via the VetoSlasher",
  'list                         the operators, their operator sets and the LRT stakers delegated to them',
].join('\n');
