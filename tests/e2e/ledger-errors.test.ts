import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseEther, toHex, type Address, type Hex, type PublicClient } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { derivationPath } from '../../lib/hardware/derivation';
import { DEV_MNEMONIC } from '../devnet/context';
import { decideInWindow, expectNoAxeViolations, expectOk, screenshot, waitForClose, waitForPage, type Ballast } from './harness';
import { ask, settled } from './worker-restart-page';
import { setDouble, startHardwareSession, type HardwareSession } from './hardware-session';
import { waitMined } from '../devnet/mined';

/**
 * What a person sees in the device window when the Ledger is not ready (issue #17 item 4), with the device double's
 * switches at the transport seam: each state in words with what to do, a retry once it is fixed that signs and lands,
 * and what the dApp hears when the request ends (4001 for a refusal or a cancel, -32603 with the reason otherwise).
 */
const RECIPIENT = '0x000000000000000000000000000000000000dEaD' as Address;
const PATH = derivationPath('ledger-live', 5);
const LEDGER = mnemonicToAccount(DEV_MNEMONIC, { path: `m/${PATH}` as `m/44'/60'/${string}` }).address;
/** Another seed: the device plugged in is not the one the account was imported from. */
const OTHER_SEED = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
/** 600 bytes of call data: the transaction goes to the device in several APDU chunks (255 bytes at most each). */
const LONG_DATA = `0x${'ab'.repeat(600)}` as Hex;

