import type { Address, Client } from 'viem';
import { erc20Abi, multicall3Abi } from '../chain/abis';
import { AppError } from '../errors';
import { readEthUsd } from '../preview/fee-quote';
import { MULTICALL3 } from '../restaking';
import { executeReads } from '../tracker/batch-reads';
import { buildRateBook, rateBookCalls } from '../tracker/rates';
import type { ReadCall } from '../tracker/types';
import type { StoredEthUsd } from '../storage';
import type { HomeToken } from './token-list';
import { valueBalances, type RateEntry, type RowRead, type ValuedBalances } from './valuation';

export type ReadBalancesParameters = {
  account: Address;
  chainId: number;
  tokens: readonly HomeToken[];
  multicallAddress?: Address;
};

export type ReadBalancesReturnType = ValuedBalances & { blockNumber: bigint; ethUsd?: StoredEthUsd; ethUsdError?: string };

const BLOCK_KEY = 'block';
const ETH_KEY = 'eth';
const balanceKey = (t: HomeToken) => `bal:${t.address.toLowerCase()}`;

/**
 * One read of an account's Home: ETH (Multicall3 getEthBalance), balanceOf of every token and, on chain 1, the
 * tracker's rate book (fair rates and 1-token market quotes), all in one Multicall3 aggregate3 call; Chainlink
 * ETH/USD through the fee quote's reader, asked in the same tick (the interactive transport batches them).
 * A token whose balanceOf reverts fails alone; a failed batch fails the read.
 */
export async function readBalances(
  client: Client,
  { account, chainId, tokens, multicallAddress = MULTICALL3 }: ReadBalancesParameters,
): Promise<ReadBalancesReturnType> {
  const calls: ReadCall[] = [
    { key: BLOCK_KEY, address: multicallAddress, abi: multicall3Abi, functionName: 'getBlockNumber' },
    { key: ETH_KEY, address: multicallAddress, abi: multicall3Abi, functionName: 'getEthBalance', args: [account] },
    ...tokens.map((t): ReadCall => ({ key: balanceKey(t), address: t.address, abi: erc20Abi, functionName: 'balanceOf', args: [account] })),
    ...(tokens.some((t) => t.rateSymbol) ? rateBookCalls() : []),
  ];
  // Unlimited chunking: Home's reads are one aggregate3 call whatever the token count (a few hundred bytes each).
  const limits = { maxCalldataBytes: Number.MAX_SAFE_INTEGER, maxGas: 2n ** 64n };
  const [reads, usd] = await Promise.all([executeReads(client, { calls, multicallAddress, limits }), readEthUsd(client, chainId)]);
  const block = reads.get(BLOCK_KEY);
  if (!block?.ok) {
    throw new AppError('Could not read balances', {
      details: `The batched read through Multicall3 failed: ${(block?.error ?? 'no answer').replace(/\.+$/, '')}. Check the RPC URL in Networks.`,
      code: 'token.read-failed',
    });
  }
  const rowReads: RowRead[] = [{ token: 'native', ...amountOf(reads.get(ETH_KEY), 'getEthBalance') }];
  for (const t of tokens) rowReads.push({ token: t, ...amountOf(reads.get(balanceKey(t)), 'balanceOf') });
  const book = tokens.some((t) => t.rateSymbol) ? buildRateBook(reads) : new Map<string, RateEntry>();
  const ethUsd = 'ethUsd' in usd ? usd.ethUsd : undefined;
  return {
    ...valueBalances(rowReads, book, ethUsd),
    blockNumber: block.value as bigint,
    ...('ethUsd' in usd ? { ethUsd: usd.ethUsd } : { ethUsdError: usd.ethUsdError }),
  };
}

function amountOf(r: { ok: true; value: unknown } | { ok: false; error: string } | undefined, call: string) {
  if (r?.ok && typeof r.value === 'bigint') return { amount: r.value };
  return { error: `${call} failed: ${r && !r.ok ? r.error : 'no answer'}` };
}

export type EthBalanceRead = { address: Address; wei?: string; error?: string };

/**
 * ETH of a few addresses in one Multicall3 aggregate3 call (the Ledger import lists five at a time). An address whose
 * read fails says why, alone; a failed batch fails the read with what to check.
 */
export async function readEthBalances(
  client: Client,
  addresses: readonly Address[],
  multicallAddress: Address = MULTICALL3,
): Promise<EthBalanceRead[]> {
  const calls: ReadCall[] = addresses.map((a, i) => ({
    key: `eth:${i}`,
    address: multicallAddress,
    abi: multicall3Abi,
    functionName: 'getEthBalance',
    args: [a],
  }));
  const reads = await executeReads(client, {
    calls,
    multicallAddress,
    limits: { maxCalldataBytes: Number.MAX_SAFE_INTEGER, maxGas: 2n ** 64n },
  });
  return addresses.map((address, i) => {
    const read = reads.get(`eth:${i}`);
    return read?.ok && typeof read.value === 'bigint'
      ? { address, wei: read.value.toString() }
      : { address, error: read && !read.ok ? read.error : 'no answer from the node' };
  });
}
