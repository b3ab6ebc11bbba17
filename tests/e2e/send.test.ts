import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPublicClient, erc20Abi, http, parseEther, type Address, type Hex, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { MULTICALL3, TOKENS } from '../../lib/restaking/addresses';
import { devAccount } from '../devnet/context';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { doubleAbi, placeDouble } from '../devnet/seed/abi';
import { ALICE, ALICE_LOOKALIKE, seedEns } from '../devnet/seed/ens';
import { placeEthUsdFeed } from '../devnet/seed/eth-usd';
import {
  collectErrors,
  decideInWindow,
  expectNoAxeViolations,
  expectOk,
  launchBallast,
  screenshot,
  waitForClose,
  waitForPage,
  type Ballast,
} from './harness';
import { ACCOUNT_0, onboard } from './test-dapp-helpers';

/** A token double at weETH's registry address, so Send and Activity name it from the registry. */
const WEETH = TOKENS.weETH;
const BOB = devAccount(3).address;

/**
 * Send (#14 item 3) in the built extension on a devnet with the ENS doubles: 0.1 ETH to alice.eth through the
 * popup and the approval window (receipt and balance read from the node), a poisoned recipient flagged as danger
 * in the approval window, and an amount above the balance refused in the form with no window opened. Then 2.5
 * weETH to alice.eth and 0.05 ETH to an address-book entry picked by its name, each checked on chain.
 */
let devnet: Devnet;
let ballast: Ballast;
let popup: Page;
let node: PublicClient;
let errors: string[];

beforeAll(async () => {
  [devnet, ballast] = await Promise.all([startDevnet({ seed: false }), launchBallast()]);
  await placeDouble(devnet.ctx, 'Multicall3', MULTICALL3);
  await placeEthUsdFeed(devnet.ctx);
  await seedEns(devnet.ctx);
  await placeDouble(devnet.ctx, 'TestToken', WEETH);
  await devnet.ctx.write({ address: WEETH, abi: doubleAbi('TestToken'), functionName: 'initialize', args: ['Test weETH', 'weETH'] });
  await devnet.ctx.write({ address: WEETH, abi: doubleAbi('TestToken'), functionName: 'mint', args: [ACCOUNT_0, parseEther('10')] });
  node = createPublicClient({ chain: mainnet, transport: http(devnet.rpcUrl) }) as PublicClient;
  await onboard(ballast, devnet.rpcUrl);
  popup = await ballast.openPopup();
  await popup.setViewportSize({ width: 360, height: 600 });
  errors = collectErrors(popup);
}, 240_000);

afterAll(async () => {
  await ballast?.close();
  await devnet?.stop();
});

async function useScheme(page: Page, scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, scheme === 'dark');
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition)));
}

async function openSend() {
  await popup.goto(ballast.url('popup.html'));
  await popup.getByRole('button', { name: 'Send', exact: true }).click();
  await popup.getByTestId('send-amount').waitFor();
}

/** Types the amount and recipient and waits until the recipient resolved to `address`. */
async function fill(amount: string, to: string, address?: Address) {
  await popup.getByTestId('send-amount').fill(amount);
  await popup.getByTestId('send-recipient').fill(to);
  if (address) await expect.poll(() => popup.getByTestId('send-recipient-address').textContent(), { timeout: 15_000 }).toBe(address);
}

