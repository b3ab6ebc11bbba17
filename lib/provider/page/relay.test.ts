import { describe, expect, it } from 'vitest';
import { CONTENT_CHANNEL, INPAGE_CHANNEL } from './channel';
import { startRelay, type RelayPort } from './relay';

/** A runtime Port double: records what the relay posts, lets the test play the background. */
function fakePort() {
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const posted: { type: string; id: string; method: string }[] = [];
  const port: RelayPort = {
    postMessage: (m) => posted.push(m as (typeof posted)[number]),
    onMessage: { addListener: (fn) => onMessage.push(fn) },
    onDisconnect: { addListener: (fn) => onDisconnect.push(fn) },
  };
  return {
    port,
    posted,
    fromBackground: (m: unknown) => onMessage.forEach((fn) => fn(m)),
    /** The worker stopped (or refused the port). */
    drop: () => onDisconnect.forEach((fn) => fn()),
  };
}

function fakePage() {
  const target = new EventTarget();
  const toPage: Record<string, unknown>[] = [];
  const win = {
    location: { origin: 'https://dapp.example' },
    addEventListener: target.addEventListener.bind(target),
    postMessage: (data: Record<string, unknown>) => toPage.push(data),
  } as unknown as Window;
  const request = (id: string, method: string) => {
    const event = new MessageEvent('message', { data: { channel: INPAGE_CHANNEL, type: 'request', id, method } });
    Object.defineProperty(event, 'source', { value: win });
    target.dispatchEvent(event);
  };
  return { win, toPage, request };
}

function setup() {
  const page = fakePage();
  const ports: ReturnType<typeof fakePort>[] = [];
  startRelay({
    win: page.win,
    connect: () => {
      const p = fakePort();
      ports.push(p);
      return p.port;
    },
  });
  return { page, ports, port: (i: number) => ports[i]! };
}

const responses = (toPage: Record<string, unknown>[], id: string) =>
  toPage.filter((m) => m.channel === CONTENT_CHANNEL && m.type === 'response' && m.id === id);

describe('startRelay across worker restarts', () => {
  it('re-sends a waiting request once on a new port and passes exactly one answer to the page', () => {
    const { page, ports, port } = setup();
    page.request('r1', 'eth_requestAccounts');
    port(0).fromBackground({ type: 'state', chainId: '0x1', accounts: [] });
    port(0).drop();
    expect(ports).toHaveLength(2);
    expect(port(1).posted).toEqual([{ type: 'request', id: 'r1', method: 'eth_requestAccounts', params: undefined }]);
    port(1).fromBackground({ type: 'response', id: 'r1', result: ['0xabc'] });
    port(1).fromBackground({ type: 'response', id: 'r1', result: ['0xabc'] });
    expect(responses(page.toPage, 'r1')).toHaveLength(1);
  });

  it('a page that never got accounts and has nothing waiting does not wake the worker again', () => {
    const { page, ports, port } = setup();
    page.request('r1', 'eth_chainId');
    port(0).fromBackground({ type: 'state', chainId: '0x1', accounts: [] });
    port(0).fromBackground({ type: 'response', id: 'r1', result: '0x1' });
    port(0).drop();
    expect(ports).toHaveLength(1);
  });

  it('a connected site reconnects with nothing waiting, so it still hears events after a restart', () => {
    const { page, ports, port } = setup();
    page.request('r1', 'eth_accounts');
    port(0).fromBackground({ type: 'state', chainId: '0x1', accounts: ['0xabc'] });
    port(0).fromBackground({ type: 'response', id: 'r1', result: ['0xabc'] });
    port(0).drop();
    expect(ports).toHaveLength(2);
    expect(port(1).posted).toEqual([]);
    port(1).fromBackground({ type: 'event', event: 'accountsChanged', data: [] });
    expect(page.toPage.at(-1)).toMatchObject({ channel: CONTENT_CHANNEL, type: 'event', event: 'accountsChanged', data: [] });
    // No longer connected: the next drop does not re-dial.
    port(1).drop();
    expect(ports).toHaveLength(2);
  });

  it('a background that keeps refusing the page ends in one 4900 answer, not a reconnect loop', () => {
    const { page, ports, port } = setup();
    page.request('r1', 'eth_requestAccounts');
    port(0).drop();
    port(1).drop();
    expect(ports).toHaveLength(2);
    const answers = responses(page.toPage, 'r1');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ error: { code: 4900 } });
  });

  it('one silent drop (worker stopped right after connect) is retried, not failed', () => {
    const { page, ports, port } = setup();
    page.request('r1', 'eth_requestAccounts');
    port(0).drop();
    port(1).fromBackground({ type: 'state', chainId: '0x1', accounts: [] });
    port(1).drop();
    expect(ports).toHaveLength(3);
    expect(port(2).posted.map((m) => m.id)).toEqual(['r1']);
    expect(responses(page.toPage, 'r1')).toHaveLength(0);
  });
});
