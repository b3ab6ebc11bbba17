import type { Address } from 'viem';
import { bridgeLineFor, L2_CHAINS, type BridgeLine, type L2ChainId } from '../restaking/l2';
import type { RiskFlag } from '../risk/flag';
import type { StoredSnapshot } from '../tracker/snapshot-schema';
import { l2AaveView, type L2AaveView } from './l2-aave-model';

type StoredChain = NonNullable<StoredSnapshot['chains']>[number];

/** One bridged token held on an L2, valued at that L2's rate, with its rate-lag flag and bridge line. */
export type L2HoldingView = {
  id: string;
  chainId: number;
  chainName: string;
  account: Address;
  symbol: string;
  l1Symbol: string;
  amount: bigint;
  /** ETH per token on that chain (its rate source); null when unread. */
  rate: bigint | null;
  valueEth: bigint | null;
  lag: 'ok' | 'lagging' | 'unknown' | 'not-checked';
  flag?: RiskFlag;
  bridge?: BridgeLine;
  /** What selling the amount in the chain's own pool returns; null when the market was not checked. */
  marketValueEth: bigint | null;
  /** The quote size (token wei) that priced marketValueEth; null in a snapshot from before sized quotes (1 token × amount). */
  marketQuotedSize: bigint | null;
  /** The amount is above every size quoted: the impact beyond marketQuotedSize is not counted. */
  marketBeyondQuotes: boolean;
  /** The depeg on that chain from its own pool (lib/tracker/l2-depeg.ts); absent in a snapshot taken before it existed. */
  depeg?: L2DepegView;
};

export type L2DepegView = {
  status: 'ok' | 'not-checked';
  depegWad: bigint | null;
  marketRate: bigint | null;
  fairRate: bigint | null;
  fairSource: 'l1-fair-rate' | 'l2-rate-source' | null;
  /** Pool and chain, e.g. "uniswap-v3:0x… via QuoterV2 on Base". */
  marketSource?: string;
  pool?: Address;
  reference?: string;
  error?: string;
  flag?: RiskFlag;
};

const big = (v: string | null | undefined): bigint | null => (v === null || v === undefined ? null : BigInt(v));

function depegView(d: NonNullable<StoredChain['depegs']>[number]): L2DepegView {
  const { marketRate, fairRate, depegWad, flag, ...rest } = d;
  return {
    ...rest,
    marketRate: big(marketRate),
    fairRate: big(fairRate),
    depegWad: big(depegWad),
    ...(flag ? { flag: flag as RiskFlag } : {}),
  };
}

export type ChainView = {
  chainId: number;
  name: string;
  status: StoredChain['status'];
  error?: string;
  /**
   * Ethereum: Σ positions' fair value (Aave collateral included, as aTokens). An L2: Σ bridged holdings at the L2 rate
   * plus its Aave v3 collateral at Aave's price (`aaveEth`). Native ETH and Aave debt are counted on neither.
   */
  valueEth: bigint;
  /** An L2: the Aave v3 collateral inside valueEth (positions read in full only; 0 without Aave). */
  aaveEth: bigint;
  /** valueEth ÷ the total, in basis points (0 for a chain not read). */
  shareBps: number;
  requestCount: number;
  blockNumber: string | null;
  holdings: L2HoldingView[];
  /** An L2 with Aave v3: its positions there, or why they could not be read (then not in valueEth). */
  aave?: L2AaveView;
};

export type ChainsOverview = { totalEth: bigint; chains: ChainView[]; unread: ChainView[] };

/** Aave v3 collateral on an L2 at Aave's price, over the positions read in full (a failed one is said by L2AaveSection). */
function aaveCollateralEth(aave: L2AaveView | undefined): bigint {
  if (!aave) return 0n;
  const ok = aave.positions.filter((p) => p.status === 'ok');
  return ok.reduce((sum, p) => sum + p.lines.reduce((s, l) => s + (l.valueEth ?? 0n), 0n), 0n);
}

const nameOf = (c: StoredChain, ethereumName: string) =>
  c.chainId === 1 ? ethereumName : (c.name ?? L2_CHAINS[c.chainId as L2ChainId]?.name ?? `Chain ${c.chainId}`);

/**
 * The portfolio across chains (issue #18): Ethereum and each L2 of the snapshot's `chains`, the total over the chains
 * read, each chain's share. Null when the snapshot has no per-chain breakdown (Ethereum only).
 */
export function chainsOverview(snapshot: StoredSnapshot, ethereumName = 'Ethereum'): ChainsOverview | null {
  if (!snapshot.chains || snapshot.chains.length < 2) return null;
  const chains = snapshot.chains.map((c): ChainView => {
    const name = nameOf(c, ethereumName);
    const holdings = c.holdings.map((h): L2HoldingView => {
      const lag = c.rateLags.find((l) => l.symbol === h.symbol);
      const bridge = bridgeLineFor(c.chainId, { address: h.token });
      const depeg = c.depegs?.find((d) => d.symbol === h.symbol);
      return {
        id: `${c.chainId}:${h.account.toLowerCase()}:${h.symbol}`,
        chainId: c.chainId,
        chainName: name,
        account: h.account,
        symbol: h.symbol,
        l1Symbol: h.l1Symbol,
        amount: BigInt(h.amount),
        rate: h.rate === null ? null : BigInt(h.rate),
        valueEth: h.valueEth === null ? null : BigInt(h.valueEth),
        lag: lag?.status ?? 'not-checked',
        ...(lag?.flag ? { flag: lag.flag as RiskFlag } : {}),
        ...(bridge ? { bridge } : {}),
        marketValueEth: big(h.marketValueEth),
        marketQuotedSize: big(h.marketQuotedSize),
        marketBeyondQuotes: h.marketBeyondQuotes ?? false,
        ...(depeg ? { depeg: depegView(depeg) } : {}),
      };
    });
    const aave = c.aave ? l2AaveView(c.chainId, name, c.aave) : undefined;
    const aaveEth = c.chainId === 1 ? 0n : aaveCollateralEth(aave);
    const valueEth = c.chainId === 1 ? BigInt(c.totalEth) : holdings.reduce((sum, h) => sum + (h.valueEth ?? 0n), 0n) + aaveEth;
    return {
      chainId: c.chainId,
      name,
      status: c.status,
      ...(c.error ? { error: c.error } : {}),
      valueEth: c.status === 'ok' ? valueEth : 0n,
      aaveEth: c.status === 'ok' ? aaveEth : 0n,
      shareBps: 0,
      requestCount: c.requestCount,
      blockNumber: c.blockNumber,
      holdings,
      ...(aave ? { aave } : {}),
    };
  });
  const totalEth = chains.reduce((sum, c) => sum + c.valueEth, 0n);
  for (const c of chains) c.shareBps = totalEth > 0n ? Number((c.valueEth * 10_000n) / totalEth) : 0;
  return { totalEth, chains: chains.filter((c) => c.status === 'ok'), unread: chains.filter((c) => c.status !== 'ok') };
}
