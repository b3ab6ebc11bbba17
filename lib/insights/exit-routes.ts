import type { Client } from 'viem';
import { getBlockNumber } from 'viem/actions';
import { delegationManagerAbi, pufferVaultAbi } from '../chain/abis';
import { EIGENLAYER, MULTICALL3, PROTOCOLS, readFairRates, RESTAKING_TOKENS, TOKENS, type RestakingSymbol } from '../restaking';
import { executeReads } from '../tracker/batch-reads';
import { quoteCalls, quoteValue } from '../tracker/market-quotes';
import { directMarkets, viaOf } from '../tracker/rates';
import { TOKEN_SOURCES } from '../tracker/token-sources';
import type { ReadCall } from '../tracker/types';
import { SECONDS_PER_BLOCK, WITHDRAWAL_FACTS, type Sourced } from './withdrawal-facts';

const WAD = 10n ** 18n;

export type SellRoute = {
  venue: 'curve' | 'uniswap-v3' | 'chainlink';
  /** pool-quote: what a swap of this size returns now (fee and slippage included); feed-price: amount × feed, not executable. */
  kind: 'pool-quote' | 'feed-price';
  ethOut: bigint | null;
  /** ethOut ÷ fair value − 1, WAD (negative = below fair). */
  vsFairWad: bigint | null;
  /** When the token has no market of its own: it is first unwrapped/wrapped into this token. */
  via?: RestakingSymbol;
  source: string;
  error?: string;
};

export type ProtocolExit = {
  route: string;
  /** ETH at the fair rate, before any fee: what the protocol's books say the tokens are worth. */
  amountEth: Sourced<bigint>;
  delay: Sourced<string>;
  fee: Sourced<string>;
  queue: Sourced<string>;
  /** ERC-4626 instant redemption quoted by the chain (pufETH): ETH out now, after the exit fee. */
  instant?: { ethOut: bigint; feeBps: bigint | null; source: string } | { error: string; source: string };
};

export type EigenLayerExit = { delayBlocks: bigint; delaySeconds: bigint; source: string } | { error: string; source: string };

export type ExitRoutes = {
  symbol: RestakingSymbol;
  amount: bigint;
  blockNumber: bigint;
  fairValueEth: bigint | null;
  sell: SellRoute[];
  protocol: ProtocolExit;
  /** Only when asked (a position held in EigenLayer): the queue before the tokens come back. */
  eigenLayer?: EigenLayerExit;
  requests: number;
};

export type ReadExitRoutesParameters = { symbol: RestakingSymbol; amount: bigint; includeEigenLayer?: boolean; blockNumber?: bigint };

/**
 * Selling now through each market the registry lists (for this size) next to the protocol's own
 * withdrawal. Two eth_calls: the fair rates, then every quote and live exit figure in one Multicall3.
 */
export async function readExitRoutes(
  client: Client,
  { symbol, amount, includeEigenLayer = false, blockNumber }: ReadExitRoutesParameters,
): Promise<ExitRoutes> {
  const block = blockNumber ?? (await getBlockNumber(client, { cacheTime: 0 }));
  const token = TOKEN_SOURCES.find((t) => t.symbol === symbol)!;
  const via = viaOf(token);
  const rates = await readFairRates(client, { symbols: via ? [symbol, via.symbol] : [symbol], blockNumber: block });
  const self = rates[symbol];
  const fairValueEth = self?.ok ? (amount * self.rate) / WAD : null;

  // A token without its own market exits through the token it wraps (or that wraps it), converted at fair rates.
  const viaRate = via ? rates[via.symbol] : undefined;
  const sellToken = via ? TOKEN_SOURCES.find((t) => t.symbol === via.symbol)! : token;
  const sellAmount = via ? (self?.ok && viaRate?.ok ? (amount * self.rate) / viaRate.rate : null) : amount;
  const markets = directMarkets(sellToken);
  const calls: ReadCall[] = [];
  if (sellAmount !== null && sellAmount > 0n)
    markets.forEach((m, i) => calls.push(...quoteCalls(m, sellToken.address, sellAmount, `sell:${i}`)));
  const facts = WITHDRAWAL_FACTS[RESTAKING_TOKENS[symbol].protocol];
  if (facts.instantPreviewRedeem) {
    calls.push({ key: 'instant', address: TOKENS[symbol], abi: pufferVaultAbi, functionName: 'previewRedeem', args: [amount] });
    calls.push({ key: 'feeBps', address: TOKENS[symbol], abi: pufferVaultAbi, functionName: 'getTotalExitFeeBasisPoints' });
  }
  if (includeEigenLayer)
    calls.push({
      key: 'eigenDelay',
      address: EIGENLAYER.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'minWithdrawalDelayBlocks',
    });
  const reads = calls.length ? await executeReads(client, { calls, multicallAddress: MULTICALL3, blockNumber: block }) : new Map();

  const sell = markets.map((m, i): SellRoute => {
    const base = {
      venue: m.kind,
      kind: m.kind === 'chainlink' ? ('feed-price' as const) : ('pool-quote' as const),
      ...(via ? { via: via.symbol } : {}),
    };
    if (sellAmount === null)
      return { ...base, ethOut: null, vsFairWad: null, source: m.kind, error: 'fair rate not read, so the converted size is unknown' };
    const q = quoteValue(m, sellAmount, reads, `sell:${i}`);
    if ('error' in q) return { ...base, ethOut: null, vsFairWad: null, source: m.kind, error: q.error };
    const vsFairWad = fairValueEth ? ((q.valueEth - fairValueEth) * WAD) / fairValueEth : null;
    return { ...base, ethOut: q.valueEth, vsFairWad, source: q.source };
  });

  const protocol: ProtocolExit = {
    route: facts.route,
    amountEth: self?.ok
      ? { value: fairValueEth!, source: `${self.source} at block ${block}` }
      : { value: 'unknown', source: `fair rate not read: ${self?.ok === false ? self.error : 'no result'}` },
    delay: facts.delay,
    fee: facts.fee,
    queue: facts.queue,
  };
  if (facts.instantPreviewRedeem) {
    const r = reads.get('instant');
    const fee = reads.get('feeBps');
    const source = `${TOKENS[symbol]}.previewRedeem(${amount}) at block ${block}`;
    protocol.instant = r?.ok
      ? { ethOut: r.value as bigint, feeBps: fee?.ok ? (fee.value as bigint) : null, source }
      : { error: r?.error ?? 'not read', source };
  }
  const out: ExitRoutes = {
    symbol,
    amount,
    blockNumber: block,
    fairValueEth,
    sell,
    protocol,
    requests: (blockNumber === undefined ? 1 : 0) + 1 + (calls.length ? 1 : 0),
  };
  if (includeEigenLayer) {
    const r = reads.get('eigenDelay');
    const source = `DelegationManager ${EIGENLAYER.delegationManager}.minWithdrawalDelayBlocks() at block ${block}`;
    out.eigenLayer = r?.ok
      ? { delayBlocks: BigInt(r.value as number), delaySeconds: BigInt(r.value as number) * SECONDS_PER_BLOCK, source }
      : { error: r?.error ?? 'not read', source };
  }
  return out;
}

/** The protocol's name, for labels. */
export const protocolName = (symbol: RestakingSymbol) => PROTOCOLS[RESTAKING_TOKENS[symbol].protocol].name;
