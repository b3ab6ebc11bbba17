import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Locator, Page } from 'playwright-core';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { collectErrors, expectNoAxeViolations, expectOk, launchBallast, screenshot, waitForPage, type Ballast } from './harness';
import { startDappServer } from './dapp-server';
import { decide, onboard } from './test-dapp-helpers';

/**
 * Receive (#14 item 4) and the address book (#14 item 6) in the built extension on a devnet: the Receive
 * screen's QR code is read back with a QR reader (jsQR on the screenshot's pixels), and a name saved in
 * the address book shows in the approval window and in Activity for a transaction the dApp sends to it.
 */
const ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const ALICE = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
/** ALICE with the case of one letter flipped: its checksum no longer matches. */
const ALICE_BAD_CHECKSUM = '0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const WATCHED = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';

type Announced = { info: { name: string }; provider: { request(a: { method: string; params?: unknown[] }): Promise<unknown> } };

let devnet: Devnet;
let dappServer: Awaited<ReturnType<typeof startDappServer>>;
let ballast: Ballast;
let popup: Page;
let errors: string[];

beforeAll(async () => {
  [devnet, dappServer, ballast] = await Promise.all([startDevnet({ seed: false }), startDappServer(), launchBallast()]);
  await onboard(ballast, devnet.rpcUrl);
  popup = await ballast.openPopup();
  errors = collectErrors(popup);
}, 240_000);

afterAll(async () => {
  await ballast?.close();
  await dappServer?.close();
  await devnet?.stop();
});

/** Follows the OS colour scheme (theme "system") and waits until the page wears it, transitions done. */
async function useScheme(page: Page, scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, scheme === 'dark');
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition)));
}

/** axe and a screenshot in both themes. */
async function checkBothThemes(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await useScheme(page, scheme);
    await expectNoAxeViolations(page, `${name} (${scheme})`);
    await screenshot(page, `${name}-${scheme}`);
  }
  await useScheme(page, 'light');
}

/** Reads the QR code drawn in `qr` the way a phone would: from its pixels, with a QR reader that did not draw it. */
async function decodeQr(qr: Locator): Promise<string | undefined> {
  const png = PNG.sync.read(await qr.screenshot());
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data;
}

async function openHomeReceive() {
  await popup.getByRole('tab', { name: 'Home' }).click();
  await screenshot(popup, 'receive-home-button');
  const receive = popup.getByRole('button', { name: 'Receive', exact: true });
  // Keyboard: the button is in the tab order and Enter opens the screen.
  await receive.focus();
  await popup.keyboard.press('Enter');
  await popup.getByRole('heading', { name: 'Receive' }).waitFor();
}