describe('Send', () => {
  it('sends 0.1 ETH to alice.eth through the popup and the approval window', async () => {
    await openSend();
    for (const scheme of ['light', 'dark'] as const) {
      await useScheme(popup, scheme);
      await expectNoAxeViolations(popup, `send form (${scheme})`);
    }
    await useScheme(popup, 'light');
    await fill('0.1', 'alice.eth', ALICE);
    // The dollar equivalent at the devnet feed's $3,000.
    await expect.poll(() => popup.getByText('≈ $300.00').count()).toBe(1);
    await screenshot(popup, 'send-filled');
    await useScheme(popup, 'dark');
    await expectNoAxeViolations(popup, 'send filled (dark)');
    await screenshot(popup, 'send-filled-dark');
    await useScheme(popup, 'light');

    const before = await node.getBalance({ address: ALICE });
    const windowOpened = waitForPage(ballast.context, 'approval.html');
    // Keyboard: Enter in the form submits Review.
    await popup.getByTestId('send-recipient').press('Enter');
    const approval = await windowOpened;
    // The form says where to look; nothing is sent from the popup itself.
    expect(await popup.getByTestId('send-started').textContent()).toMatch(/Review 0\.1 ETH to alice\.eth in the approval window/);
    await approval.locator('[data-testid="risk-preview"][data-worst]').waitFor();
    expect(await approval.getByTestId('request-origin').textContent()).toBe('Ballast · Send');
    expect(await approval.getByTestId('risk-flag').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/First time sending to/)]),
    );
    await approval.getByTestId('fee-panel').waitFor();
    await expectNoAxeViolations(approval, 'send approval (light)');
    await screenshot(approval, 'send-approval');
    await decideInWindow(approval, 'Send');

    await expect.poll(() => node.getBalance({ address: ALICE }), { timeout: 30_000 }).toBe(before + parseEther('0.1'));
    const activity = (await expectOk(popup, 'activity:list')) as { hash: Hex; origin?: string; to?: string }[];
    const sent = activity.find((a) => a.origin === 'Ballast · Send')!;
    expect(sent.to?.toLowerCase()).toBe(ALICE.toLowerCase());
    const receipt = await node.getTransactionReceipt({ hash: sent.hash });
    expect(receipt.status).toBe('success');
  }, 120_000);

  it('a lookalike of an address-book entry shows the danger flag in the approval window', async () => {
    await expectOk(popup, 'addressBook:add', { address: ALICE, name: 'Alice' });
    await openSend();
    await fill('0.01', ALICE_LOOKALIKE, ALICE_LOOKALIKE);
    const windowOpened = waitForPage(ballast.context, 'approval.html');
    await popup.getByTestId('send-review').click();
    const approval = await windowOpened;
    await approval.locator('[data-testid="risk-preview"][data-worst="danger"]').waitFor();
    const poisoning = approval.getByTestId('risk-flag').filter({ hasText: 'Looks like' });
    expect(await poisoning.textContent()).toMatch(/"Alice" in your address book/);
    expect(await poisoning.textContent()).toContain(ALICE);
    await screenshot(approval, 'send-approval-poisoned');
    const nonce = await node.getTransactionCount({ address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' });
    const closed = waitForClose(approval);
    await approval
      .getByRole('button', { name: 'Reject', exact: true })
      .click()
      .catch((e: Error) => {
        if (!/closed/i.test(e.message)) throw e;
      });
    await closed;
    expect(await node.getTransactionCount({ address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' })).toBe(nonce);
  }, 120_000);

  it('an amount above the balance shows an error and opens no window', async () => {
    await openSend();
    await fill('100000', 'alice.eth', ALICE);
    await expect.poll(() => popup.getByRole('alert').filter({ hasText: 'Not enough ETH' }).count()).toBe(1);
    expect(await popup.getByTestId('send-review').isDisabled()).toBe(true);
    await popup.getByTestId('send-recipient').press('Enter');
    await screenshot(popup, 'send-over-balance');
    // The background refuses it too, and nothing waits for approval.
    const answer = await popup.evaluate(async () => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
      return runtime.sendMessage({
        id: 1,
        type: 'send:start',
        data: { token: 'ETH', amount: '100000', unit: 'token', to: 'alice.eth' },
        timestamp: Date.now(),
      });
    });
    expect(JSON.stringify(answer)).toMatch(/Not enough ETH/);
    expect(await expectOk(popup, 'pending:list')).toEqual([]);
    expect(ballast.context.pages().filter((p) => p.url().includes('approval.html'))).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  const weeth = (owner: Address) => node.readContract({ address: WEETH, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });

  it('sends 2.5 weETH to alice.eth: balances move by exactly 2.5 on chain, Activity says "2.5 weETH to Alice"', async () => {
    const [mine, alices] = await Promise.all([weeth(ACCOUNT_0 as Address), weeth(ALICE)]);
    expect(mine).toBe(parseEther('10'));
    await openSend();
    // weETH is offered because the account holds it, under its registry symbol with the balance.
    await expect
      .poll(() => popup.getByTestId('send-token').locator('option').allTextContents(), { timeout: 15_000 })
      .toContain('weETH · 10 weETH');
    await popup.getByTestId('send-token').selectOption(WEETH);
    await expect.poll(() => popup.getByLabel('Amount in weETH').count()).toBe(1);
    await fill('2.5', 'alice.eth', ALICE);
    await screenshot(popup, 'send-weeth-filled');
    const windowOpened = waitForPage(ballast.context, 'approval.html');
    await popup.getByTestId('send-review').click();
    const approval = await windowOpened;
    expect(await popup.getByTestId('send-started').textContent()).toMatch(/Review 2\.5 weETH to Alice in the approval window/);
    await approval.locator('[data-testid="risk-preview"][data-worst]').waitFor();
    await approval.getByTestId('fee-panel').waitFor();
    await screenshot(approval, 'send-weeth-approval');
    await decideInWindow(approval, 'Send');

    await expect.poll(() => weeth(ALICE), { timeout: 30_000 }).toBe(alices + parseEther('2.5'));
    expect(await weeth(ACCOUNT_0 as Address)).toBe(mine - parseEther('2.5'));
    type Entry = { hash: Hex; origin?: string; to?: string; recipient?: string; token?: string; amount?: string };
    const activity = (await expectOk(popup, 'activity:list')) as Entry[];
    const sent = activity.find((a) => a.token?.toLowerCase() === WEETH.toLowerCase())!;
    expect(sent).toMatchObject({ origin: 'Ballast · Send', recipient: ALICE, amount: parseEther('2.5').toString() });
    expect(sent.to?.toLowerCase()).toBe(WEETH.toLowerCase());
    expect((await node.getTransactionReceipt({ hash: sent.hash })).status).toBe('success');

    // Activity: the amount in weETH and the recipient (saved as "Alice" by the test before), not the token contract.
    await popup.goto(ballast.url('popup.html'));
    await popup.getByRole('tab', { name: 'Activity' }).click();
    const row = popup.getByRole('listitem').filter({ hasText: sent.hash.slice(0, 6) });
    await expect.poll(() => row.getByText('2.5 weETH', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    expect(await row.getByTestId('address-name').textContent()).toBe('Alice');
    expect(await row.textContent()).toMatch(/to\s*Alice\s*0x3C44…93BC/i);
    await screenshot(popup, 'send-weeth-activity');
    await expectNoAxeViolations(popup, 'activity with a token transfer (light)');
  }, 120_000);

  it('sends 0.05 ETH to an address-book entry picked by its name: +0.05 ETH on chain', async () => {
    // The entry is added through the popup's address book.
    await popup.goto(ballast.url('popup.html'));
    await popup.getByRole('tab', { name: 'More' }).click();
    await popup.getByRole('button', { name: /Address book/ }).click();
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = popup.getByRole('dialog');
    await dialog.getByLabel('Address').fill(BOB);
    await dialog.getByLabel('Name', { exact: true }).fill('Bob');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await popup.getByTestId('book-saved').getByText('Bob', { exact: true }).waitFor();

    await openSend();
    // The recipient field suggests the entry by its name; typing the name picks it.
    await expect
      .poll(() => popup.locator('datalist option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))
      .toContain('Bob');
    await fill('0.05', 'Bob', BOB);
    expect(await popup.getByTestId('send-recipient-resolved').textContent()).toMatch(/^Bob/);
    const before = await node.getBalance({ address: BOB });
    const windowOpened = waitForPage(ballast.context, 'approval.html');
    await popup.getByTestId('send-review').click();
    const approval = await windowOpened;
    await approval.locator('[data-testid="risk-preview"][data-worst]').waitFor();
    await approval.getByTestId('fee-panel').waitFor();
    // A saved entry is known: no first-time flag.
    expect(await approval.getByTestId('risk-flag').allTextContents()).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/First time sending to/)]),
    );
    await decideInWindow(approval, 'Send');

    await expect.poll(() => node.getBalance({ address: BOB }), { timeout: 30_000 }).toBe(before + parseEther('0.05'));
    const activity = (await expectOk(popup, 'activity:list')) as { hash: Hex; to?: string; value: string }[];
    const sent = activity.find((a) => a.to?.toLowerCase() === BOB.toLowerCase())!;
    expect(sent.value).toBe(parseEther('0.05').toString());
    expect((await node.getTransactionReceipt({ hash: sent.hash })).status).toBe('success');
    expect(errors).toEqual([]);
  }, 120_000);
});
