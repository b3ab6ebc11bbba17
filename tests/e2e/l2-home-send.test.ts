import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPublicClient, createWalletClient, formatUnits, http, parseEther, type Hex, type PublicClient } from 'viem';
import { MULTICALL3, TOKENS } from '../../lib/restaking/addresses';
import { L2_CHAINS } from '../../lib/restaking/l2';
import { startAnvil, type AnvilInstance } from '../devnet/anvil';
import { artifact, createContext, devAccount } from '../devnet/context';
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

// Issue #18 item 3: Home and Send with the popup on "Ballast devnet (Base)" (an anvil with chain id 8453 started
// here), Activity following that send on Base after the wallet went back to Ethereum, and the Sites screen naming
// each site's chain.
const RECIPIENT = devAccount(5).address;
// A balance only the Base node has (~12.3 ETH), so Home's number can only have come from Base.
const MARKER = 12_345_678_901_234_567_890n;
/** $2,471.93456789 per ETH, 8 decimals as Chainlink's feed. */
const BASE_ETH_USD = 247_193_456_789n;
const SENT = parseEther('0.5');
type ProviderEvent = { name: string; data: unknown };

async function useScheme(page: Page, scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, scheme === 'dark');
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition)));
}
async function axeBothSchemes(page: Page, label: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await useScheme(page, scheme);
    await expectNoAxeViolations(page, `${label} (${scheme})`);
  }
  await useScheme(page, 'light');
}

