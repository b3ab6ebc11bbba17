import { startDappServer } from '../e2e/dapp-server';
import { sendProtocol, waitForClose, waitForPage } from '../e2e/harness';
import { RUNS, median, type BenchPart } from './types';

/**
 * From a dApp's eth_requestAccounts (EIP-6963 provider on a loopback page) to the approval window's
 * Approve button being visible. Each run revokes the site first so that a new connect request opens.
 */
export const approvalWindow: BenchPart = {
  name: 'approval window',
  needsBrowser: true,
  async run({ ballast }) {
    const server = await startDappServer();
    const [dapp, admin] = [await ballast.context.newPage(), await ballast.context.newPage()];
    try {
      await admin.goto(ballast.url('popup.html'));
      await dapp.goto(`${server.origin}/`);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await sendProtocol(admin, 'sites:revoke', { origin: server.origin });
        const opened = waitForPage(ballast.context, 'approval.html');
        const started = performance.now();
        await dapp.evaluate(() => {
          type Announced = { info: { name: string }; provider: { request(a: { method: string }): Promise<unknown> } };
          const found = (window as unknown as { __providers: Announced[] }).__providers.find((p) => p.info.name === 'Ballast');
          if (!found) throw new Error('Ballast did not announce itself over EIP-6963');
          void found.provider.request({ method: 'eth_requestAccounts' }).catch(() => undefined);
        });
        const approval = await opened;
        const approve = approval.getByRole('button', { name: 'Connect' });
        await approve.waitFor({ state: 'visible' });
        times.push(performance.now() - started);
        const closed = waitForClose(approval);
        await approve.click().catch((e: Error) => {
          if (!/closed/i.test(e.message)) throw e;
        });
        await closed;
      }
      return { approval_window_ms: Math.round(median(times)) };
    } finally {
      await dapp.close();
      await admin.close();
      // Chromium keeps idle keep-alive sockets to the dApp server until the browser closes, and
      // http.Server.close waits for them (~90 s): let it finish when run.ts closes the browser.
      void server.close().catch((e: unknown) => console.error(`bench: dApp server did not close: ${String(e)}`));
    }
  },
};
