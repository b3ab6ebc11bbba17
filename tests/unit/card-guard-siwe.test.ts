import { describe, expect, it } from 'vitest';
import { stringToHex, type Client } from 'viem';
import { answerCardAsk } from '../../lib/messaging/card-channel';
import type { MessageSender } from '../../lib/messaging/extension-api';
import { CARD_MESSAGE } from '../../lib/provider/page/card-messages';
import { createPreviewService } from '../../lib/preview/service';

const runtime = { id: 'ballast-id', getURL: (path: string) => `chrome-extension://ballast-id${path}` };
const SITE = 'https://app.example';
const sender: MessageSender = { id: 'ballast-id', url: `${SITE}/page`, origin: SITE, tab: { id: 7 }, frameId: 0 };
const ACCOUNT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const signIn = (domain: string) =>
  stringToHex(`${domain} wants you to sign in with your Ethereum account:
${ACCOUNT}

URI: https://${domain}
Version: 1
Chain ID: 1
Nonce: 32891757
Issued At: 2021-09-30T16:25:24.000Z`);

describe('guard mode: a sign-in another wallet is asked for is checked against the page that asks', () => {
  const previews = createPreviewService({
    client: async () => ({}) as Client,
    network: async () => ({ chainId: 1, rpcUrls: ['http://127.0.0.1:8545'] }),
    pending: async () => [],
    watchPending: () => () => {},
    selectedAddress: async () => undefined,
    onReady: () => {},
  });
  const guardAsk = (message: string) =>
    answerCardAsk(
      { runtime, previews: () => previews },
      { type: CARD_MESSAGE, mode: 'guard', requestId: 'g1', method: 'personal_sign', params: [message, ACCOUNT] },
      sender,
    );

  it('a sign-in for another domain → danger naming both; for the page itself → no danger', async () => {
    const elsewhere = await guardAsk(signIn('other.example'));
    expect(elsewhere).toMatchObject({ ok: true, preview: { worst: 'danger' } });
    const flag = elsewhere?.ok ? elsewhere.preview?.flags[0] : undefined;
    expect(flag).toMatchObject({ id: 'siwe.domain-mismatch', numbers: { signsInTo: 'other.example', requestedBy: SITE } });
    expect(await guardAsk(signIn('app.example'))).toMatchObject({ ok: true, preview: { worst: 'info' } });
  });
});
