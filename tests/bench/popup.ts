import { sendProtocol } from '../e2e/harness';
import { median, type BenchPart } from './types';

const OPENS = 5;

/**
 * popup.html opened on the onboarded wallet (seeded devnet): performance.mark('portfolio:first-render')
 * startTime, i.e. ms from the page's navigation start to the first Portfolio paint with data or a state.
 * The popup opens on Home, so each run includes clicking the Portfolio tab as soon as it shows.
 */
export const popup: BenchPart = {
  name: 'popup',
  needsBrowser: true,
  async run({ ballast, password }) {
    const admin = await ballast.context.newPage();
    await admin.goto(ballast.url('popup.html'));
    await sendProtocol(admin, 'wallet:unlock', { password }); // already unlocked is fine too
    await admin.close();
    const times: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      const page = await ballast.context.newPage();
      try {
        await page.goto(ballast.url('popup.html'));
        await page.getByRole('tab', { name: 'Portfolio' }).click();
        await page.waitForFunction(() => performance.getEntriesByName('portfolio:first-render').length > 0, undefined, { timeout: 60_000 });
        times.push(await page.evaluate(() => performance.getEntriesByName('portfolio:first-render')[0]!.startTime));
      } finally {
        await page.close();
      }
    }
    return { popup_first_render_ms: Math.round(median(times)) };
  },
};