describe('Home, Send and Activity with the popup on the Base devnet', () => {
  let world: IsolationWorld;
  let ethereum: AnvilInstance;
  let base: AnvilInstance;
  let onEthereum: PublicClient;
  let onBase: PublicClient;
  let popup: Page;
  let site: Page;
  let sentHash: Hex;

  beforeAll(async () => {
    [ethereum, base, world] = await Promise.all([startAnvil(), startAnvil({ chainId: 8453 })]).then(
      async ([e, b]) => [e, b, await startIsolationWorld()] as const,
    );
    onEthereum = createPublicClient({ transport: http(ethereum.rpcUrl) }) as PublicClient;
    onBase = createPublicClient({ transport: http(base.rpcUrl) }) as PublicClient;
    // Multicall3 sits at the same address on Base as on Ethereum; Home reads ETH through it.
    for (const rpc of [ethereum.rpcUrl, base.rpcUrl]) await createContext(rpc).place('Multicall3', MULTICALL3);
    // A token at weETH's Ethereum address on Base, held by the account: Home and Send must not take it for weETH there.
    const token = await createContext(base.rpcUrl).place('TestToken', TOKENS.weETH);
    const admin = createWalletClient({ account: devAccount(0), transport: http(base.rpcUrl) });
    for (const [functionName, args] of [
      ['initialize', ['Not weETH', 'NOTWEETH']],
      ['mint', [ACCOUNT_0, parseEther('7')]],
    ] as const)
      await waitMined(
        onBase,
        await admin.writeContract({ address: token, abi: artifact('TestToken').abi, functionName, args, chain: null } as never),
      );
    // Base's own Chainlink ETH/USD (the registry's feed), at a price unlike the Ethereum devnet's: Home's USD must come from it.
    const usdFeed = await createContext(base.rpcUrl).place('ChainlinkAggregator', L2_CHAINS[8453].ethUsdFeed.address);
    const { timestamp } = await onBase.getBlock({ blockTag: 'latest' });
    for (const [functionName, args] of [
      ['initialize', [8, 'ETH / USD']],
      ['setAnswer', [BASE_ETH_USD, timestamp]],
    ] as const)
      await waitMined(
        onBase,
        await admin.writeContract({ address: usdFeed, abi: artifact('ChainlinkAggregator').abi, functionName, args, chain: null } as never),
      );
    // Set after the token writes above (paid by the same dev account), so the marker is exact.
    await onBase.request({ method: 'anvil_setBalance', params: [ACCOUNT_0, `0x${MARKER.toString(16)}`] } as never);
    await useDevnetRpc(world.ui, ethereum.rpcUrl);
    await expectOk(world.ui, 'networks:setRpcUrls', { key: 'devnet-base', chainId: 8453, rpcUrls: [base.rpcUrl] });
    // Two connected sites: A switches to Base, B follows the wallet.
    const [a, b] = await Promise.all([
      openSite(world.ballast, `${world.sites.a.origin}/`),
      openSite(world.ballast, `${world.sites.b.origin}/`),
    ]);
    for (const [page, origin] of [
      [a, world.sites.a.origin],
      [b, world.sites.b.origin],
    ] as const) {
      await startCall(page, 'connect', 'eth_requestAccounts', []);
      await answerApproval(world.ballast, origin, 'Connect');
      expect(await waitOutcome(page, 'connect')).toEqual({ result: [ACCOUNT_0.toLowerCase()] });
    }
    const opened = waitForPage(world.ballast.context, 'approval.html');
    await startCall(a, 'to-base', 'wallet_switchEthereumChain', [{ chainId: '0x2105' }]);
    await decideInWindow(await opened, 'Switch');
    expect(await waitOutcome(a, 'to-base')).toEqual({ result: null });
    site = a;
    // The popup's network: the Base devnet.
    await expectOk(world.ui, 'networks:switch', { key: 'devnet-base', chainId: 8453 });
    popup = await world.ballast.openPopup();
  }, 240_000);
  afterAll(async () => {
    await stopIsolationWorld(world ?? {});
    await Promise.all([ethereum?.stop(), base?.stop()]);
  });

  it("Home shows the account's ETH on Base and no Ethereum registry token", async () => {
    await expect.poll(() => popup.getByRole('button', { name: 'Ballast devnet (Base)' }).count()).toBe(1);
    const eth = popup.locator('[data-testid="balance-row"][data-symbol="ETH"]');
    await eth.waitFor({ timeout: 30_000 });
    // The exact amount, as the Amount's label carries it, against the marker set on the Base node.
    await expect
      .poll(() => eth.locator('[aria-label]').first().getAttribute('aria-label'), { timeout: 30_000 })
      .toBe(`${formatUnits(MARKER, 18)} ETH`);
    expect(
      await popup.locator('[data-testid="balance-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-symbol'))),
    ).toEqual(['ETH']);
    // The total in USD from Base's feed, cut to the cent: MARKER × answer / 10^(18 + 8 − 2) cents.
    const cents = (MARKER * BASE_ETH_USD) / 10n ** 24n;
    const expected = `$${(cents / 100n).toLocaleString('en-US')}.${String(cents % 100n).padStart(2, '0')}`;
    await expect.poll(() => popup.getByTestId('home-total-usd').textContent(), { timeout: 30_000 }).toBe(expected);
    await axeBothSchemes(popup, 'home on Base');
    await screenshot(popup, 'l2-home-base');
  }, 90_000);

  it('Send on Base offers only ETH and signs for chain 8453; the tx lands on the Base node only', async () => {
    await onBase.request({ method: 'evm_setAutomine', params: [false] } as never);
    const ethNonce = await onEthereum.getTransactionCount({ address: ACCOUNT_0 });
    await popup.getByRole('button', { name: 'Send', exact: true }).click();
    await popup.getByTestId('send-amount').waitFor();
    const options = await popup.getByTestId('send-token').locator('option').allTextContents();
    expect(options).toHaveLength(1);
    expect(options[0]).toMatch(/^ETH · /);
    await popup.getByTestId('send-amount').fill('0.5');
    await popup.getByTestId('send-recipient').fill(RECIPIENT);
    await expect.poll(() => popup.getByTestId('send-recipient-address').textContent(), { timeout: 15_000 }).toBe(RECIPIENT);
    await axeBothSchemes(popup, 'send on Base');
    await screenshot(popup, 'l2-send-base');
    const opened = waitForPage(world.ballast.context, 'approval.html');
    await popup.getByTestId('send-review').click();
    const approval = await opened;
    await expect.poll(() => approval.getByTestId('request-network').textContent()).toBe('Network: Ballast devnet (Base) · chain id 8453');
    await approval.getByTestId('fee-panel').waitFor();
    await screenshot(approval, 'l2-send-base-approval');
    await decideInWindow(approval, 'Send');
    const pooled = async () =>
      Object.values(
        ((await onBase.request({ method: 'txpool_content' } as never)) as { pending: Record<string, Record<string, { hash: Hex }>> })
          .pending,
      ).flatMap((byNonce) => Object.values(byNonce).map((t) => t.hash));
    await expect.poll(pooled, { timeout: 30_000 }).toHaveLength(1);
    [sentHash] = (await pooled()) as [Hex];
    const tx = await onBase.getTransaction({ hash: sentHash });
    expect([tx.chainId, tx.to?.toLowerCase(), tx.value]).toEqual([8453, RECIPIENT.toLowerCase(), SENT]);
    expect(await onEthereum.getTransactionCount({ address: ACCOUNT_0 })).toBe(ethNonce);
    const listed = (await expectOk(world.ui, 'activity:list')) as { hash: Hex; chainId: number; status: string; origin?: string }[];
    expect(listed.find((i) => i.hash === sentHash)).toMatchObject({ chainId: 8453, status: 'pending', origin: 'Ballast · Send' });
  }, 120_000);

  it('back on Ethereum, Activity confirms the Base send from the Base node and names its chain on the row', async () => {
    await expectOk(world.ui, 'networks:switch', { key: 'devnet', chainId: 1 });
    const recipientBefore = await onBase.getBalance({ address: RECIPIENT });
    await onBase.request({ method: 'evm_mine' } as never);
    const receipt = await onBase.getTransactionReceipt({ hash: sentHash });
    expect(receipt.status).toBe('success');
    expect(await onBase.getBalance({ address: RECIPIENT })).toBe(recipientBefore + SENT);
    await popup.goto(world.ballast.url('popup.html'));
    await popup.getByRole('tab', { name: 'Activity' }).click();
    const row = popup.locator('li', { hasText: 'Ballast · Send' });
    await row.getByText('confirmed', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await row.getByText('Ballast devnet (Base)').count()).toBe(1);
    const listed = (await expectOk(world.ui, 'activity:list')) as { hash: Hex; status: string; blockNumber?: string }[];
    expect(listed.find((i) => i.hash === sentHash)).toMatchObject({ status: 'confirmed', blockNumber: receipt.blockNumber.toString() });
    await axeBothSchemes(popup, 'activity with a Base row');
    await screenshot(popup, 'l2-activity-chain');
  }, 90_000);

  it("speed-up from Activity of site A's pending Base tx, wallet on Ethereum: previewed, signed and sent on Base at the same nonce", async () => {
    await expectOk(world.ui, 'networks:switch', { key: 'devnet', chainId: 1 });
    await onBase.request({ method: 'evm_setAutomine', params: [false] } as never);
    const ethNonce = await onEthereum.getTransactionCount({ address: ACCOUNT_0 });
    const opened = waitForPage(world.ballast.context, 'approval.html');
    await startCall(site, 'stuck', 'eth_sendTransaction', [{ from: ACCOUNT_0, to: RECIPIENT, value: '0x2a' }]);
    await decideInWindow(await opened, 'Send');
    const original = (await waitOutcome(site, 'stuck')).result as Hex;
    const before = await onBase.getTransaction({ hash: original });
    await popup.goto(world.ballast.url('popup.html'));
    await popup.getByRole('tab', { name: 'Activity' }).click();
    const speedUp = popup.getByRole('button', { name: `Speed up transaction with nonce ${before.nonce}` });
    await speedUp.waitFor({ timeout: 30_000 });
    const replacing = waitForPage(world.ballast.context, 'approval.html');
    await speedUp.click();
    const approval = await replacing;
    await approval.getByText('Ballast · Speed up').first().waitFor();
    await expect.poll(() => approval.getByTestId('request-network').textContent()).toBe('Network: Ballast devnet (Base) · chain id 8453');
    // Simulated on the Base node, not the wallet's (Ethereum) one.
    await approval.getByRole('heading', { name: `Balance changes (simulated on ${new URL(base.rpcUrl).host})` }).waitFor();
    expect(await approval.getByTestId('fee-nonce').textContent()).toBe(String(before.nonce));
    // The recipient got the Base send above: known on Base, so no "first time" flag although the wallet is on Ethereum.
    expect(await approval.getByTestId('risk-flag').allTextContents()).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/First time sending to/)]),
    );
    await expectNoAxeViolations(approval, 'speed-up of a Base tx');
    await screenshot(approval, 'l2-speed-up-approval');
    await decideInWindow(approval, 'Send');
    const pooled = async () =>
      Object.values(
        ((await onBase.request({ method: 'txpool_content' } as never)) as { pending: Record<string, Record<string, { hash: Hex }>> })
          .pending,
      ).flatMap((byNonce) => Object.values(byNonce).map((t) => t.hash));
    await expect.poll(pooled, { timeout: 20_000 }).not.toContain(original);
    const [replacement] = (await pooled()) as [Hex];
    const after = await onBase.getTransaction({ hash: replacement });
    expect([after.chainId, after.nonce, after.value]).toEqual([8453, before.nonce, before.value]);
    expect(after.maxFeePerGas! * 100n).toBeGreaterThanOrEqual(before.maxFeePerGas! * 110n);
    expect(await onEthereum.getTransactionCount({ address: ACCOUNT_0 })).toBe(ethNonce);
    await onBase.request({ method: 'evm_mine' } as never);
    expect((await onBase.getTransactionReceipt({ hash: replacement })).status).toBe('success');
    await popup.reload();
    await popup.getByRole('tab', { name: 'Activity' }).click();
    await popup.getByText('replaced by').first().waitFor({ timeout: 30_000 });
    await screenshot(popup, 'l2-activity-replaced');
  }, 120_000);

  it("Sites names each site's chain; Follow wallet puts site A back on the wallet's network", async () => {
    await popup.getByRole('tab', { name: 'More' }).click();
    await popup.getByRole('button', { name: /^Sites/ }).click();
    const rowOf = (origin: string) => popup.locator('li', { hasText: origin }).first();
    await rowOf(world.sites.a.origin).getByText('Ballast devnet (Base)').waitFor();
    expect(await rowOf(world.sites.b.origin).textContent()).toContain('follows the wallet (Ballast devnet)');
    await axeBothSchemes(popup, 'sites with chains');
    await screenshot(popup, 'l2-sites');
    await popup.getByRole('button', { name: `Follow wallet for ${world.sites.a.origin}` }).click();
    await rowOf(world.sites.a.origin).getByText('follows the wallet (Ballast devnet)').waitFor();
    await site.waitForFunction(() =>
      (window as unknown as { __events: ProviderEvent[] }).__events.some((e) => e.name === 'chainChanged' && e.data === '0x1'),
    );
    expect(await call(site, 'eth_chainId')).toEqual({ result: '0x1' });
  }, 60_000);
});
