import { waitForClose, waitForPage } from '../e2e/harness';
import { median, RUNS, type BenchPart } from './types';

/** Account 3 of the dev mnemonic: not one of Ballast's accounts, so every run is a first-time recipient. */
const RECIPIENT = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';

/**
 * Send in the popup: from pressing Review (the form filled, the recipient already resolved) to the approval window
 * showing the request with its finished risk preview verdict (simulation, recipient checks) and its likely fee.
 * Covers send:start in the background (balances, amount, recipient), the window opening and the preview. Each run
 * rejects, so nothing is sent and the next run starts from the same state.
 */
export const sendPreview: BenchPart = {
  name: 'send preview',
  needsBrowser: true,
  async run({ ballast }) {
    const popup = await ballast.context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    const times: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        await popup.goto(ballast.url('popup.html'));
        await popup.getByRole('button', { name: 'Send', exact: true }).click();
        await popup.getByTestId('send-amount').fill('0.01');
        await popup.getByTestId('send-recipient').fill(RECIPIENT);
        await popup.getByTestId('send-recipient-address').filter({ hasText: RECIPIENT }).waitFor({ timeout: 30_000 });
        const review = popup.getByTestId('send-review');
        await popup.waitForFunction(() => !(document.querySelector('[data-testid="send-review"]') as HTMLButtonElement | null)?.disabled);
        const opened = waitForPage(ballast.context, 'approval.html');
        const started = performance.now();
        await review.click();
        const approval = await opened;
        await approval.locator('[data-testid="risk-preview"][data-worst]').waitFor({ timeout: 60_000 });
        await approval.getByTestId('fee-likely').waitFor({ state: 'visible', timeout: 60_000 });
        times.push(performance.now() - started);
        const closed = waitForClose(approval);
        await approval
          .getByRole('button', { name: 'Reject', exact: true })
          .click()
          .catch((e: Error) => {
            if (!/closed/i.test(e.message)) throw e;
          });
        await closed;
      }
    } finally {
      await popup.close();
    }
    return { send_preview_ms: Math.round(median(times)) };
  },
};
