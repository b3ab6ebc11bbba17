import type { Address, Client } from 'viem';
import { multicall } from 'viem/actions';
import { AppError } from '../../errors';
import type { MulticallResult } from '../read-fair-rates';
import type { ContractRead } from '../types';
import { holdingsPlan, type ChainHoldings, type HoldingsChainId } from './holdings';

export type ReadChainHoldingsParameters = {
  chainId: HoldingsChainId;
  accounts: readonly Address[];
  blockNumber?: bigint;
  /** More reads for the same request (their results in ChainHoldings.extra), so a chain still costs one request. */
  extraCalls?: readonly ContractRead[];
};
export type ReadChainHoldingsReturnType = ChainHoldings;

/**
 * One chain's holdings in ONE eth_call: Multicall3 aggregate3 (allowFailure, unchunked) at the chain's Multicall3 with
 * the block, the accounts' ETH, balanceOf of every registry token on that chain (lib/restaking on Ethereum, the L2
 * registry elsewhere) and each token's rate — the fair rate on Ethereum, the L2 rate source and its update time on an L2.
 * `client` must be connected to `chainId`; a read that reverts fails alone.
 */
export async function readChainHoldings(
  client: Client,
  { chainId, accounts, blockNumber, extraCalls }: ReadChainHoldingsParameters,
): Promise<ReadChainHoldingsReturnType> {
  const plan = holdingsPlan(chainId, accounts, extraCalls);
  let results: MulticallResult[];
  try {
    results = (await multicall(client, {
      contracts: plan.calls as never,
      allowFailure: true,
      batchSize: 0,
      multicallAddress: plan.multicall3,
      blockNumber,
    })) as MulticallResult[];
  } catch (cause) {
    throw new AppError(`Could not read holdings on chain ${chainId}`, {
      details: "The RPC did not answer the Multicall3 read. Check this network's RPC URL, or that Multicall3 exists on it.",
      cause,
    });
  }
  return plan.decode(results);
}

export type ChainHoldingsOutcome =
  { chainId: HoldingsChainId; ok: true; holdings: ChainHoldings } | { chainId: HoldingsChainId; ok: false; error: string };

export type ReadHoldingsAcrossChainsParameters = {
  /** One client per chain to read, each connected to that chain. */
  clients: Partial<Record<HoldingsChainId, Client>>;
  accounts: readonly Address[];
};

export type ReadHoldingsAcrossChainsReturnType = {
  chains: ChainHoldingsOutcome[];
  /** Σ totalEth of the chains that answered. */
  totalEth: bigint;
};

/** Every chain in parallel, one request each; a chain that fails is reported and leaves the others standing. */
export async function readHoldingsAcrossChains({
  clients,
  accounts,
}: ReadHoldingsAcrossChainsParameters): Promise<ReadHoldingsAcrossChainsReturnType> {
  const entries = Object.entries(clients).map(([id, client]) => [Number(id) as HoldingsChainId, client!] as const);
  const chains = await Promise.all(
    entries.map(async ([chainId, client]): Promise<ChainHoldingsOutcome> => {
      try {
        return { chainId, ok: true, holdings: await readChainHoldings(client, { chainId, accounts }) };
      } catch (error) {
        return { chainId, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const totalEth = chains.reduce((sum, c) => sum + (c.ok ? c.holdings.totalEth : 0n), 0n);
  return { chains, totalEth };
}
