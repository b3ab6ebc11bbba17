import { startDappServer } from '../e2e/dapp-server';
import { waitForClose, waitForPage } from '../e2e/harness';
import { RUNS, median, type BenchPart } from './types';

const ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const RECIPIENT = '0x000000000000000000000000000000000000dEaD';

type Announced = { info: { name: string }; provider: { request(a: { method: string; params?: unknown }): Promise<unknown> } };

/**
 * From a connected dApp's eth_sendTransaction (EIP-6963 provider on a loopback page) to the approval
 * window showing the network fee (decided before the window opens: nonce, gas estimate, eth_feeHistory,
 * the Chainlink ETH/USD price) next to its Send button. Each run rejects the request.
 */
export const approvalWindow: BenchPart = {
  name: 'approval window',
  needsBrowser: true,
  async run({ ballast }) {
    const server = await startDappServer();
    const dapp = await ballast.context.newPage();
    const request = (method: string, params?: unknown) =>
      dapp.evaluate(
        ({ method, params }) => {
          const found = (window as unknown as { __providers: Announced[] }).__providers.find((p) => p.info.name === 'Ballast');
          if (!found) throw new Error('Ballast did not announce itself over EIP-6963');
          void found.provider.request({ method, params }).catch(() => undefined);
        },
        { method, params },
      );
    const answer = async (button: string) => {
      const approval = await waitForPage(ballast.context, 'approval.html');
      const control = approval.getByRole('button', { name: button, exact: true });
      await control.waitFor({ state: 'visible' });
      return { approval, control };
    };
    const click = async ({ approval, control }: Awaited<ReturnType<typeof answer>>) => {
      const closed = waitForClose(approval);
      await approval.locator('button[data-armed="true"]').first().waitFor();
      await control.click().catch((e: Error) => {
        if (!/closed/i.test(e.message)) throw e;
      });
      await closed;
    };
    try {
      await dapp.goto(`${server.origin}/`);
      await request('eth_requestAccounts');
      await click(await answer('Connect'));
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await request('eth_sendTransaction', [{ from: ACCOUNT_0, to: RECIPIENT, value: '0x1' }]);
        const shown = await answer('Send');
        await shown.approval.getByTestId('fee-likely').waitFor({ state: 'visible' });
        times.push(performance.now() - started);
        const closed = waitForClose(shown.approval);
        await shown.approval.getByRole('button', { name: 'Reject', exact: true }).click().catch((e: Error) => {
          if (!/closed/i.test(e.message)) throw e;
        });
        await closed;
      }
      return { approval_window_ms: Math.round(median(times)) };
    } finally {
      await dapp.close();
      // Chromium keeps idle keep-alive sockets to the dApp server until the browser closes, and
      // http.Server.close waits for them (~90 s): let it finish when run.ts closes the browser.
      void server.close().catch((e: unknown) => console.error(`bench: dApp server did not close: ${String(e)}`));
    }
  },
};
