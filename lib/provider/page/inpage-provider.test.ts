import { describe, expect, it } from 'vitest';
import { CONTENT_CHANNEL } from './channel';
import { createInpageProvider } from './inpage-provider';

function setup() {
  const target = new EventTarget();
  const win = {
    location: { origin: 'https://dapp.example' },
    addEventListener: target.addEventListener.bind(target),
    postMessage: () => undefined,
  } as unknown as Window;
  const provider = createInpageProvider(win);
  const fromContent = (data: Record<string, unknown>) => {
    const event = new MessageEvent('message', { data: { channel: CONTENT_CHANNEL, ...data } });
    Object.defineProperty(event, 'source', { value: win });
    target.dispatchEvent(event);
  };
  const heard: unknown[][] = [];
  provider.on('accountsChanged', (accounts) => heard.push(accounts as unknown[]));
  return { provider, fromContent, heard };
}

describe('inpage provider state after a reconnect', () => {
  it('emits accountsChanged when the state on reconnect differs from what the page was told', () => {
    const { provider, fromContent, heard } = setup();
    fromContent({ type: 'state', chainId: '0x1', accounts: ['0xabc'] });
    expect(heard).toEqual([]); // the first state is the initial one, not a change
    // The wallet auto-locked while the worker was stopped: the reconnect's state has no accounts.
    fromContent({ type: 'state', chainId: '0x1', accounts: [] });
    expect(heard).toEqual([[]]);
    expect(provider.selectedAddress).toBeNull();
  });

  it('does not repeat an accountsChanged the page already heard as an event', () => {
    const { fromContent, heard } = setup();
    fromContent({ type: 'state', chainId: '0x1', accounts: [] });
    fromContent({ type: 'event', event: 'accountsChanged', data: ['0xabc'] });
    fromContent({ type: 'state', chainId: '0x1', accounts: ['0xabc'] });
    expect(heard).toEqual([['0xabc']]);
  });

  it('a settings-only state message (no accounts) changes nothing', () => {
    const { fromContent, heard } = setup();
    fromContent({ type: 'state', chainId: '0x1', accounts: ['0xabc'] });
    fromContent({ type: 'state', defaultWallet: true });
    expect(heard).toEqual([]);
  });
});
