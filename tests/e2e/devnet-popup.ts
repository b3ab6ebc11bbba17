import type { Page } from 'playwright-core';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { collectErrors, launchBallast, onboardOnDevnet, type Ballast } from './harness';

/** A seeded devnet and Ballast onboarded on it (dev mnemonic), its popup open on one tab. */
export type DevnetPopup = { devnet: Devnet; ballast: Ballast; page: Page; errors: string[] };

/**
 * For beforeAll: starts a seeded devnet and Ballast, onboards it (HD accounts up to `untilAccount`), opens
 * the popup on `tab`; stops what it started if a step fails.
 */
export async function openPopupOnDevnet({
  password,
  tab,
  untilAccount,
  symbiotic = false,
  prepare,
}: {
  password: string;
  tab: string;
  untilAccount?: string;
  /** Also place the Symbiotic / Mellow doubles (startDevnet's `symbiotic`). */
  symbiotic?: boolean;
  /** Chain set-up before the wallet opens (deposits, limits). */
  prepare?: (devnet: Devnet) => Promise<void>;
}): Promise<DevnetPopup> {
  const devnet = await startDevnet({ symbiotic });
  let ballast: Ballast | undefined;
  try {
    await prepare?.(devnet);
    ballast = await launchBallast();
    const page = await ballast.openPopup();
    const errors = collectErrors(page);
    await onboardOnDevnet(page, { rpcUrl: devnet.rpcUrl, password, ...(untilAccount ? { untilAccount } : {}) });
    await page.getByRole('tab', { name: tab }).click();
    return { devnet, ballast, page, errors };
  } catch (error) {
    await ballast?.close().catch(() => undefined);
    await devnet.stop();
    throw error;
  }
}

/** For afterAll: closes the browser and stops the devnet, whatever part of openPopupOnDevnet got done. */
export async function closePopupOnDevnet({
  devnet,
  ballast,
}: {
  devnet?: Devnet | undefined;
  ballast?: Ballast | undefined;
}): Promise<void> {
  // A test that turned automine off and then failed must not leave the node waiting for a block.
  await devnet?.ctx.client.setAutomine(true).catch(() => undefined);
  await ballast?.close();
  await devnet?.stop();
}
