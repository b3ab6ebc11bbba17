import { isAddressEqual, parseEventLogs, zeroAddress, type Address, type Log } from 'viem';
import { etherfiWithdrawRequestNftAbi, mantleUnstakeRequestsManagerAbi, pufferWithdrawalManagerAbi } from '../../chain/abis';
import { PROTOCOL_CONTRACTS } from '../../restaking/addresses';

/** The queues that keep no per-owner list on chain: an account's requests are found by id (window, known ids, logs). */
export type IdQueue = 'etherfi' | 'puffer' | 'mantle';
export const ID_QUEUES: readonly IdQueue[] = ['etherfi', 'puffer', 'mantle'];

/**
 * Before this block none of the three queues existed: The Merge (Paris, block 15,537,394, 2022-09-15) predates
 * ether.fi's eETH withdrawals, Mantle's mETH and Puffer's withdrawal manager. No public source here gives their
 * deployment blocks, so a mainnet search starts at this safe lower bound (a few hundred eth_getLogs calls per
 * account, spread over refreshes, newest blocks first). A chain whose head is below it (the devnet) starts at 0.
 */
export const MAINNET_SEARCH_FLOOR = 15_537_394n;

export type IdQueueSpec = {
  id: IdQueue;
  /** The contract whose event names the request id and its owner. */
  emitter: Address;
  /** Contracts a wallet transaction goes to for a request (the queue itself or its entry point). */
  entryPoints: readonly Address[];
  /** Tokens whose holders are searched for (the queue takes them, or their unwrapped form). */
  holdings: readonly string[];
  /** viem getLogs filter for the account's requests. */
  filter(account: Address): { address: Address; event: EventOf; args: Record<string, Address> };
};

type EventOf = (typeof EVENTS)[IdQueue];

const P = PROTOCOL_CONTRACTS;
const eventOf = <const A extends readonly { type: string; name?: string }[], const N extends string>(abi: A, name: N) =>
  abi.find((f) => f.type === 'event' && f.name === name) as Extract<A[number], { type: 'event'; name: N }>;
const EVENTS = {
  etherfi: eventOf(etherfiWithdrawRequestNftAbi, 'Transfer'),
  puffer: eventOf(pufferWithdrawalManagerAbi, 'WithdrawalRequested'),
  mantle: eventOf(mantleUnstakeRequestsManagerAbi, 'UnstakeRequestCreated'),
};

export const ID_QUEUE_SPECS: Record<IdQueue, IdQueueSpec> = {
  etherfi: {
    id: 'etherfi',
    emitter: P.etherfiWithdrawRequestNFT,
    entryPoints: [P.etherfiLiquidityPool, P.etherfiWithdrawRequestNFT],
    holdings: ['eETH', 'weETH'],
    // Every NFT that came to the account (minted or transferred in); ownerOf at refresh says whether it still is.
    filter: (account) => ({ address: P.etherfiWithdrawRequestNFT, event: EVENTS.etherfi, args: { to: account } }),
  },
  puffer: {
    id: 'puffer',
    emitter: P.pufferWithdrawalManager,
    entryPoints: [P.pufferWithdrawalManager],
    holdings: ['pufETH'],
    filter: (account) => ({ address: P.pufferWithdrawalManager, event: EVENTS.puffer, args: { recipient: account } }),
  },
  mantle: {
    id: 'mantle',
    emitter: P.mantleUnstakeRequestsManager,
    entryPoints: [P.mantleStaking, P.mantleUnstakeRequestsManager],
    holdings: ['mETH'],
    filter: (account) => ({ address: P.mantleUnstakeRequestsManager, event: EVENTS.mantle, args: { requester: account } }),
  },
};

export type FoundRequest = { queue: IdQueue; account: Address; id: bigint };

/**
 * The request ids a transaction's logs (or an eth_getLogs answer) create, with their owner: ether.fi's ERC-721
 * Transfer to a non-zero address from the NFT, Puffer's WithdrawalRequested, Mantle's UnstakeRequestCreated. Logs
 * from any other address are ignored, so a token posing with the same event cannot add ids.
 */
export function requestIdsInLogs(logs: readonly Log[]): FoundRequest[] {
  const from = (queue: IdQueue) => logs.filter((l) => isAddressEqual(l.address, ID_QUEUE_SPECS[queue].emitter));
  const found: FoundRequest[] = [];
  for (const log of parseEventLogs({ abi: [EVENTS.etherfi], logs: from('etherfi'), eventName: 'Transfer', strict: true }))
    if (!isAddressEqual(log.args.to, zeroAddress)) found.push({ queue: 'etherfi', account: log.args.to, id: log.args.tokenId });
  for (const log of parseEventLogs({ abi: [EVENTS.puffer], logs: from('puffer'), eventName: 'WithdrawalRequested', strict: true }))
    found.push({ queue: 'puffer', account: log.args.recipient, id: log.args.withdrawalIdx });
  for (const log of parseEventLogs({ abi: [EVENTS.mantle], logs: from('mantle'), eventName: 'UnstakeRequestCreated', strict: true }))
    found.push({ queue: 'mantle', account: log.args.requester, id: log.args.id });
  return found;
}

/** Whether a wallet transaction to `to` may have made a request (so its receipt is worth decoding). */
export const mayRequest = (to: Address | null | undefined): boolean =>
  Boolean(to) && ID_QUEUES.some((q) => ID_QUEUE_SPECS[q].entryPoints.some((e) => isAddressEqual(e, to!)));
