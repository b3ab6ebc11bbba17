import { describe, expect, it } from 'vitest';
import { INPAGE_CHANNEL, selfTargetOrigin } from './channel';
import { createInpageProvider } from './inpage-provider';

/** A window as the page scripts see it; `origin` is the document's, `location.origin` the URL's. */
function fakeWindow(origin: string | undefined, urlOrigin: string) {
  const target = new EventTarget();
  const posted: { data: unknown; targetOrigin: string }[] = [];
  const win = {
    ...(origin === undefined ? {} : { origin }),
    location: { origin: urlOrigin },
    addEventListener: target.addEventListener.bind(target),
    postMessage: (data: unknown, targetOrigin: string) => posted.push({ data, targetOrigin }),
  } as unknown as Window;
  return { win, posted };
}

describe('messages a page window posts to itself', () => {
  it("target the document's origin, and '*' when it is opaque even though the URL names a site (sandboxed frame)", () => {
    expect(selfTargetOrigin(fakeWindow('https://dapp.example', 'https://dapp.example').win)).toBe('https://dapp.example');
    expect(selfTargetOrigin(fakeWindow('null', 'https://dapp.example').win)).toBe('*');
    // about:blank / srcdoc frames: opaque URL, inherited origin.
    expect(selfTargetOrigin(fakeWindow('https://dapp.example', 'null').win)).toBe('https://dapp.example');
    // Windows without window.origin fall back to the URL's origin.
    expect(selfTargetOrigin(fakeWindow(undefined, 'https://dapp.example').win)).toBe('https://dapp.example');
  });

  it("the provider's request in a sandboxed frame is posted so that it arrives ('*', not the URL's origin)", () => {
    const { win, posted } = fakeWindow('null', 'https://dapp.example');
    void createInpageProvider(win).request({ method: 'eth_accounts' });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ data: { channel: INPAGE_CHANNEL, method: 'eth_accounts' }, targetOrigin: '*' });
  });
});
