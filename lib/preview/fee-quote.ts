import type { Address, Client, Hex } from 'viem';
import { estimateGas, getBlock, getFeeHistory, getGasPrice, getTransactionCount, readContract } from 'viem/actions';
import { chainlinkAggregatorAbi } from '../chain/abis';
import { AppError } from '../errors';
import { CHAINLINK_ETH_USD } from '../restaking';
import { L2_CHAINS, type L2ChainId } from '../restaking/l2';
import {
  FEE_HISTORY_BLOCKS,
  FEE_PERCENTILES,
  feeMarketOf,
  presetFee,
  storedFeeFields,
  type FeeFields,
  type FeeMarket,
  type FeePreset,
} from '../risk/fees';
import type { FeeChoice, StoredEthUsd, StoredFeeQuote, StoredFeeTx } from '../storage/fee-quote';

/** A dApp's own fee fields (wei), signed as it asked unless the user picks another fee. */
export type SiteFee = {
  type?: 'legacy' | 'eip1559';
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  gasPrice?: bigint;
  nonce?: number;
};

export type QuoteFeeParameters = {
  from: Address;
  network: { name: string; chainId: number };
  /** Each transaction of the request in order (one, or one per call of a batch). `gas` set: kept as the limit. */
  txs: readonly { to?: Address; data?: Hex; value: bigint; gas?: bigint }[];
  site?: SiteFee;
  /** The preset when the site set no fee (a re-quote keeps the user's preset). Default 'normal'. */
  preset?: FeePreset;
  /** false: ignore the site's fee fields (they no longer work: the base fee rose above them). */
  useSiteFee?: boolean;
  notice?: string;
  now: number;
};

/** An ETH/USD answer older than this is not shown: the feed's heartbeat is an hour; a day leaves room for a quiet devnet. */
export const ETH_USD_MAX_AGE_S = 24 * 60 * 60;

const firstLine = (error: unknown) =>
  ((error as { shortMessage?: string }).shortMessage ?? (error instanceof Error ? error.message : String(error))).split('\n')[0]!;

/**
 * Decides a request's network fee before anyone sees it: the pending nonce, each call's gas, the fee
 * market (eth_feeHistory over FEE_HISTORY_BLOCKS, eth_gasPrice) and the Chainlink ETH/USD price, all
 * asked in the same tick (one JSON-RPC batch on the interactive transport). A failed gas estimate is
 * kept as a reason (the window asks for a limit); a missing price is kept as a reason (the window says
 * "USD price unavailable"). The fee market itself is required: without it nothing can be shown honestly.
 */
export async function quoteFee(client: Client, p: QuoteFeeParameters): Promise<StoredFeeQuote> {
  const [pendingNonce, { market, newestBlock, usd }, estimates] = await Promise.all([
    getTransactionCount(client, { address: p.from, blockTag: 'pending' }),
    readFeeMarket(client, p.network.chainId),
    Promise.all(
      p.txs.map((tx) =>
        estimateGas(client, { account: p.from, to: tx.to, data: tx.data, value: tx.value }).then(
          (gas) => ({ gas }),
          (error: unknown) => ({ error: firstLine(error) }),
        ),
      ),
    ),
  ]).catch((error: unknown) => {
    throw quoteFailed(error);
  });
  const site = p.useSiteFee === false ? undefined : p.site;
  const type: FeeFields['type'] =
    !market.eip1559 || site?.type === 'legacy' || (site?.gasPrice !== undefined && site.maxFeePerGas === undefined) ? 'legacy' : 'eip1559';
  const { fee, choice } = siteOrPresetFee(market, type, site, p.preset ?? 'normal');
  const firstNonce = p.site?.nonce ?? pendingNonce;
  const txs: StoredFeeTx[] = p.txs.map((tx, i) => {
    const estimate = estimates[i]!;
    const gas = tx.gas ?? ('gas' in estimate ? estimate.gas : 0n);
    return {
      nonce: firstNonce + i,
      gas: gas.toString(),
      value: tx.value.toString(),
      ...('gas' in estimate ? { gasEstimate: estimate.gas.toString() } : { gasEstimateError: estimate.error }),
    };
  });
  return {
    version: 1,
    network: p.network,
    ...storedFeeFields(fee),
    choice,
    nonceSource: p.site?.nonce !== undefined ? 'site' : 'chain',
    txs,
    market: {
      eip1559: market.eip1559,
      nextBaseFee: market.nextBaseFee.toString(),
      plannedBaseFee: market.plannedBaseFee.toString(),
      priority: market.priority.map(String) as [string, string, string],
      gasPrice: market.gasPrice.toString(),
      blocks: market.blocks,
      newestBlock: newestBlock.toString(),
      pendingNonce,
    },
    ...usd,
    quotedAt: p.now,
    ...(p.notice ? { notice: p.notice } : {}),
  };
}

