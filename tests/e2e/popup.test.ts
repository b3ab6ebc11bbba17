import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, collectErrors, launchBallast, screenshot } from './harness';
import type { Ballast } from './harness';

describe('built extension', () => {
  let ballast: Ballast;
  beforeAll(async () => {
    ballast = await launchBallast();
  });
  afterAll(async () => {
    await ballast?.close();
  });

  it('declares its icons in the manifest', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { icons?: Record<string, string> };
    expect(Object.keys(manifest.icons ?? {}).sort()).toEqual(['128', '16', '32', '48']);
  });

  it('starts its service worker and renders the popup at 360×600 without errors', async () => {
    expect(ballast.extensionId).toMatch(/^[a-p]{32}$/);
    expect(ballast.serviceWorker.url()).toBe(ballast.url('background.js'));
    const page = await ballast.context.newPage();
    const errors = collectErrors(page);
    await page.setViewportSize({ width: 360, height: 600 });
    await page.goto(ballast.url('popup.html'));
    // Whatever the wallet state, the popup shows a real screen (welcome, unlock or home), not a blank page.
    await page.getByRole('heading').first().waitFor();
    const size = await page.evaluate(() => {
      const box = document.querySelector('#root > main')!.getBoundingClientRect();
      return { width: box.width, height: box.height, scrollWidth: document.documentElement.scrollWidth };
    });
    expect(size).toEqual({ width: 360, height: 600, scrollWidth: 360 });
    await screenshot(page, 'popup-first-open');
    expect(errors).toEqual([]);
  });
});
