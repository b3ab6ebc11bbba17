import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mnemonicToAccount } from 'viem/accounts';
import { backgroundReady, collectErrors, launchBallast, screenshot } from './harness';
import type { Ballast } from './harness';

const PASSWORD = 'correct horse battery';
const TEST_MNEMONIC = 'test test test test test test test test test test test junk';

async function setPasswords(page: Page, password: string, confirm = password) {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password', { exact: true }).fill(confirm);
}

describe('popup onboarding, lock and unlock', () => {
  let ballast: Ballast | undefined;
  afterEach(async () => {
    await ballast?.close();
    ballast = undefined;
  });

  it('creates a wallet, checks the backup and shows account 1; locks and unlocks', async (ctx) => {
    ballast = await launchBallast();
    const page = await ballast.openPopup();
    if (!(await backgroundReady(page))) ctx.skip('the background does not answer wallet:getState yet');
    const errors = collectErrors(page);

    await page.getByRole('button', { name: 'Create a new wallet' }).click();
    await setPasswords(page, 'short', 'short');
    await page.getByRole('button', { name: 'Create wallet' }).click();
    await page.getByText('Use at least 8 characters.').waitFor();
    await setPasswords(page, PASSWORD, PASSWORD + 'x');
    await page.getByRole('button', { name: 'Create wallet' }).click();
    await page.getByText('The two passwords differ').waitFor();
    await setPasswords(page, PASSWORD);
    await page.getByRole('button', { name: 'Create wallet' }).click();

    await page.getByRole('button', { name: /Show the phrase/ }).click();
    const words = await page.getByTestId(/^phrase-word-\d+$/).allTextContents();
    expect(words).toHaveLength(12);
    await screenshot(page, 'onboarding-phrase');
    await page.getByRole('button', { name: 'I wrote it down' }).click();

    const labels = await page.locator('label', { hasText: /^Word #\d+$/ }).allTextContents();
    expect(labels).toHaveLength(3);
    // First try one wrong word: the check must refuse it.
    for (const [i, label] of labels.entries()) {
      const position = Number(label.replace('Word #', '')) - 1;
      await page.getByLabel(label, { exact: true }).fill(i === 0 ? 'wrongword' : words[position]!);
    }
    await page.getByRole('button', { name: 'Confirm backup' }).click();
    await page.getByText('Backup check failed').waitFor();
    for (const label of labels) {
      const position = Number(label.replace('Word #', '')) - 1;
      await page.getByLabel(label, { exact: true }).fill(words[position]!);
    }
    await screenshot(page, 'onboarding-backup-check');
    await page.getByRole('button', { name: 'Confirm backup' }).click();

    await expect.poll(() => page.getByTestId('selected-account-name').textContent()).toBe('Account 1');
    const expected = mnemonicToAccount(words.join(' ')).address; // m/44'/60'/0'/0/0, derived here independently
    const shown = await page.getByTestId('account-address').first().getAttribute('title');
    expect(shown).toBe(expected);
    await screenshot(page, 'home-after-create');

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Unlock Ballast' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').waitFor();
    await screenshot(page, 'unlock-wrong-password');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('selected-account-name').waitFor();
    expect(errors).toEqual([]);
  });

  it('imports the test mnemonic and shows 0xf39F…2266', async (ctx) => {
    ballast = await launchBallast();
    const page = await ballast.openPopup();
    if (!(await backgroundReady(page))) ctx.skip('the background does not answer wallet:getState yet');
    const errors = collectErrors(page);

    await page.getByRole('button', { name: 'Import a recovery phrase' }).click();
    await page.getByLabel('Recovery phrase').fill('  Test test test test test test test test test test test JUNK ');
    await setPasswords(page, PASSWORD);
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    const first = page.getByTestId('account-address').first();
    await first.waitFor();
    // Hardhat/anvil account 0 of this phrase, as published in their docs.
    expect(await first.textContent()).toBe('0xf39F…2266');
    expect(await first.getAttribute('title')).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(mnemonicToAccount(TEST_MNEMONIC).address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    await screenshot(page, 'home-after-import');
    expect(errors).toEqual([]);
  });

  it('watches an address without keys: refuses a malformed one, then lists it with a Watch-only badge', async (ctx) => {
    ballast = await launchBallast();
    const page = await ballast.openPopup();
    if (!(await backgroundReady(page))) ctx.skip('the background does not answer wallet:getState yet');
    await page.getByRole('button', { name: 'Watch an address' }).click();
    await page.getByLabel('Address').fill('0x1234');
    await page.getByRole('button', { name: 'Watch address' }).click();
    await page.getByText('An address is 0x followed by 40 hex digits.').waitFor();
    await page.getByLabel('Address').fill('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    await page.getByLabel('Name (optional)').fill('Cold storage');
    await page.getByRole('button', { name: 'Watch address' }).click();
    const row = page.getByTestId('account-list').getByRole('listitem').filter({ hasText: 'Cold storage' });
    await row.getByText('Watch-only').waitFor();
    expect(await row.getByTestId('account-address').getAttribute('title')).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    await screenshot(page, 'home-watch-only');
  });
});