describe('Receive', () => {
  it('shows the selected account: full checksummed address, a QR code that decodes to it, the network, and Copy', async () => {
    await openHomeReceive();
    expect(await popup.getByTestId('receive-address').textContent()).toBe(ACCOUNT_0);
    expect(await popup.getByTestId('receive-network').textContent()).toBe('Ballast devnet (chain 1)');
    const qr = popup.getByTestId('receive-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('aria-label')).toBe(`QR code of the address ${ACCOUNT_0}`);
    for (const scheme of ['light', 'dark'] as const) {
      await useScheme(popup, scheme);
      expect(await decodeQr(qr), `QR in ${scheme}`).toBe(ACCOUNT_0);
    }
    await useScheme(popup, 'light');
    await expect.poll(() => popup.getByTestId('receive-watch-warning').count()).toBe(0);

    // Chrome grants no clipboard-read to an extension origin here: record what the page hands the real writeText.
    await popup.evaluate(() => {
      const clipboard = navigator.clipboard;
      const write = clipboard.writeText.bind(clipboard);
      clipboard.writeText = (text: string) => {
        (window as unknown as { __copied?: string }).__copied = text;
        return write(text);
      };
    });
    await popup.getByRole('button', { name: 'Copy address' }).click();
    // Shown only once the browser's writeText resolved (a refusal says "Could not copy").
    await popup.getByRole('status').filter({ hasText: 'The address is on the clipboard.' }).waitFor();
    expect(await popup.evaluate(() => (window as unknown as { __copied?: string }).__copied)).toBe(ACCOUNT_0);
    await checkBothThemes(popup, 'receive');
    expect(errors).toEqual([]);
  });
});

describe('address book', () => {
  async function openBook() {
    await popup.getByRole('tab', { name: 'More' }).click();
    await popup.getByRole('button', { name: /Address book/ }).click();
    await popup.getByRole('heading', { name: 'Address book' }).waitFor();
  }

  it('lists own accounts by default and refuses a bad checksum, a duplicate and an empty name with a clear message', async () => {
    await openBook();
    await expect.poll(() => popup.getByTestId('book-own').getByTestId('book-entry-name').first().textContent()).toBe('Account 1');
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = popup.getByRole('dialog');
    const address = dialog.getByLabel('Address');
    const name = dialog.getByLabel('Name', { exact: true });
    const add = dialog.getByRole('button', { name: 'Add', exact: true });

    await address.fill(ALICE_BAD_CHECKSUM);
    await name.fill('Alice');
    await add.click();
    await dialog.getByRole('alert').filter({ hasText: 'checksum does not match' }).waitFor();

    await address.fill(ACCOUNT_0.toLowerCase());
    await add.click();
    await dialog.getByRole('alert').filter({ hasText: 'This is your account "Account 1".' }).waitFor();

    await address.fill(ALICE);
    await name.fill('   ');
    await add.click();
    await dialog.getByRole('alert').filter({ hasText: 'Give the address a name.' }).waitFor();
    await checkBothThemes(popup, 'address-book-errors');

    await name.fill('Alice');
    await add.click();
    await dialog.waitFor({ state: 'hidden' });
    await popup.getByTestId('book-saved').getByText('Alice').waitFor();
    await checkBothThemes(popup, 'address-book');

    // The background refuses on its own too: a page that skipped the form's checks gets the same rule.
    const again = expectOk(popup, 'addressBook:add', { address: ALICE.toLowerCase(), name: 'Alice 2' });
    await expect(again).rejects.toThrow(/already in the address book/);
    expect(errors).toEqual([]);
  });

  it('shows the entry’s name for a transaction to it: in the approval window, its preview, and Activity', async () => {
    const dapp = await ballast.context.newPage();
    await dapp.goto(`${dappServer.origin}/`);
    const ask = (method: string, params: unknown[] = []) =>
      dapp.evaluate(
        ({ method, params }) => {
          const w = window as unknown as { __providers: Announced[]; __answer?: unknown };
          w.__answer = undefined;
          const ballastProvider = w.__providers.find((p) => p.info.name === 'Ballast')!.provider;
          void ballastProvider.request({ method, params }).then(
            (result) => (w.__answer = { result }),
            (error: { message?: string }) => (w.__answer = { error: error.message }),
          );
        },
        { method, params },
      );
    const answer = () => dapp.waitForFunction(() => (window as unknown as { __answer?: unknown }).__answer).then((h) => h.jsonValue());

    let approval = waitForPage(ballast.context, 'approval.html');
    await ask('eth_requestAccounts');
    await decide(await approval, /connect/i);
    expect(await answer()).toEqual({ result: [ACCOUNT_0.toLowerCase()] });

    approval = waitForPage(ballast.context, 'approval.html');
    await ask('eth_sendTransaction', [{ from: ACCOUNT_0.toLowerCase(), to: ALICE.toLowerCase(), value: '0x2386f26fc10000' }]);
    const approvalPage = await approval;
    await approvalPage.locator('[data-testid="risk-preview"][data-worst]').waitFor({ timeout: 60_000 });
    const details = approvalPage.getByTestId('request-details');
    // From is the own account by its name, To the saved entry by its name.
    await expect.poll(() => details.getByTestId('address-name').allTextContents()).toEqual(expect.arrayContaining(['Account 1', 'Alice']));
    expect(await approvalPage.getByTestId('decoded-calls').textContent()).toMatch(/Alice \(0x3c44…93bc\)/i);
    await checkBothThemes(approvalPage, 'address-book-approval');
    await decide(approvalPage, 'Send');
    const sent = (await answer()) as { result?: string };
    expect(sent.result).toMatch(/^0x[0-9a-f]{64}$/);

    await popup.getByRole('tab', { name: 'Activity' }).click();
    const row = popup.getByRole('listitem').filter({ hasText: sent.result!.slice(0, 6) });
    await expect.poll(() => row.getByTestId('address-name').textContent()).toBe('Alice');
    await screenshot(popup, 'address-book-activity');

    // One store: renaming the entry renames it in Activity at once, no reload.
    await popup.getByRole('tab', { name: 'More' }).click();
    await popup.getByRole('button', { name: /Address book/ }).click();
    await popup.getByRole('button', { name: 'Edit Alice' }).click();
    await popup.getByRole('dialog').getByLabel('Name', { exact: true }).fill('Alice B.');
    await popup.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await popup.getByRole('dialog').waitFor({ state: 'hidden' });
    await popup.getByRole('tab', { name: 'Activity' }).click();
    await expect.poll(() => row.getByTestId('address-name').textContent()).toBe('Alice B.');

    // A signature request: an address field of the typed data carries the name too.
    const typedData = {
      types: {
        EIP712Domain: [
          { name: 'name', type: 'string' },
          { name: 'chainId', type: 'uint256' },
        ],
        Mail: [
          { name: 'to', type: 'address' },
          { name: 'contents', type: 'string' },
        ],
      },
      primaryType: 'Mail',
      domain: { name: 'Mail', chainId: 1 },
      message: { to: ALICE, contents: 'hello' },
    };
    approval = waitForPage(ballast.context, 'approval.html');
    await ask('eth_signTypedData_v4', [ACCOUNT_0.toLowerCase(), JSON.stringify(typedData)]);
    const signPage = await approval;
    await expect
      .poll(() => signPage.getByTestId('request-details').getByTestId('address-name').allTextContents())
      .toEqual(expect.arrayContaining(['Alice B.']));
    await screenshot(signPage, 'address-book-signature');
    await decide(signPage, /reject/i);
    expect(errors).toEqual([]);
  });
});

describe('Receive for a watch-only account', () => {
  it('warns that Ballast cannot sign for it, and still shows the address and its QR code', async () => {
    await expectOk(popup, 'wallet:addWatchOnly', { address: WATCHED, name: 'Watched' });
    await expectOk(popup, 'accounts:select', { address: WATCHED });
    await openHomeReceive();
    await popup.getByTestId('receive-watch-warning').waitFor();
    expect(await popup.getByTestId('receive-watch-warning').textContent()).toMatch(
      /Ballast cannot sign for this address\. Receiving here is fine/,
    );
    expect(await popup.getByTestId('receive-address').textContent()).toBe(WATCHED);
    expect(await decodeQr(popup.getByTestId('receive-qr'))).toBe(WATCHED);
    await checkBothThemes(popup, 'receive-watch-only');
    expect(errors).toEqual([]);
  });
});
