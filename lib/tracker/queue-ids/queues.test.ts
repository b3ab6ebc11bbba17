import { describe, expect, it } from 'vitest';
import { encodeAbiParameters, encodeEventTopics, parseAbi, zeroAddress, type Address, type Hex, type Log } from 'viem';
import { PROTOCOL_CONTRACTS as P } from '../../restaking/addresses';
import { mayRequest, requestIdsInLogs } from './queues';
import { searchCandidates, type QueueIdsView } from './service';

// The events as the protocols' sources declare them, written out here (not taken from the registry).
const events = parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)',
  'event WithdrawalRequested(uint256 indexed withdrawalIdx, uint256 indexed batchIndex, uint256 pufETHAmount, address indexed recipient)',
  'event UnstakeRequestCreated(uint256 indexed id, address indexed requester, uint256 mETHLocked, uint256 ethRequested, uint256 cumulativeETHRequested, uint256 blockNumber)',
  'event Erc20Transfer(address indexed from, address indexed to, uint256 value)',
]);
const A: Address = '0x1111111111111111111111111111111111111111';
const B: Address = '0x2222222222222222222222222222222222222222';
const log = (address: Address, topics: Hex[], data: Hex = '0x'): Log =>
  ({
    address,
    topics,
    data,
    blockNumber: 1n,
    logIndex: 0,
    transactionIndex: 0,
    blockHash: null,
    transactionHash: null,
    removed: false,
  }) as unknown as Log;

describe('request ids in logs', () => {
  it('reads ether.fi mints and transfers to an owner, Puffer and Mantle requests, each only from its own contract', () => {
    const mint = encodeEventTopics({ abi: events, eventName: 'Transfer', args: { from: zeroAddress, to: A, tokenId: 41n } }) as Hex[];
    const burn = encodeEventTopics({ abi: events, eventName: 'Transfer', args: { from: A, to: zeroAddress, tokenId: 40n } }) as Hex[];
    const puffer = encodeEventTopics({
      abi: events,
      eventName: 'WithdrawalRequested',
      args: { withdrawalIdx: 77n, batchIndex: 7n, recipient: B },
    }) as Hex[];
    const mantle = encodeEventTopics({ abi: events, eventName: 'UnstakeRequestCreated', args: { id: 5n, requester: A } }) as Hex[];
    const mantleData = encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'uint256' }],
      [1n, 1n, 1n, 9n],
    );
    // An ERC-20 Transfer has the same topic0 but the amount in data (3 topics): never an NFT id.
    const erc20 = [...(encodeEventTopics({ abi: events, eventName: 'Erc20Transfer', args: { from: zeroAddress, to: A } }) as Hex[])];
    erc20[0] = mint[0]!;
    const found = requestIdsInLogs([
      log(P.etherfiWithdrawRequestNFT, mint),
      log(P.etherfiWithdrawRequestNFT, burn),
      log(P.etherfiWithdrawRequestNFT, erc20, encodeAbiParameters([{ type: 'uint256' }], [10n ** 18n])),
      log(B, mint), // the same event from another contract
      log(P.pufferWithdrawalManager, puffer, encodeAbiParameters([{ type: 'uint256' }], [10n ** 17n])),
      log(P.mantleUnstakeRequestsManager, mantle, mantleData),
      log(P.mantleStaking, mantle, mantleData), // Mantle's Staking is not where the manager's event comes from
    ]);
    expect(found).toEqual([
      { queue: 'etherfi', account: A, id: 41n },
      { queue: 'puffer', account: B, id: 77n },
      { queue: 'mantle', account: A, id: 5n },
    ]);
  });

  it('knows which transactions may have made a request', () => {
    expect(mayRequest(P.etherfiLiquidityPool)).toBe(true);
    expect(mayRequest(P.mantleStaking.toLowerCase() as Address)).toBe(true);
    expect(mayRequest(P.pufferWithdrawalManager)).toBe(true);
    expect(mayRequest(B)).toBe(false);
    expect(mayRequest(undefined)).toBe(false);
  });
});

describe('which accounts are searched', () => {
  const view = (known: Record<string, bigint[]> = {}, searched: string[] = []): QueueIdsView => ({
    known: (q, a) => known[`${q}:${a}`] ?? [],
    search: (q, a) =>
      searched.includes(`${q}:${a}`) ? { status: 'partial', floor: 0n, low: 5n, high: 9n, chunk: 10n, updatedAt: 0 } : undefined,
  });
  it('holders of a token the queue takes (weETH counts for ether.fi), accounts with known ids or a search begun', () => {
    const holdings = [
      { account: A, symbol: 'weETH', amount: 1n },
      { account: A, symbol: 'mETH', amount: 0n },
      { account: B, symbol: 'stETH', amount: 5n },
    ];
    expect(searchCandidates([A, B], holdings, view())).toEqual([{ account: A, queue: 'etherfi' }]);
    expect(searchCandidates([A, B], holdings, view({ [`mantle:${B}`]: [3n] }, [`puffer:${A}`]))).toEqual([
      { account: A, queue: 'etherfi' },
      { account: A, queue: 'puffer' },
      { account: B, queue: 'mantle' },
    ]);
  });
});
