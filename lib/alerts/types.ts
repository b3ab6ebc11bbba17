import type { Chain, Transport } from 'viem';

export type AlertRule = 'depeg' | 'slashing' | 'withdrawal' | 'valueMove' | 'watchdog' | 'liquidation';
export const ALERT_RULES: readonly AlertRule[] = ['depeg', 'slashing', 'withdrawal', 'valueMove', 'watchdog', 'liquidation'];

export type AlertSeverity = 'info' | 'warning' | 'danger';

/** One listed alert. JSON-safe (amounts as decimal strings) so it is stored and sent to the popup as is. */
export type Alert = {
  /** The dedupe key of the event, also the chrome.notifications id. */
  id: string;
  rule: AlertRule;
  severity: AlertSeverity;
  title: string;
  message: string;
  /** Wall clock when the alert was raised, ms. */
  time: number;
  /** Block the alert was read at, decimal string ('' for the watchdog, which has no block). */
  block: string;
  chainId: number;
  /** The position the "Open position" button leads to. */
  positionId?: string;
  read: boolean;
  /** false when quiet hours or a cool-down kept the notification back (it is still listed). */
  notified: boolean;
  /** Figures behind the message (lossWei, depegWad, …) as decimal strings. */
  data: Record<string, string>;
};

/** What the background turns into chrome.notifications.create(id, { type: 'basic', iconUrl, title, message, buttons }). */
export type AlertNotification = { id: string; title: string; message: string; buttons?: { title: string }[] };

/** A rule's finding before dedupe, cool-down and quiet hours decide what reaches the user. */
export type AlertCandidate = Omit<Alert, 'time' | 'read' | 'notified' | 'chainId' | 'block'> & {
  /** Cool-down scope: one notification per rule and subject (position, token) within the cool-down. */
  cooldownKey: string;
  block?: string;
  /** The chain the alert is about when it is not the wallet's Ethereum (an L2 depeg); its block is then that chain's. */
  chainId?: number;
};

export type QuietHours = { enabled: boolean; /** Minutes after local midnight, 0–1439. */ startMinute: number; endMinute: number };
export type DepegThresholds = { warnPercent: number; dangerPercent: number };

export type AlertSettings = {
  rules: Record<AlertRule, boolean>;
  depeg: DepegThresholds & { perToken: Record<string, DepegThresholds> };
  /** Alert when a position's fair ETH value moved more than this since its last alert (percent). */
  valueMovePercent: number;
  /** Alert when an Aave position's depeg-to-liquidation distance falls under this (percent; health factor < 1.1 always alerts). */
  liquidationPercent: number;
  /** Alert when a held LRT's worst-case slashing loss rises above this share of the position's value (percent; default 10). */
  lrtWorstCasePercent?: number;
  /** "You are not being watched over" after the RPC failed this long. */
  unwatchedAfterMinutes: number;
  cooldownMinutes: number;
  quietHours: QuietHours;
};

/** Facts about a position from the last evaluated snapshot: the "before" of the next one. */
export type PositionMemo = {
  value: string;
  operator?: string;
  strategy?: string;
  vault?: string;
  claimable?: boolean;
  account: string;
  asset: string;
  /** An LRT holding (look-through known): the LRT and the holder's ETH delegated to each of its operators (lowercase address → wei). */
  lrtSymbol?: string;
  lrtOperators?: Record<string, string>;
  /** The holder's worst-case slashing loss of an LRT holding, wei (position.slashing.worstCaseEth). */
  lrtWorstCaseEth?: string;
  /** A Mellow LRT holding: the Symbiotic vault behind it, the holder's ETH in it (balance / supply × the LRT's active balance), the vault's active stake. */
  mellowVault?: string;
  mellowHolderEth?: string;
  mellowVaultActiveStake?: string;
};

/** Everything the engine persists besides settings. One item, written once per evaluation. */
export type AlertsState = {
  alerts: Alert[];
  /** Dedupe keys already raised → time. Survives worker restarts, so one event is one notification. */
  seen: Record<string, number>;
  /** cooldownKey → time of the last notification. */
  cooldowns: Record<string, number>;
  /** Open depeg episode per token: block it started and the worst level announced. */
  depegEpisodes: Record<string, { start: string; level: 'warn' | 'danger' }>;
  /** Open liquidation episode per Aave position id: the block it began (the alert id carries it). */
  liquidationEpisodes: Record<string, { start: string }>;
  /** Open "LRT worst case above the threshold" episode per position id: the block it began. */
  lrtRiskEpisodes?: Record<string, { start: string }>;
  /** Last block whose logs were read (decimal string); null until the first evaluation. */
  lastLogBlock: string | null;
  /** Per position at its last value-move alert (or first sight): "fair ETH value/units held" (see value-move.ts). */
  valueBaselines: Record<string, string>;
  positions: Record<string, PositionMemo>;
};

export const EMPTY_ALERTS_STATE: AlertsState = {
  alerts: [],
  seen: {},
  cooldowns: {},
  depegEpisodes: {},
  liquidationEpisodes: {},
  lastLogBlock: null,
  valueBaselines: {},
  positions: {},
};

/** Where alerts and their settings outlive the service worker. */
export interface AlertsStore {
  getState(): Promise<AlertsState>;
  setState(state: AlertsState): Promise<void>;
  getSettings(): Promise<AlertSettings>;
  setSettings(settings: AlertSettings): Promise<void>;
}

export type AlertsDeps = {
  chain: Chain;
  /** The user's RPC transport, the same the tracker uses (slashing logs are read with eth_getLogs). */
  getTransport: () => Transport | Promise<Transport>;
  store: AlertsStore;
  notify: (notification: AlertNotification) => void | Promise<void>;
  /** Count of unread danger alerts; 0 clears the badge. */
  setBadge: (count: number) => void | Promise<void>;
  now?: () => number;
  /** Local minute of the day for quiet hours; default from the system clock's time zone. */
  minuteOfDay?: (ms: number) => number;
  /** A snapshot older than this is not judged (default: the tracker's STALE_AFTER_MS). */
  staleAfterMs?: number;
};
