import { UI_PORT_NAME } from '../messaging/ui-events';
import type { UiEvent, UiTopic } from '../messaging/ui-events';
import { invalidateTopic } from './resource';

/** The part of a runtime Port the UI uses; passed in so lib/ stays free of browser globals. */
export type UiPort = {
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
};

export type ConnectUiPort = (name: string) => UiPort;

// Every topic, exhaustively (a topic added to UiTopic and missing here fails the typecheck instead of never reloading).
const TOPIC_TABLE: Record<UiTopic, true> = {
  wallet: true,
  pending: true,
  sites: true,
  networks: true,
  activity: true,
  settings: true,
  portfolio: true,
  alerts: true,
  flows: true,
  addressBook: true,
  balances: true,
  devices: true,
};
const topics: ReadonlySet<string> = new Set(Object.keys(TOPIC_TABLE));
const ALL_TOPICS = Object.keys(TOPIC_TABLE) as UiTopic[];

function isUiEvent(message: unknown): message is UiEvent {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { type?: unknown; topic?: unknown };
  return m.type === 'changed' && typeof m.topic === 'string' && topics.has(m.topic);
}

/** Reconnect backoff: a port that dies young (no background listener yet) is retried ever slower. */
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;
const HEALTHY_AFTER_MS = 5_000;

/**
 * Keeps a UI port open to the background and re-reads a topic's stores when it changes.
 * MV3 may stop the worker, which drops the port: reconnect (that also wakes the worker) and
 * re-read everything, since changes may have been missed meanwhile.
 */
export function listenToUiEvents(connect: ConnectUiPort): () => void {
  let stopped = false;
  let port: UiPort | undefined;
  let retryMs = FIRST_RETRY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = (isReconnect: boolean) => {
    if (stopped) return;
    const openedAt = Date.now();
    try {
      port = connect(UI_PORT_NAME);
    } catch {
      return; // The extension context is gone (reloaded): nothing to listen to any more.
    }
    port.onMessage.addListener((message) => {
      retryMs = FIRST_RETRY_MS;
      if (isUiEvent(message)) invalidateTopic(message.topic);
    });
    port.onDisconnect.addListener(() => {
      if (stopped) return;
      const healthy = Date.now() - openedAt >= HEALTHY_AFTER_MS;
      const wait = healthy ? 0 : retryMs;
      retryMs = healthy ? FIRST_RETRY_MS : Math.min(retryMs * 2, MAX_RETRY_MS);
      timer = setTimeout(() => open(true), wait);
    });
    if (isReconnect) for (const topic of ALL_TOPICS) invalidateTopic(topic);
  };
  open(false);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    port?.disconnect();
  };
}
