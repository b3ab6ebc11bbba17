import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { backgroundReady, collectErrors, expectNoAxeViolations, launchBallast, screenshot } from './harness';
import type { Ballast } from './harness';

/** Several parts of a screen can be busy at once (a list loading, a refresh button): wait until none is. */
async function waitUntilIdle(page: Page): Promise<void> {
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
}

const PASSWORD = 'correct horse battery';

/** Follows the OS colour scheme (theme "system"), and waits until <html> carries the matching class. */
async function useScheme(page: Page, scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, scheme === 'dark');
  // Colour transitions would let axe measure a half-way colour.
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition)));
}

describe('accessibility of every popup screen, light and dark', () => {
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    ballast = await launchBallast();
    page = await ballast.openPopup();
    errors = collectErrors(page);
  });
  afterAll(async () => {
    await ballast?.close();
  });

  async function check(name: string) {
    for (const scheme of ['light', 'dark'] as const) {
      await useScheme(page, scheme);
      await expectNoAxeViolations(page, `${name} (${scheme})`);
      await screenshot(page, `axe-${name}-${scheme}`);
    }
  }

  it('onboarding screens', async () => {
    await page.getByRole('button', { name: 'Create a new wallet' }).waitFor();
    await check('welcome');
    await page.getByRole('button', { name: 'Create a new wallet' }).click();
    await page.getByRole('button', { name: 'Create wallet' }).click(); // empty: shows the field errors
    await page.getByText('Use at least 8 characters.').waitFor();
    await check('create-errors');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Import a private key' }).click();
    await check('import-key');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Watch an address' }).click();
    await check('watch');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Import a recovery phrase' }).click();
    await check('import-phrase');
    expect(errors).toEqual([]);
  });

  it('wallet screens', async (ctx) => {
    if (!(await backgroundReady(page))) ctx.skip('the background does not answer wallet:getState yet');
    await page.goto(ballast.url('popup.html'));
    await page.getByRole('button', { name: 'Import a recovery phrase' }).click();
    await page.getByLabel('Recovery phrase').fill('test test test test test test test test test test test junk');
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('selected-account-name').waitFor();
    await check('home');

    await page.getByRole('button', { name: 'Edit Account 1' }).click();
    await page.getByRole('dialog').waitFor();
    await check('edit-account');
    await page.getByRole('button', { name: 'Cancel' }).click();

    for (const tab of ['Portfolio', 'Stake', 'Activity', 'Alerts'] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page
        .getByRole('heading', { level: 1 })
        .filter({ hasText: tab === 'Stake' ? 'Stake & deploy' : tab })
        .waitFor();
      await waitUntilIdle(page);
      await check(tab.toLowerCase());
    }
    for (const entry of ['Sites', 'Networks', 'Settings'] as const) {
      await page.getByRole('tab', { name: 'More' }).click();
      await page.getByRole('button', { name: new RegExp(`^${entry}`) }).click();
      await page.getByRole('button', { name: 'Back' }).waitFor();
      await waitUntilIdle(page);
      await check(entry.toLowerCase());
    }
    await page.getByRole('button', { name: 'Reveal recovery phrase' }).click();
    await page.getByRole('dialog').waitFor();
    await check('reveal-dialog');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Lock now' }).click();
    await page.getByRole('heading', { name: 'Unlock Ballast' }).waitFor();
    await check('unlock');
    expect(errors).toEqual([]);
  });
});
