import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPublicClient, http, type Hex, type PublicClient } from 'viem';
import { startAnvil, type AnvilInstance } from '../devnet/anvil';
import { decideInWindow, expectNoAxeViolations, expectOk, screenshot, useDevnetRpc, waitForPage } from './harness';
import {
  ACCOUNT_0,
  answerApproval,
  call,
  openSite,
  startCall,
  startIsolationWorld,
  stopIsolationWorld,
  waitOutcome,
  type IsolationWorld,
} from './isolation-helpers';
import { waitMined } from '../devnet/mined';

type ProviderEvent = { name: string; data: unknown };
const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
// A balance only the Base node has, to tell where a site's reads go (~12.3 ETH, enough for a send's gas).
const MARKER = 12_345_678_901_234_567_890n;

const eventsOf = (page: Page) => page.evaluate(() => (window as unknown as { __events: ProviderEvent[] }).__events);
const chainEvents = async (page: Page) => (await eventsOf(page)).filter((e) => e.name === 'chainChanged').map((e) => e.data);
/** Waits until the page heard `n` chainChanged events. */
const heardChains = (page: Page, n: number) =>
  page.waitForFunction(
    (count) => (window as unknown as { __events: ProviderEvent[] }).__events.filter((e) => e.name === 'chainChanged').length >= count,
    n,
  );

/** A dApp asks to switch its chain; the user approves in the approval window, which names the request's network. */
async function switchSiteChain(world: IsolationWorld, site: Page, key: string, chainId: string, shownNetwork: string): Promise<void> {
  const opened = waitForPage(world.ballast.context, 'approval.html');
  await startCall(site, key, 'wallet_switchEthereumChain', [{ chainId }]);
  const approval = await opened;
  await expect.poll(() => approval.getByTestId('request-network').textContent()).toBe(shownNetwork);
  await decideInWindow(approval, 'Switch');
  expect(await waitOutcome(site, key)).toEqual({ result: null });
}