describe('Ledger errors in the device window (device double switches)', () => {
  let session: HardwareSession;
  let ballast: Ballast;
  let node: PublicClient;
  let dapp: Page;

  beforeAll(async () => {
    session = await startHardwareSession();
    ({ ballast, node } = session);
    await session.devnet.ctx.client.setBalance({ address: LEDGER, value: parseEther('5') });
    await expectOk(session.control, 'accounts:addHardware', { device: 'ledger', accounts: [{ address: LEDGER, path: PATH }] });
    dapp = await session.connectDapp(LEDGER);
  }, 60_000);
  afterAll(async () => session?.close());

  /** A dApp transaction approved in the approval window; returns its device window, summary shown. */
  async function deviceWindowFor(label: string, tx: { value?: bigint; data?: Hex } = {}): Promise<Page> {
    const params = { from: LEDGER, to: RECIPIENT, value: toHex(tx.value ?? 1n), ...(tx.data ? { data: tx.data } : {}) };
    await ask(dapp, label, 'eth_sendTransaction', [params]);
    await decideInWindow(await waitForPage(ballast.context, 'approval.html'), 'Send');
    const device = await waitForPage(ballast.context, 'device.html');
    await device.getByTestId('device-request-summary').waitFor();
    return device;
  }

  /** Clicks "Sign on Ledger" and returns the error the window shows (title and what to do). */
  async function signAndReadError(device: Page): Promise<{ title: string; details: string }> {
    await device.getByRole('button', { name: 'Sign on Ledger' }).click();
    const alert = device.getByRole('alert');
    await alert.waitFor();
    const [title, details] = await alert.locator('p').allTextContents();
    // The request still waits (a retry is possible) unless the error ends it.
    return { title: title ?? '', details: details ?? '' };
  }

  /** Clicks "Sign on Ledger" again (after the fix) and waits for the window to close. */
  async function retry(device: Page): Promise<void> {
    const closed = waitForClose(device);
    await device.getByRole('button', { name: 'Sign on Ledger' }).click();
    await closed;
  }

  async function landed(label: string, expected: { value: bigint; input?: Hex }): Promise<void> {
    const answer = await settled(dapp, label);
    expect(answer.kind).toBe('resolve');
    const receipt = await waitMined(node, (answer as { value: Hex }).value);
    expect(receipt.status).toBe('success');
    const tx = await node.getTransaction({ hash: receipt.transactionHash });
    expect([tx.from, tx.value, tx.input]).toEqual([LEDGER.toLowerCase(), expected.value, expected.input ?? '0x']);
  }

  it('locked: "enter your PIN"; unlocked, the retry signs and the transaction lands', async () => {
    const device = await deviceWindowFor('locked', { value: parseEther('0.01') });
    await setDouble(device, { mode: 'locked' });
    expect(await signAndReadError(device)).toEqual({
      title: 'The Ledger is locked',
      details: 'Enter your PIN on the device, open the Ethereum app, then try again.',
    });
    await expectNoAxeViolations(device, 'device window, Ledger locked');
    await screenshot(device, 'ledger-error-locked');
    await device.emulateMedia({ colorScheme: 'dark' });
    await device.waitForFunction(() => document.documentElement.classList.contains('dark'));
    await expectNoAxeViolations(device, 'device window, Ledger locked (dark)');
    await screenshot(device, 'ledger-error-locked-dark');
    await device.emulateMedia({ colorScheme: 'light' });
    // The dApp is still waiting: nothing was answered while the person unlocks the device.
    expect(
      (await dapp.evaluate(() => (window as unknown as { __log: { label?: string }[] }).__log)).some((e) => e.label === 'locked'),
    ).toBe(false);
    await setDouble(device, { mode: 'ok' });
    await retry(device);
    await landed('locked', { value: parseEther('0.01') });
  });

  it('unplugged in the middle of a chunked transaction: "not connected"; plugged back, the retry lands', async () => {
    const device = await deviceWindowFor('unplugged', { data: LONG_DATA });
    // The address check and the first chunk answered, then the cable is pulled in the middle of the chunks.
    await setDouble(device, { mode: 'ok', unplugAfter: 2 });
    expect(await signAndReadError(device)).toEqual({
      title: 'The Ledger is not connected',
      details: 'Plug the device in, unlock it and open the Ethereum app, then try again. Nothing was signed.',
    });
    const log = await device.evaluate(
      () => (globalThis as unknown as { ballastLedgerDouble: { log: { apdu: string; response: string }[] } }).ballastLedgerDouble.log,
    );
    const chunks = log.filter((e) => e.apdu.startsWith('e004'));
    // At least one transaction chunk went through before the device went away in the middle of the next one.
    expect(chunks.some((e) => e.response === '9000')).toBe(true);
    expect(chunks.at(-1)?.response).toBe('unplugged');
    await screenshot(device, 'ledger-error-unplugged');
    await setDouble(device, { mode: 'ok', unplugAfter: null });
    await retry(device);
    await landed('unplugged', { value: 1n, input: LONG_DATA });
  });

  it('blind signing off, for a transaction with data: how to turn it on; on, the retry lands', async () => {
    const device = await deviceWindowFor('blind', { data: '0x12345678' });
    await setDouble(device, { blindSigning: false });
    const shown = await signAndReadError(device);
    expect(shown.title).toBe('Blind signing is off on the Ledger');
    expect(shown.details).toMatch(/open Settings and turn on "Blind signing", then try again/);
    await screenshot(device, 'ledger-error-blind-signing');
    await setDouble(device, { blindSigning: true });
    await retry(device);
    await landed('blind', { value: 1n, input: '0x12345678' });
  });

  it('Ethereum app closed, then "Cancel request": the window says which app to open, the dApp hears 4001', async () => {
    const nonce = await node.getTransactionCount({ address: LEDGER });
    const device = await deviceWindowFor('closed');
    await setDouble(device, { mode: 'app-closed', appClosedStatus: 0x6511 });
    const shown = await signAndReadError(device);
    expect(shown.title).toBe('Open the Ethereum app on the Ledger');
    expect(shown.details).toMatch(
      /^The Ledger answered from its dashboard or another app\. Open the Ethereum app on the device, then try again\./,
    );
    await screenshot(device, 'ledger-error-app-closed');
    const closed = waitForClose(device);
    await device.getByRole('button', { name: 'Cancel request' }).click();
    await closed;
    expect(await settled(dapp, 'closed')).toMatchObject({ kind: 'reject', code: 4001 });
    expect(await node.getTransactionCount({ address: LEDGER })).toBe(nonce);
  });

  it('another Ledger plugged in: the window says this device does not hold the account, the dApp gets -32603 saying so', async () => {
    const nonce = await node.getTransactionCount({ address: LEDGER });
    const device = await deviceWindowFor('wrong');
    await device.evaluate(
      (seed) => (globalThis as unknown as { ballastLedgerDouble: { useSeed(s: string): void } }).ballastLedgerDouble.useSeed(seed),
      OTHER_SEED,
    );
    const shown = await signAndReadError(device);
    expect(shown.title).toBe('This Ledger does not hold this account');
    expect(shown.details).toMatch(
      /^The connected device has another key for this account: .*Connect the device you imported this account from, then try again\./,
    );
    // Named before any confirmation: the device was only asked for its address at the path, never to sign.
    const asked = await device.evaluate(() =>
      (globalThis as unknown as { ballastLedgerDouble: { log: { apdu: string }[] } }).ballastLedgerDouble.log.map((e) =>
        e.apdu.slice(0, 4),
      ),
    );
    expect(asked).toEqual(['e002']);
    // The request is over (no retry helps with another key): the dApp hears why, and the window stays on the reason.
    const answer = await settled(dapp, 'wrong');
    expect(answer).toMatchObject({ kind: 'reject', code: -32603 });
    expect((answer as { message: string }).message).toMatch(/^This Ledger does not hold this account\. /);
    await device.getByRole('heading', { name: 'Nothing was signed' }).waitFor();
    expect(await device.getByRole('alert').locator('p').first().textContent()).toBe('This Ledger does not hold this account');
    await expectNoAxeViolations(device, 'device window, wrong device');
    await screenshot(device, 'ledger-error-wrong-device');
    const closed = waitForClose(device);
    await device.getByRole('button', { name: 'Close window' }).click();
    await closed;
    expect(await node.getTransactionCount({ address: LEDGER })).toBe(nonce);
  });

  it('closing the device window while the Ledger is locked refuses the request: 4001 to the dApp', async () => {
    const device = await deviceWindowFor('gave-up');
    await setDouble(device, { mode: 'locked' });
    await signAndReadError(device);
    await device.close();
    expect(await settled(dapp, 'gave-up')).toMatchObject({ kind: 'reject', code: 4001 });
  });
});
