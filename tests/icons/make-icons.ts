/**
 * Renders assets/icon.svg to public/icon/<size>.png (the WXT icon convention) with the local
 * Chromium, so the icons are reproducible without an image library: `npx tsx tests/icons/make-icons.ts`.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const svg = readFileSync(resolve(root, 'assets/icon.svg'), 'utf8');
const sizes = [16, 32, 48, 128];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  mkdirSync(resolve(root, 'public/icon'), { recursive: true });
  for (const size of sizes) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({ path: resolve(root, `public/icon/${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`icons: ${sizes.map((s) => `public/icon/${s}.png`).join(', ')}`);
