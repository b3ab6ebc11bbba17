import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPublicClient, getAddress, http, type Hex } from 'viem';
import { startAnvil, type AnvilInstance } from '../devnet/anvil';
import type { Devnet } from '../devnet/devnet';
import { settledCallsStatus } from '../devnet/mined';
import { sendProtocol, waitForPage, type Ballast } from './harness';
import {
  ACCOUNT_0,
  clickForApproval,
  decide,
  ensureConnected,
  openTestDapp,
  startTestDappWorld,
  stopTestDappWorld,
  textWhen,
  type TestDappWorld,
} from './test-dapp-helpers';

// The test dApp adds and switches to "Localhost 8546", chain 0x53a (1338), at this fixed URL.
const ADDED_CHAIN_PORT = 8546;
const ADDED_CHAIN_ID = 1338;
// Its default EIP-5792 calls (src/components/transactions/eip5792/sendCalls.js).
const BATCH_CALLS = [
  { to: '0x0c54FcCd2e384b4BB6f2E405Bf5Cbc15a017AaFb', data: '0x654365436543', value: '0x3B9ACA00' },
  { to: '0xbc2114a988e9CEf5bA63548D432024f34B487048', data: '0x789078907890', value: '0x1DCD6500' },
] as const;

/** The approval window's line naming the network of the request. */
const networkLine = (approval: Page) => approval.getByTestId('request-network').textContent();

/** Sends one request through the Ballast provider the page discovers by EIP-6963. */
function requestInPage(page: Page, method: string, params: unknown): Promise<unknown> {
  return page.evaluate(
    ({ method, params }) =>
      new Promise((resolve, reject) => {
        type Detail = { info: { name: string }; provider: { request(a: unknown): Promise<unknown> } };
        const onAnnounce = (event: Event) => {
          const detail = (event as CustomEvent<Detail>).detail;
          if (detail.info.name !== 'Ballast') return;
          window.removeEventListener('eip6963:announceProvider', onAnnounce);
          detail.provider
            .request({ method, params })
            .then(resolve, (e: { code: number; message: string }) => reject(new Error(`${e.code}: ${e.message}`)));
        };
        window.addEventListener('eip6963:announceProvider', onAnnounce);
        window.dispatchEvent(new Event('eip6963:requestProvider'));
      }),
    { method, params },
  );
}

