import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPublicClient, http, parseEther, type Address } from 'viem';
import { startAnvil, type AnvilInstance } from '../devnet/anvil';
import { startFaultProxy, type FaultProxy } from '../fault/proxy';
import { startDappServer } from './dapp-server';
import {
  expectOk,
  launchBallast,
  onboardOnDevnet,
  restartServiceWorker,
  stopServiceWorker,
  waitForClose,
  waitForPage,
  type Ballast,
} from './harness';
import { answerCounts, ask, drain, openRecordedDapp, readLog, settled } from './worker-restart-page';
import { waitMined } from '../devnet/mined';

const PASSWORD = 'correct horse battery';
const ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as Address;
const RECIPIENT = '0x000000000000000000000000000000000000dEaD' as Address;
const AUTO_LOCK_ALARM = 'ballast:autolock';

/**
 * The service worker is stopped through the DevTools protocol (as Chrome does when it idles one out)
 * while a dApp request waits in the approval window, and while the wallet is unlocked. Afterwards each
 * request must be answered exactly once (counted on the page's promise and on the wire), at most one
 * transaction may reach the chain (nonce), and the lock state must follow the auto-lock setting.
 */
describe('service worker restarts', () => {
  let anvil: AnvilInstance;
  /** Ballast's RPC: a pass-through proxy that can hold one broadcast. */
  let proxy: FaultProxy;
  let ballast: Ballast;
  let server: Awaited<ReturnType<typeof startDappServer>>;
  let control: Page;
  let dapp: Page;
  let chain: ReturnType<typeof createPublicClient>;

  beforeAll(async () => {
    [anvil, server, ballast] = await Promise.all([startAnvil(), startDappServer(), launchBallast()]);
    chain = createPublicClient({ transport: http(anvil.rpcUrl) });
    proxy = await startFaultProxy(anvil.rpcUrl);
    // An extension page without a UI port: it does not wake the worker by itself after a stop.
    control = await ballast.context.newPage();
    await control.goto(ballast.url('manifest.json'));
    await onboardOnDevnet(control, { rpcUrl: proxy.url, password: PASSWORD });
    dapp = await openRecordedDapp(await ballast.context.newPage(), server.origin);
  });
  afterAll(async () => {
    await ballast?.close();
    await server?.close();
    await proxy?.stop();
    await anvil?.stop();
  });

  async function pendingCount(): Promise<number> {
    return ((await expectOk(control, 'pending:list')) as unknown[]).length;
  }

  /** Approval window content after the restart: the one request, from the dApp's origin, once. */
  async function expectApprovalShows(approval: Page, button: string) {
    await approval.getByTestId('request-origin').waitFor();
    expect(await approval.getByTestId('request-origin').allTextContents()).toEqual([server.origin]);
    await approval.getByRole('button', { name: button, exact: true }).waitFor();
    expect(await approval.getByText('1 pending').count()).toBe(1);
    expect(await pendingCount()).toBe(1);
  }

  async function decide(approval: Page, button: string) {
    const closed = waitForClose(approval);
    await approval
      .getByRole('button', { name: button, exact: true })
      .click()
      .catch((e: Error) => {
        if (!/closed/i.test(e.message)) throw e; // the approving click closes the window
      });
    await closed;
  }

  async function expectAnsweredOnce(label: string, method: string) {
    await drain(dapp, `${label}:drain`);
    expect(await answerCounts(dapp, label, method)).toEqual({ settles: 1, wire: 1, sent: 1 });
    expect(await pendingCount()).toBe(0);
  }

  const events = async (name: string) => (await readLog(dapp)).filter((e) => e.kind === 'event' && e.event === name);

  it('connect waiting for approval, worker stopped, then rejected: one 4001 on the page', async () => {
    await ask(dapp, 'connect-reject', 'eth_requestAccounts');
    const approval = await waitForPage(ballast.context, 'approval.html');
    await approval.getByTestId('request-origin').waitFor();
    await restartServiceWorker(ballast, control);
    await expectApprovalShows(approval, 'Connect');
    await decide(approval, 'Reject');
    const answer = await settled(dapp, 'connect-reject');
    expect(answer).toMatchObject({ kind: 'reject', code: 4001 });
    await expectAnsweredOnce('connect-reject', 'eth_requestAccounts');
    expect(await events('disconnect')).toEqual([]);
  });

  it('connect waiting for approval, worker stopped, then approved: the account reaches the page once', async () => {
    await ask(dapp, 'connect', 'eth_requestAccounts');
    const approval = await waitForPage(ballast.context, 'approval.html');
    await approval.getByTestId('request-origin').waitFor();
    await restartServiceWorker(ballast, control);
    await expectApprovalShows(approval, 'Connect');
    await decide(approval, 'Connect');
    const answer = await settled(dapp, 'connect');
    expect(answer).toEqual({ kind: 'resolve', label: 'connect', value: [ACCOUNT_0.toLowerCase()] });
    await expectAnsweredOnce('connect', 'eth_requestAccounts');
    expect(await events('disconnect')).toEqual([]);
  });

  it('transaction waiting for approval, worker stopped, then approved: one hash, one transaction on chain', async () => {
    const value = parseEther('0.25');
    const [nonceBefore, balanceBefore] = await Promise.all([
      chain.getTransactionCount({ address: ACCOUNT_0 }),
      chain.getBalance({ address: RECIPIENT }),
    ]);
    await ask(dapp, 'send', 'eth_sendTransaction', [{ from: ACCOUNT_0, to: RECIPIENT, value: `0x${value.toString(16)}` }]);
    const approval = await waitForPage(ballast.context, 'approval.html');
    await approval.getByTestId('request-origin').waitFor();
    await restartServiceWorker(ballast, control);
    await expectApprovalShows(approval, 'Send');
    await decide(approval, 'Send');
    const answer = await settled(dapp, 'send');
    expect(answer.kind).toBe('resolve');
    const hash = (answer as { value: `0x${string}` }).value;
    const receipt = await waitMined(chain, hash);
    expect(receipt.status).toBe('success');
    expect(receipt.from.toLowerCase()).toBe(ACCOUNT_0.toLowerCase());
    await expectAnsweredOnce('send', 'eth_sendTransaction');
    expect(await chain.getTransactionCount({ address: ACCOUNT_0 })).toBe(nonceBefore + 1);
    expect((await chain.getBalance({ address: RECIPIENT })) - balanceBefore).toBe(value);
    // Three restarts so far on this page: one connect event, no chainChanged or disconnect replayed by the reconnects.
    expect(await events('connect')).toHaveLength(1);
    expect(await events('chainChanged')).toEqual([]);
    expect(await events('disconnect')).toEqual([]);
  });

  it('transaction waiting for approval, worker stopped, then rejected: one 4001, nothing on chain', async () => {
    const nonceBefore = await chain.getTransactionCount({ address: ACCOUNT_0 });
    await ask(dapp, 'send-reject', 'eth_sendTransaction', [{ from: ACCOUNT_0, to: RECIPIENT, value: '0x1' }]);
    const approval = await waitForPage(ballast.context, 'approval.html');
    await approval.getByTestId('request-origin').waitFor();
    await restartServiceWorker(ballast, control);
    await expectApprovalShows(approval, 'Send');
    await decide(approval, 'Reject');
    expect(await settled(dapp, 'send-reject')).toMatchObject({ kind: 'reject', code: 4001 });
    await expectAnsweredOnce('send-reject', 'eth_sendTransaction');
    expect(await chain.getTransactionCount({ address: ACCOUNT_0 })).toBe(nonceBefore);
  });

  it('worker stopped while broadcasting an approved transaction: one error on the page, no second prompt, one transaction on chain', async () => {
    const nonceBefore = await chain.getTransactionCount({ address: ACCOUNT_0 });
    // The node takes the transaction but its answer never comes back: the worker is still waiting when it stops.
    proxy.resetCounts();
    proxy.fault('eth_sendRawTransaction', { kind: 'forward-then-hang', times: 1 });
    try {
      await ask(dapp, 'send-mid', 'eth_sendTransaction', [{ from: ACCOUNT_0, to: RECIPIENT, value: '0x2' }]);
      const approval = await waitForPage(ballast.context, 'approval.html');
      await expectApprovalShows(approval, 'Send');
      await decide(approval, 'Send');
      await expect.poll(() => chain.getTransactionCount({ address: ACCOUNT_0 }), { timeout: 30_000 }).toBe(nonceBefore + 1);
      expect(proxy.count('eth_sendRawTransaction')).toBe(1);
      await restartServiceWorker(ballast, control);
      const answer = await settled(dapp, 'send-mid');
      expect(answer).toMatchObject({ kind: 'reject', code: -32603 });
      expect((answer as { message?: string }).message).toMatch(/restarted.*may already have been sent/s);
      await expectAnsweredOnce('send-mid', 'eth_sendTransaction');
      expect(ballast.context.pages().filter((p) => p.url().includes('approval.html'))).toEqual([]);
      expect(proxy.count('eth_sendRawTransaction')).toBe(1);
      expect(await chain.getTransactionCount({ address: ACCOUNT_0 })).toBe(nonceBefore + 1);
    } finally {
      proxy.clearFaults();
    }
  });

  it('unlocked before a restart stays unlocked after it, before the auto-lock time', async () => {
    expect(await expectOk(control, 'wallet:setAutoLock', { minutes: 1 })).toBe(true);
    const deadline = await alarmTime();
    expect(deadline).toBeGreaterThan(Date.now());
    await restartServiceWorker(ballast, control);
    const state = (await expectOk(control, 'wallet:getState')) as { status: string; autoLockMinutes: number };
    expect(state).toMatchObject({ status: 'unlocked', autoLockMinutes: 1 });
    await ask(dapp, 'accounts-after-restart', 'eth_accounts');
    expect(await settled(dapp, 'accounts-after-restart')).toMatchObject({ kind: 'resolve', value: [ACCOUNT_0.toLowerCase()] });
    expect(await alarmTime()).toBeGreaterThanOrEqual(deadline);
  });

  it('auto-lock time passes while the worker is stopped: locked on wake, a site then gets no account', async () => {
    expect(await expectOk(control, 'wallet:setAutoLock', { minutes: 1 })).toBe(true);
    const deadline = await alarmTime();
    // A connected site keeps re-dialling the worker; without one open, the worker stays stopped.
    await dapp.close();
    await stopServiceWorker(ballast, control);
    // Nothing of ours wakes the worker before the deadline (Chrome may, to fire the alarm).
    await control.waitForFunction((t) => Date.now() > t, deadline, { timeout: 90_000, polling: 250 });
    const state = (await expectOk(control, 'wallet:getState')) as { status: string };
    expect(state.status).toBe('locked');
    dapp = await openRecordedDapp(await ballast.context.newPage(), server.origin);
    await ask(dapp, 'accounts-after-lock', 'eth_accounts');
    expect(await settled(dapp, 'accounts-after-lock')).toMatchObject({ kind: 'resolve', value: [] });
  }, 150_000);

  it('a connected site hears the auto-lock after a worker restart, without asking anything', async () => {
    expect(await expectOk(control, 'wallet:unlock', { password: PASSWORD })).toBe(true);
    expect(await expectOk(control, 'wallet:setAutoLock', { minutes: 1 })).toBe(true);
    await ask(dapp, 'accounts-before', 'eth_accounts');
    expect(await settled(dapp, 'accounts-before')).toMatchObject({ kind: 'resolve', value: [ACCOUNT_0.toLowerCase()] });
    const deadline = await alarmTime();
    await restartServiceWorker(ballast, control);
    const sentBefore = (await readLog(dapp)).filter((e) => e.kind === 'sent').length;
    await dapp.waitForFunction(
      () =>
        (window as unknown as { __log: { kind: string; event?: string; data?: unknown }[] }).__log.some(
          (e) => e.kind === 'event' && e.event === 'accountsChanged' && Array.isArray(e.data) && e.data.length === 0,
        ),
      undefined,
      { timeout: 90_000, polling: 250 },
    );
    expect(Date.now()).toBeGreaterThanOrEqual(deadline);
    // The page learnt it without sending a request, exactly once, and was never told Ballast disconnected.
    expect((await readLog(dapp)).filter((e) => e.kind === 'sent').length).toBe(sentBefore);
    await drain(dapp, 'after-lock');
    expect(
      (await events('accountsChanged')).filter(
        (e) => Array.isArray((e as { data: unknown }).data) && (e as { data: unknown[] }).data.length === 0,
      ),
    ).toHaveLength(1);
    expect(await events('disconnect')).toEqual([]);
    expect(((await expectOk(control, 'wallet:getState')) as { status: string }).status).toBe('locked');
    // Locked stays locked across a restart: the session secrets are gone, not reloaded.
    await restartServiceWorker(ballast, control);
    expect(((await expectOk(control, 'wallet:getState')) as { status: string }).status).toBe('locked');
    await ask(dapp, 'accounts-locked-restart', 'eth_accounts');
    expect(await settled(dapp, 'accounts-locked-restart')).toMatchObject({ kind: 'resolve', value: [] });
  }, 150_000);

  it('a connected page polling eth_blockNumber never moves the auto-lock deadline; a Ballast page does', async () => {
    expect(await expectOk(control, 'wallet:unlock', { password: PASSWORD })).toBe(true);
    expect(await expectOk(control, 'wallet:setAutoLock', { minutes: 1 })).toBe(true);
    const deadline = await alarmTime();
    for (let i = 0; i < 5; i++) {
      await ask(dapp, `poll-${i}`, 'eth_blockNumber');
      expect(await settled(dapp, `poll-${i}`)).toMatchObject({ kind: 'resolve' });
    }
    expect(await alarmTime()).toBe(deadline);
    // The same clock moves when the user acts in Ballast, so the check above can see a move.
    await expectOk(control, 'wallet:getState');
    expect(await alarmTime()).toBeGreaterThan(deadline);
  });

  async function alarmTime(): Promise<number> {
    const alarm = await control.evaluate(
      (name) =>
        (
          globalThis as unknown as { chrome: { alarms: { get(n: string): Promise<{ scheduledTime: number } | undefined> } } }
        ).chrome.alarms.get(name),
      AUTO_LOCK_ALARM,
    );
    if (!alarm) throw new Error('no auto-lock alarm is scheduled');
    return alarm.scheduledTime;
  }
});