const quoteFailed = (error: unknown) =>
  new AppError('Could not read the network fee', {
    details: `The RPC did not answer the fee reads (${firstLine(error)}). Nothing was shown or signed; check the RPC in Networks.`,
    code: 'fee.quote-failed',
    cause: error as Error,
  });

export type FeeMarketRead = { market: FeeMarket; newestBlock: bigint; usd: { ethUsd: StoredEthUsd } | { ethUsdError: string } };

/** The fee market (eth_feeHistory over FEE_HISTORY_BLOCKS, eth_gasPrice) and ETH/USD, asked in the same tick. */
export async function readFeeMarket(client: Client, chainId: number): Promise<FeeMarketRead> {
  const [history, gasPrice, usd] = await Promise.all([
    getFeeHistory(client, { blockCount: FEE_HISTORY_BLOCKS, blockTag: 'latest', rewardPercentiles: [...FEE_PERCENTILES] }),
    getGasPrice(client),
    readEthUsd(client, chainId),
  ]).catch((error: unknown) => {
    throw quoteFailed(error);
  });
  const market = feeMarketOf(history, gasPrice);
  return { market, newestBlock: history.oldestBlock + BigInt(Math.max(0, market.blocks - 1)), usd };
}

/** The site's fee when it set one (missing halves from the preset, the tip never above the max), else the preset. */
export function siteOrPresetFee(
  market: FeeMarket,
  type: FeeFields['type'],
  site: SiteFee | undefined,
  preset: FeePreset,
): { fee: FeeFields; choice: FeeChoice } {
  const base = presetFee(market, preset, type);
  if (type === 'legacy')
    return site?.gasPrice !== undefined ? { fee: { type, gasPrice: site.gasPrice }, choice: 'site' } : { fee: base, choice: preset };
  if (site?.maxFeePerGas === undefined && site?.maxPriorityFeePerGas === undefined) return { fee: base, choice: preset };
  const fallback = base as Extract<FeeFields, { type: 'eip1559' }>;
  const maxFeePerGas = site.maxFeePerGas ?? fallback.maxFeePerGas;
  const tip = site.maxPriorityFeePerGas ?? fallback.maxPriorityFeePerGas;
  return { fee: { type, maxFeePerGas, maxPriorityFeePerGas: tip > maxFeePerGas ? maxFeePerGas : tip }, choice: 'site' };
}

/** Chainlink ETH/USD at its mainnet address (chain 1 only), checked as Chainlink advises: answer > 0, recent. */
/** Chainlink ETH/USD on Ethereum, and on each L2 the feed its registry names (lib/restaking/l2, with its source). */
export function ethUsdFeedOf(chainId: number): Address | undefined {
  if (chainId === 1) return CHAINLINK_ETH_USD;
  return chainId in L2_CHAINS ? L2_CHAINS[chainId as L2ChainId].ethUsdFeed.address : undefined;
}

export async function readEthUsd(client: Client, chainId: number): Promise<{ ethUsd: StoredEthUsd } | { ethUsdError: string }> {
  const feed = ethUsdFeedOf(chainId);
  if (!feed) return { ethUsdError: `No Chainlink ETH/USD feed is known on chain ${chainId}.` };
  try {
    const [round, decimals, block] = await Promise.all([
      readContract(client, { address: feed, abi: chainlinkAggregatorAbi, functionName: 'latestRoundData' }),
      readContract(client, { address: feed, abi: chainlinkAggregatorAbi, functionName: 'decimals' }),
      getBlock(client, { blockTag: 'latest' }),
    ]);
    const [, answer, , updatedAt] = round;
    if (answer <= 0n) return { ethUsdError: `Chainlink ETH/USD answered ${answer}.` };
    const age = block.timestamp - updatedAt;
    if (age > BigInt(ETH_USD_MAX_AGE_S))
      return { ethUsdError: `Chainlink ETH/USD was last updated ${Number(age / 3600n)} h before the latest block.` };
    return { ethUsd: { answer: answer.toString(), decimals: Number(decimals), updatedAt: Number(updatedAt), feed } };
  } catch (error) {
    return { ethUsdError: `Chainlink ETH/USD could not be read (${firstLine(error)}).` };
  }
}