describe('MetaMask test dApp with Ballast: add and switch chains, EIP-5792', () => {
  let devnet: Devnet;
  let added: AnvilInstance;
  let ballast: Ballast;
  let server: TestDappWorld['server'];
  let dapp: Page;

  beforeAll(async () => {
    let world: TestDappWorld;
    [world, added] = await Promise.all([startTestDappWorld(), startAnvil({ port: ADDED_CHAIN_PORT, chainId: ADDED_CHAIN_ID })]);
    ({ devnet, server, ballast } = world);
  });
  afterAll(async () => {
    await stopTestDappWorld({ devnet, server, ballast });
    await added?.stop();
  });
  beforeEach(async () => {
    dapp = await openTestDapp(ballast.context, server.origin);
    await ensureConnected(ballast, dapp);
  });
  afterEach(async () => {
    await dapp?.close();
  });

  it('add a chain, then switch to it: the dApp follows and reads go to the added chain', async () => {
    // A balance only the added chain has, to prove where Ballast's reads go.
    const marker = 123_456_789n;
    await createPublicClient({ transport: http(added.rpcUrl) }).request({
      method: 'anvil_setBalance',
      params: [getAddress(ACCOUNT_0), `0x${marker.toString(16)}`],
    } as never);

    let approval = await clickForApproval(ballast, dapp, '#addEthereumChain');
    // The request names the network it was made on; "Localhost 8546" claims no well-known chain: no second step.
    await expect.poll(() => networkLine(approval)).toBe('Network: Ballast devnet · chain id 1');
    expect(await approval.getByTestId('chain-claim').count()).toBe(0);
    await decide(approval, 'Add network');
    expect(await textWhen(dapp, '#chainId', /0x53a/)).toBe('0x53a');
    expect(BigInt((await requestInPage(dapp, 'eth_getBalance', [ACCOUNT_0, 'latest'])) as Hex)).toBe(marker);

    // The popup's network is the wallet's own: the site keeps the chain it switched to.
    const popup = await ballast.openPopup();
    expect((await sendProtocol(popup, 'networks:switch', { key: 'devnet', chainId: 1 })).ok).toBe(true);
    expect(await requestInPage(dapp, 'eth_chainId', [])).toBe('0x53a');
    await popup.close();

    // Back to chain 1 from the dApp (EIP-3326): the window names the chain the site is on, the page follows.
    await switchBackToChainOne();

    approval = await clickForApproval(ballast, dapp, '#switchEthereumChain');
    await expect.poll(() => networkLine(approval)).toBe('Network: Ballast devnet · chain id 1');
    await decide(approval, 'Switch');
    expect(await textWhen(dapp, '#chainId', /0x53a/)).toBe('0x53a');
    expect(await requestInPage(dapp, 'eth_chainId', [])).toBe('0x53a');

    // The site's chain is kept with its connection, so the next test starts it on chain 1 again.
    await switchBackToChainOne();
  });

  /** The dApp asks for chain 1 while on the added chain; the user approves in the window. */
  async function switchBackToChainOne(): Promise<void> {
    const opened = waitForPage(ballast.context, 'approval.html');
    const answered = requestInPage(dapp, 'wallet_switchEthereumChain', [{ chainId: '0x1' }]);
    const approval = await opened;
    await expect.poll(() => networkLine(approval)).toBe(`Network: Localhost 8546 · chain id ${ADDED_CHAIN_ID}`);
    await decide(approval, 'Switch');
    expect(await answered).toBeNull();
    expect(await textWhen(dapp, '#chainId', /^0x1$/)).toBe('0x1');
  }

  it('EIP-5792: capabilities say atomic is unsupported, the dApp’s atomicRequired batch is refused (5760), a sequential batch runs and its status shows in the dApp', async () => {
    await dapp.locator('#eip5792GetCapabilitiesButton').click();
    // Without a chain list, every configured chain is reported (here also the one the previous test added).
    const capabilities = JSON.parse(await textWhen(dapp, '#eip5792GetCapabilitiesResult', /atomic/)) as Record<string, unknown>;
    expect(capabilities['0x1']).toEqual({ atomic: { status: 'unsupported' } });
    for (const value of Object.values(capabilities)) expect(value).toEqual({ atomic: { status: 'unsupported' } });

    // The dApp always asks for atomic execution; Ballast sends separate transactions, so it must refuse.
    await dapp.locator('#eip5792SendCallsButton').click();
    expect(await textWhen(dapp, '#eip5792SendCallsError', /Error/)).toMatch(/Atomic execution is not supported/);

    const client = devnet.ctx.client;
    const before = await Promise.all(BATCH_CALLS.map((c) => client.getBalance({ address: c.to })));
    const sent = requestInPage(dapp, 'wallet_sendCalls', [
      { version: '2.0.0', from: ACCOUNT_0, chainId: '0x1', atomicRequired: false, calls: BATCH_CALLS },
    ]);
    const approval = await waitForPage(ballast.context, 'approval.html');
    await expect.poll(() => networkLine(approval)).toBe('Network: Ballast devnet · chain id 1');
    await decide(approval, 'Send all');
    const { id } = (await sent) as { id: string };
    // wallet_sendCalls answers once the last call is broadcast; the dApp's button is pressed once it is mined.
    await settledCallsStatus(
      async () => ({ result: (await requestInPage(dapp, 'wallet_getCallsStatus', [id])) as { status: number } }),
      client,
    );

    await dapp.locator('#eip5792RequestIdInput').fill(id);
    await dapp.locator('#eip5792GetCallsStatusButton').click();
    const status = JSON.parse(await textWhen(dapp, '#eip5792GetCallsStatusResult', /status/)) as {
      status: number;
      atomic: boolean;
      receipts: Array<{ status: string; transactionHash: Hex }>;
    };
    expect(status).toMatchObject({ id, chainId: '0x1', status: 200, atomic: false });
    expect(status.receipts).toHaveLength(2);
    for (const r of status.receipts) {
      expect(r.status).toBe('0x1');
      expect((await client.getTransactionReceipt({ hash: r.transactionHash })).status).toBe('success');
    }
    const after = await Promise.all(BATCH_CALLS.map((c) => client.getBalance({ address: c.to })));
    expect(after.map((a, i) => a - before[i]!)).toEqual(BATCH_CALLS.map((c) => BigInt(c.value)));
  });
});
