import type { ChainBreakdown } from './chains';
import type { Abi, Address } from 'viem';

/** One contract read the tracker wants, keyed so readers can find their answer after the batch. */
export type ReadCall = {
  key: string;
  address: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
  /** Rough gas the read may use; only sizes the batches. Default: DEFAULT_READ_GAS. */
  gas?: bigint;
};

export type ReadResult = { ok: true; value: unknown } | { ok: false; error: string };
export type Reads = ReadonlyMap<string, ReadResult>;

export type PositionFamily =
  | 'token'
  | 'eigenlayer'
  | 'eigenlayer-queued'
  | 'lido-withdrawal'
  | 'etherfi-withdrawal'
  | 'kelp-withdrawal'
  | 'renzo-withdrawal'
  | 'puffer-withdrawal'
  | 'mantle-withdrawal'
  | 'symbiotic'
  | 'mellow-lrt'
  | 'aave'
  | 'curve-lp'
  | 'pendle-pt';

/** Where a number came from, so the UI can say "read from X at block N". */
export type PositionSource = { contract: Address; call: string };

export type SlashingExposure = {
  /** ETH lost if every operator set slashes 100% (encumbered / max magnitude), or the LRT share. */
  worstCaseEth: bigint;
  /** Per operator set: ETH at risk if that set slashes 100% (mag_i / max magnitude). */
  perSet?: { avs: Address; id: number; magnitude: bigint; atRiskEth: bigint }[];
  operator?: Address;
  /** An LRT holding: the holder's ETH delegated to each of the LRT's operators (balance / supply × the protocol's). */
  perOperator?: { operator: Address; restakedEth: bigint }[];
  /** A Mellow LRT holding: the holder's ETH a Symbiotic network could slash through the LRT's vault (balance / supply × the LRT's). */
  perNetwork?: NetworkAtRisk[];
  method: 'eigenlayer-magnitudes' | 'lrt-share' | 'symbiotic-slashable' | 'mellow-share';
};

/** What one Symbiotic network can slash through one vault: min(activeStake, the delegator's networkLimit), in ETH. */
export type NetworkAtRisk = { network: Address; vault: Address; atRiskEth: bigint };

export type ImpermanentLoss = {
  /** value(LP) / value(HODL) − 1, WAD-scaled, ≤ 0 when losing. */
  ilWad: bigint;
  lpValueEth: bigint;
  hodlValueEth: bigint;
  /** Which HODL the loss is measured against. */
  basis: 'balanced-entry-at-peg' | 'recorded-entry';
  underlying: { asset: string; amount: bigint }[];
};

export type Position = {
  /** Stable across refreshes: family:account:asset. */
  id: string;
  family: PositionFamily;
  account: Address;
  /** Token symbol or a label such as "stETH strategy" or "aWETH". */
  asset: string;
  status: 'ok' | 'failed';
  /** Why the position could not be read (only when status is 'failed'). */
  error?: string;
  /** In the position's own unit (token wei, shares, aToken wei). */
  amount: bigint;
  fairValueEth: bigint | null;
  /** Exit value for this position's own size, or amount × feed price where only a feed exists. */
  marketValueEth: bigint | null;
  /** market ÷ fair − 1, WAD-scaled (−0.05 → −5e16). Null without a market source. */
  depegWad: bigint | null;
  marketSource?: string;
  slashing?: SlashingExposure;
  il?: ImpermanentLoss;
  /** Family-specific facts: health factor, e-mode, maturity, claimable block… as decimal strings. */
  details: Record<string, string>;
  sources: PositionSource[];
};

/** Per-token market facts, kept even without holdings, for the peg-history chart. */
export type TokenMarket = {
  symbol: string;
  /** ETH per 1 token, WAD. Null if the fair-rate read failed. */
  fairRate: bigint | null;
  /** ETH out for a 1-token exit (or feed price), WAD. */
  marketRate: bigint | null;
  depegWad: bigint | null;
  marketSource?: string;
  error?: string;
  /** An LRT's look-through at this block (every refresh reads it), so a preview can say what a new holding adds. */
  lookThrough?: TokenLookThrough;
};

export type TokenLookThrough =
  | {
      status: 'known';
      supply: bigint;
      restakedEth: bigint;
      byOperator: { operator: Address; restakedEth: bigint }[];
      bySet: { avs: Address; id: number; atRiskEth: bigint }[];
      /** A Mellow LRT: what each Symbiotic network behind its vault can slash from the whole LRT. */
      byNetwork?: NetworkAtRisk[];
    }
  | { status: 'unknown'; reason: string };

export type TrackerSnapshot = {
  chainId: number;
  blockNumber: bigint;
  /** Block timestamp, seconds. */
  blockTimestamp: bigint;
  /** Wall clock when the refresh finished, ms. */
  takenAt: number;
  /** JSON-RPC requests the refresh made (batch members counted one by one). */
  requestCount: number;
  /** The RPC URLs the refresh used (space-separated), so the next one can tell "same RPC, older block". */
  source?: string;
  accounts: Address[];
  tokens: TokenMarket[];
  positions: Position[];
  /** Per chain (issue #18): Ethereum first, then each L2 the tracker was given (TrackerDeps.getChainTransports). */
  chains?: ChainBreakdown[];
};
