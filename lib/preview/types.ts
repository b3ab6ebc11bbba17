import type { Address, Client, Hex } from 'viem';
import type { KnownAddress, LrtOperatorMix, RiskFlag, Severity } from '../risk';
import type { TokenInfo } from '../restaking';

/** One call as a dApp sends it (eth_sendTransaction params, or one entry of wallet_sendCalls). */
export type PreviewCall = { from?: Address; to?: Address; value?: bigint; data?: Hex; gas?: bigint };

export type PreviewRequest =
  | { kind: 'transaction'; tx: PreviewCall & { from: Address } }
  | { kind: 'batch'; from: Address; calls: readonly PreviewCall[] }
  | { kind: 'typedData'; from: Address; data: TypedDataJson | string }
  /** `origin`: the page that asks, so a Sign-In With Ethereum message can be checked against it. */
  | { kind: 'personalSign'; from?: Address; message: Hex | string; origin?: string };

/** EIP-712 JSON as eth_signTypedData_v4 receives it (numbers may be strings). */
export type TypedDataJson = {
  types: Record<string, readonly { name: string; type: string }[]>;
  primaryType: string;
  domain: { name?: string; version?: string; chainId?: number | string | bigint; verifyingContract?: string; salt?: string };
  message: Record<string, unknown>;
};

/** Registry lookups, injectable so tests (or another chain) can swap them. */
export type PreviewRegistry = {
  tokenByAddress(address: string): TokenInfo | undefined;
  /** Human label of a known contract ("Kelp LRTDepositPool"), undefined when unknown. */
  labelOf(address: string): string | undefined;
};

export type PreviewDeps = {
  /** viem client on the user's RPC (a PublicClient works). */
  client: Client;
  /** Chain the wallet is on; typed data for another chain is flagged. */
  chainId: number;
  /** Current time in ms (Date.now); injectable for tests. */
  now: () => number;
  registry?: Partial<PreviewRegistry>;
  /**
   * Addresses the user knows (own accounts, address book, Activity's recipients), for the recipient checks
   * (address poisoning, first-time recipient). Left out, those two checks are listed as not checked.
   */
  known?: readonly KnownAddress[];
  /** The sender's restaked ETH per operator and each LRT's operator mix (the portfolio's last snapshot), for the concentration check. */
  exposure?: PreviewExposure;
};

/** Passed in by the wiring from the tracker's last snapshot (lib/preview does not import lib/tracker). */
export type PreviewExposure = {
  byOperator: readonly { operator: Address; restakedEth: bigint }[];
  /** Per LRT symbol with a known look-through: supply and delegated ETH per operator. */
  lrts: Readonly<Record<string, LrtOperatorMix>>;
  /** Per LRT symbol whose look-through is unknown: the reason. */
  lrtsUnknown: Readonly<Record<string, string>>;
  /** The snapshot's block. */
  blockNumber: bigint;
  /** What each Symbiotic network's full slash costs the account now (through Mellow LRTs). */
  byNetwork?: readonly { network: Address; lossEth: bigint }[];
  /** Per Mellow LRT with a known look-through: supply and what each network can slash from the whole LRT (ETH). */
  lrtNetworks?: Readonly<Record<string, { supply: bigint; byNetwork: readonly { network: Address; atRiskEth: bigint }[] }>>;
};

export type DecodedArg = { name: string; type: string; value: string };

export type DecodedCall = {
  to: Address | null;
  targetLabel: string;
  functionName: string;
  selector: Hex | null;
  args: DecodedArg[];
  value: string;
  known: boolean;
};

export type SimulationMethod = 'eth_simulateV1' | 'eth_call' | 'none';

export type CallOutcome = { index: number; status: 'ok' | 'reverted' | 'unavailable'; gasUsed?: string; reason?: string };

export type PreviewSimulation = {
  status: 'ok' | 'reverted' | 'unavailable';
  method: SimulationMethod;
  reason?: string;
  gasUsed?: string;
  /** Index (0-based) of the first call that reverted, for batches. */
  revertedCall?: number;
  calls: CallOutcome[];
};

export type BalanceChange = { token: Address | 'ETH'; symbol: string; decimals: number; delta: string; formatted: string };

/** Structured figures behind the flags (wei and magnitudes as decimal strings), for the UI and tests. */
export type PreviewFacts = {
  depeg?: { symbol: string; minted: string; quotedOut: string; market: string; fair: string; deviationBps: string; source: string }[];
  slashing?: {
    operator: Address;
    strategy: Address;
    ethValue: string;
    maxMagnitude: string;
    perSet: { avs: Address; id: number; magnitude: string; ethAtRisk: string }[];
    worstCase: { magnitude: string; ethAtRisk: string };
  }[];
  impermanentLoss?: { pool: Address; A: string; lrtLeg: string; rows: { depeg: number; il: number }[] }[];
  /** Receiving an LRT: the operator the sender depends on most afterwards, its share before and after (WAD). */
  lrtConcentration?: {
    received: { symbol: string; amount: string }[];
    operator: Address;
    beforeEth: string;
    afterEth: string;
    totalBeforeEth: string;
    totalAfterEth: string;
    beforeShareWad: string;
    afterShareWad: string;
    block: string;
  }[];
  /** Receiving a Mellow LRT: the Symbiotic network whose full slash would cost the account most afterwards, before and after. */
  mellowNetworks?: {
    received: { symbol: string; amount: string }[];
    network: Address;
    beforeEth: string;
    afterEth: string;
    block: string;
  }[];
};

export type Preview = {
  kind: PreviewRequest['kind'];
  decoded: DecodedCall[];
  simulation: PreviewSimulation;
  balanceChanges: BalanceChange[];
  flags: RiskFlag[];
  worst: Severity | 'none';
  checked: string[];
  notChecked: string[];
  facts: PreviewFacts;
  /** Milliseconds from request to preview. */
  elapsedMs: number;
};