// Issue #18: a dApp on one site switches to Base while another site stays on Ethereum, each hearing only its own chainChanged.
describe('a chain per site in the browser', () => {
  let world: IsolationWorld;
  let ethereum: AnvilInstance;
  let base: AnvilInstance;
  let onEthereum: PublicClient;
  let onBase: PublicClient;
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    [ethereum, base, world] = await Promise.all([startAnvil(), startAnvil({ chainId: 8453 }), startIsolationWorld()]);
    onEthereum = createPublicClient({ transport: http(ethereum.rpcUrl) }) as PublicClient;
    onBase = createPublicClient({ transport: http(base.rpcUrl) }) as PublicClient;
    await onBase.request({ method: 'anvil_setBalance', params: [ACCOUNT_0, `0x${MARKER.toString(16)}`] } as never);
    // The test build's devnet networks, pointed at this test's own nodes.
    await useDevnetRpc(world.ui, ethereum.rpcUrl);
    await expectOk(world.ui, 'networks:setRpcUrls', { key: 'devnet-base', chainId: 8453, rpcUrls: [base.rpcUrl] });
    [a, b] = await Promise.all([openSite(world.ballast, `${world.sites.a.origin}/`), openSite(world.ballast, `${world.sites.b.origin}/`)]);
    for (const [site, origin] of [
      [a, world.sites.a.origin],
      [b, world.sites.b.origin],
    ] as const) {
      await startCall(site, 'connect', 'eth_requestAccounts', []);
      await answerApproval(world.ballast, origin, 'Connect');
      expect(await waitOutcome(site, 'connect')).toEqual({ result: [ACCOUNT_0.toLowerCase()] });
    }
  });
  afterAll(async () => {
    await stopIsolationWorld(world ?? {});
    await Promise.all([ethereum?.stop(), base?.stop()]);
  });

  it('site A switches to Base and alone hears chainChanged; its reads and its transaction go to the Base node, site B stays on Ethereum', async () => {
    await switchSiteChain(world, a, 'to-base', '0x2105', 'Network: Ballast devnet · chain id 1');
    await heardChains(a, 1);
    expect(await chainEvents(a)).toEqual(['0x2105']);
    expect(await call(a, 'eth_chainId')).toEqual({ result: '0x2105' });
    expect(await call(a, 'net_version', [])).toEqual({ result: '8453' });
    expect(await call(b, 'eth_chainId')).toEqual({ result: '0x1' });
    expect(await chainEvents(b)).toEqual([]);

    // Reads: each site's answer equals its own node's, asked directly.
    expect(await call(a, 'eth_getBalance', [ACCOUNT_0, 'latest'])).toEqual({ result: `0x${MARKER.toString(16)}` });
    const onEth = await onEthereum.getBalance({ address: ACCOUNT_0 });
    expect(onEth).not.toBe(MARKER);
    expect(await call(b, 'eth_getBalance', [ACCOUNT_0, 'latest'])).toEqual({ result: `0x${onEth.toString(16)}` });

    // A transaction from site A: the window names Base's devnet, and it lands on the Base node only.
    const ethNonce = await onEthereum.getTransactionCount({ address: ACCOUNT_0 });
    const opened = waitForPage(world.ballast.context, 'approval.html');
    await startCall(a, 'send', 'eth_sendTransaction', [{ from: ACCOUNT_0, to: RECIPIENT, value: '0x2a' }]);
    const approval = await opened;
    await expect.poll(() => approval.getByTestId('request-network').textContent()).toBe('Network: Ballast devnet (Base) · chain id 8453');
    // Its preview is simulated on the site's node, not the wallet's.
    const baseHost = new URL(base.rpcUrl).host;
    await approval.getByRole('heading', { name: `Balance changes (simulated on ${baseHost})` }).waitFor();
    await expectNoAxeViolations(approval, 'approval: a transaction of a site on Base');
    await screenshot(approval, 'approval-site-on-base');
    await decideInWindow(approval, 'Send');
    const sent = await waitOutcome(a, 'send');
    const hash = sent.result as Hex;
    expect((await waitMined(onBase, hash)).status).toBe('success');
    expect((await onBase.getTransaction({ hash })).chainId).toBe(8453);
    expect(await onEthereum.getTransactionCount({ address: ACCOUNT_0 })).toBe(ethNonce);

    // A transaction naming chain 1 from site A: refused with the EIP-1474 invalid-params code, no window.
    expect(await call(a, 'eth_sendTransaction', [{ from: ACCOUNT_0, to: RECIPIENT, value: '0x1', chainId: '0x1' }])).toMatchObject({
      error: { code: -32602, message: expect.stringContaining("this site's active chain 0x2105") },
    });
  });

  it("the wallet's network (popup) moves site B, which follows it, and not site A; each hears only its own chainChanged", async () => {
    await expectOk(world.ui, 'networks:switch', { key: 'optimism', chainId: 10 });
    await heardChains(b, 1);
    expect(await chainEvents(b)).toEqual(['0xa']);
    expect(await call(b, 'eth_chainId')).toEqual({ result: '0xa' });
    expect(await call(a, 'eth_chainId')).toEqual({ result: '0x2105' });

    // Site A switches back to chain 1 (the devnet, which shadows Ethereum in the test build): its second event, B hears nothing.
    await switchSiteChain(world, a, 'to-one', '0x1', 'Network: Ballast devnet (Base) · chain id 8453');
    await heardChains(a, 2);
    expect(await chainEvents(a)).toEqual(['0x2105', '0x1']);
    expect(await call(a, 'eth_getBalance', [ACCOUNT_0, 'latest'])).toEqual({
      result: `0x${(await onEthereum.getBalance({ address: ACCOUNT_0 })).toString(16)}`,
    });
    expect(await call(b, 'eth_chainId')).toEqual({ result: '0xa' });
    expect(await chainEvents(b)).toEqual(['0xa']);
  });
});
