import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { closePopupOnDevnet, openPopupOnDevnet, type DevnetPopup } from './devnet-popup';

/** What the Stake & deploy browser tests share: a seeded devnet, Ballast onboarded on it, its popup on the Stake tab. */
export type StakeScreen = DevnetPopup;

/** Starts a seeded devnet and an onboarded Ballast whose popup shows the Stake tab. */
export const openStakeScreen = (password: string): Promise<StakeScreen> => openPopupOnDevnet({ password, tab: 'Stake' });

/** For afterAll: closes the browser and stops the devnet, whatever part of openStakeScreen got done. */
export const closeStakeScreen = closePopupOnDevnet;

/** Picks the recipe whose radio matches `title`, types the amount (and operator), clicks Preview; answers the preview card once it shows. */
export async function previewRecipe(page: Page, title: RegExp, amount: string, operator?: string): Promise<Locator> {
  await page.getByRole('radio', { name: title }).check();
  await page.getByLabel('Amount (ETH)').fill(amount);
  if (operator !== undefined) await page.getByLabel('EigenLayer operator address').fill(operator);
  await page.getByRole('button', { name: 'Preview' }).click();
  const card = page.getByRole('region', { name: 'Flow preview' });
  await card.waitFor({ timeout: 60_000 });
  return card;
}

/** One click on the preview's Stake & deploy, then waits for done with the progress bar at `stepCount`; answers the progress region. */
export async function runFlowThroughUi(page: Page, stepCount: number): Promise<Locator> {
  await page.getByRole('region', { name: 'Flow preview' }).getByRole('button', { name: 'Stake & deploy' }).click();
  const progress = page.getByRole('region', { name: 'Flow progress' });
  await progress.waitFor({ timeout: 30_000 });
  await page
    .getByTestId('flow-status')
    .filter({ hasText: /^done$/ })
    .waitFor({ timeout: 120_000 });
  await expect(progress.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe(String(stepCount));
  return progress;
}
