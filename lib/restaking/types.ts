import type { Abi, Address } from 'viem';
import type { TokenSymbol } from './addresses';

/** Every registry token but WETH: the liquid (re)staking tokens Ballast values. */
export type RestakingSymbol = Exclude<TokenSymbol, 'WETH'>;

export type ProtocolId =
  'lido' | 'rocketpool' | 'coinbase' | 'etherfi' | 'renzo' | 'kelp' | 'puffer' | 'swell' | 'stader' | 'stakewise' | 'mantle';

/** One view call, shaped for viem readContract / multicall. */
export type ContractRead = { address: Address; abi: Abi; functionName: string; args: readonly unknown[] };

/**
 * How to get "ETH per 1 token, 1e18-scaled" from the protocol itself.
 * `pegged`: 1 token is 1 ETH by design (rebasing balances); no call needed.
 * `calls`: read these (in one multicall) and combine the results with toRate.
 */
export type FairRateReader =
  | { kind: 'pegged'; source: string }
  | { kind: 'calls'; calls: readonly ContractRead[]; toRate: (results: readonly unknown[]) => bigint; source: string };

/** Facts a risk view needs about where a rate comes from (reference §1.1, Balancer rate-provider reviews). */
export type ProtocolProfile = {
  id: ProtocolId;
  name: string;
  /** stored: moves only when an oracle/keeper/report updates it; computed: derived live from balances at read time. */
  rateOracle: 'stored' | 'computed';
  /** A transfer of ETH/tokens into a protocol contract moves the rate (computed from balances). */
  donationSusceptible: boolean;
  /** The contracts behind the rate can be replaced by governance/admin (proxy or storage-registered). */
  upgradeable: boolean;
  pausable: boolean;
  notes: string;
};

/** Where ETH goes in to mint the token (reference §1.2). */
export type DepositEntry = {
  contract: Address;
  /** The deposit function from the ABI registry (lib/chain/abis), as a one-item ABI to encode with; empty for receive(). */
  abi: Abi;
  /** Its human-readable signature, derived from `abi`: for display and for tools that take a signature. */
  signature: string;
  functionName: string;
  payable: boolean;
  /** How to build the args from (receiver, minOut): positional description for the flow builder. */
  args: readonly ('receiver' | 'minOut' | 'zeroAddress' | 'emptyString' | 'zero')[];
  /** The contract address is a snapshot: resolve at runtime (e.g. through RocketStorage) before use. */
  resolveAtRuntime?: boolean;
  note?: string;
};

export type MarketSource =
  | { venue: 'curve'; pool: Address; tokenIndex: bigint; quoteIndex: bigint; quoteAsset: 'ETH' | 'WETH'; rawAmounts: true }
  | { venue: 'uniswap-v3'; pool: Address; fee: number; quoter: Address; quoteAsset: 'WETH' }
  | { venue: 'chainlink'; feed: Address; decimals?: number; quote: 'ETH'; kind: 'market' | 'exchange-rate' | 'unknown' }
  | { venue: 'balancer-v2'; poolId: `0x${string}`; vault: Address; quoteAsset: 'WETH' };

export type TokenInfo = {
  symbol: RestakingSymbol;
  name: string;
  address: Address;
  decimals: 18;
  protocol: ProtocolId;
  kind: 'lst' | 'lrt';
  rebasing: boolean;
  /** Wrapped tokens: the rebasing token they wrap (wstETH → stETH, weETH → eETH). */
  wraps?: RestakingSymbol;
  fairRate: FairRateReader;
  deposit?: DepositEntry;
  markets: readonly MarketSource[];
};
