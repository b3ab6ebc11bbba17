import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseEther, recoverMessageAddress, recoverTypedDataAddress, stringToHex, type Address, type Hex, type PublicClient } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { derivationPath } from '../../lib/hardware/derivation';
import { DEV_MNEMONIC } from '../devnet/context';
import { decideInWindow, expectNoAxeViolations, expectOk, screenshot, waitForClose, waitForPage, type Ballast } from './harness';
import { ask, settled } from './worker-restart-page';
import { startHardwareSession, type HardwareSession } from './hardware-session';
import { etherMail } from '../unit/ether-mail';
import { waitMined } from '../devnet/mined';

/**
 * A Ledger account end to end in the test build, whose transport seam is the device double (the Ethereum app's APDUs
 * over the devnet's public seed, driven by the real hw-app-eth in the page): import from the device page, then a
 * dApp's transaction and personal_sign approved in the approval window and signed in the device window — checked on
 * the node and by recovering the signature — and a refusal on the device reaching the dApp as 4001.
 */
const RECIPIENT = '0x000000000000000000000000000000000000dEaD' as Address;
const pathOf = (i: number) => derivationPath('ledger-live', i);
const ledgerAddress = (i: number) => mnemonicToAccount(DEV_MNEMONIC, { path: `m/${pathOf(i)}` as `m/44'/60'/${string}` }).address;
// Ledger Live account 3 (m/44'/60'/2'/0/0): not one of the software wallet's BIP-44 accounts, so not a duplicate.
const LEDGER = ledgerAddress(2);

/** Clicks "Sign on Ledger" and waits for the window to close; an error the page shows instead fails with its text. */
async function signInDeviceWindow(device: Page): Promise<void> {
  const closed = waitForClose(device);
  await device.getByRole('button', { name: 'Sign on Ledger' }).click();
  const alert = device
    .getByRole('alert')
    .first()
    .waitFor({ timeout: 30_000 })
    .then(async () => {
      throw new Error(`The device window showed: ${await device.getByRole('alert').first().textContent()}`);
    });
  alert.catch(() => undefined);
  await Promise.race([closed, alert]);
}

describe('a Ledger account in the browser (device double at the transport seam)', () => {
  let session: HardwareSession;
  let ballast: Ballast;
  let control: Page;
  let dapp: Page;
  let node: PublicClient;

  beforeAll(async () => {
    session = await startHardwareSession();
    ({ ballast, control, node } = session);
    await session.devnet.ctx.client.setBalance({ address: LEDGER, value: parseEther('5') });
  }, 120_000);
  afterAll(async () => session?.close());

  it('imports Ledger Live accounts read from the device: the addresses the seed derives, paths stored, no key', async () => {
    const page = await ballast.context.newPage();
    await page.goto(ballast.url('device.html#import'));
    await page.getByRole('button', { name: 'Connect Ledger' }).click();
    const boxes = page.getByRole('checkbox');
    await expect.poll(() => boxes.count()).toBe(5);
    for (let i = 0; i < 5; i += 1) expect(await boxes.nth(i).getAttribute('aria-label')).toBe(`Account ${i + 1}, ${ledgerAddress(i)}`);
    // Balances beside the addresses, read on the devnet: the funded account 3 shows its 5 ETH.
    await expect.poll(() => page.getByTestId('device-account-balance').count()).toBe(5);
    expect(await page.getByTestId('device-account-balance').nth(2).textContent()).toBe('5 ETH');
    await boxes.nth(2).check();
    await expectNoAxeViolations(page, 'device import (light)');
    await screenshot(page, 'ledger-import');
    await page.getByRole('button', { name: 'Add 1 account' }).click();
    await page.getByRole('status').filter({ hasText: 'Added 1 Ledger account' }).waitFor();
    const state = (await expectOk(control, 'wallet:getState')) as { accounts: { address: string; kind: string; name: string }[] };
    expect(state.accounts.find((a) => a.address === LEDGER)).toMatchObject({ kind: 'ledger', name: 'Ledger 1' });
    await page.close();
    dapp = await session.connectDapp(LEDGER);
  }, 90_000);

  it("a dApp transaction: approved in the window, signed on the device, landed from the Ledger's address", async () => {
    const nonce = await node.getTransactionCount({ address: LEDGER });
    await ask(dapp, 'send', 'eth_sendTransaction', [{ from: LEDGER, to: RECIPIENT, value: `0x${parseEther('0.1').toString(16)}` }]);
    await decideInWindow(await waitForPage(ballast.context, 'approval.html'), 'Send');
    const device = await waitForPage(ballast.context, 'device.html');
    const summary = device.getByTestId('device-request-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(RECIPIENT);
    expect(await summary.textContent()).toContain('0.1 ETH');
    await expectNoAxeViolations(device, 'device request');
    await screenshot(device, 'ledger-sign-request');
    await signInDeviceWindow(device);
    const answer = await settled(dapp, 'send');
    expect(answer.kind).toBe('resolve');
    const receipt = await waitMined(node, (answer as { value: Hex }).value);
    expect(receipt.status).toBe('success');
    const tx = await node.getTransaction({ hash: receipt.transactionHash });
    expect([tx.from, tx.to, tx.value, tx.nonce]).toEqual([LEDGER.toLowerCase(), RECIPIENT.toLowerCase(), parseEther('0.1'), nonce]);
  }, 90_000);

  it('personal_sign on the device recovers to the Ledger account', async () => {
    const message = 'Sign in to the test dApp, nonce 41';
    await ask(dapp, 'sign', 'personal_sign', [stringToHex(message), LEDGER]);
    await decideInWindow(await waitForPage(ballast.context, 'approval.html'), 'Sign');
    const device = await waitForPage(ballast.context, 'device.html');
    await device.getByTestId('device-request-summary').filter({ hasText: message }).waitFor();
    await signInDeviceWindow(device);
    const answer = await settled(dapp, 'sign');
    expect(answer.kind).toBe('resolve');
    expect(await recoverMessageAddress({ message, signature: (answer as { value: Hex }).value })).toBe(LEDGER);
  }, 90_000);

  it("eth_signTypedData_v4 in the app's EIP-712 mode recovers to the Ledger account", async () => {
    const typedData = etherMail(1);
    await ask(dapp, 'typed', 'eth_signTypedData_v4', [LEDGER, JSON.stringify(typedData)]);
    await decideInWindow(await waitForPage(ballast.context, 'approval.html'), 'Sign');
    const device = await waitForPage(ballast.context, 'device.html');
    const summary = device.getByTestId('device-request-summary').filter({ hasText: 'Ether Mail' });
    await summary.waitFor();
    // The two hashes a hash-only Ledger shows: EIP-712's own published values for this example (its test vectors).
    const domainHash = '0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f';
    const messageHash = '0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e';
    expect(await summary.textContent()).toContain(domainHash);
    expect(await summary.textContent()).toContain(messageHash);
    await signInDeviceWindow(device);
    const answer = await settled(dapp, 'typed');
    expect(answer.kind).toBe('resolve');
    // viem derives the domain type itself, so it takes the types without EIP712Domain.
    const { EIP712Domain: _domainType, ...types } = typedData.types;
    const signer = await recoverTypedDataAddress({
      domain: typedData.domain,
      types,
      primaryType: 'Mail',
      message: typedData.message,
      signature: (answer as { value: Hex }).value,
    });
    expect(signer).toBe(LEDGER);
  }, 90_000);

  it('Reject on the device: the page says so, the dApp gets 4001, nothing is sent', async () => {
    const nonce = await node.getTransactionCount({ address: LEDGER });
    await ask(dapp, 'refused', 'eth_sendTransaction', [{ from: LEDGER, to: RECIPIENT, value: '0x1' }]);
    await decideInWindow(await waitForPage(ballast.context, 'approval.html'), 'Send');
    const device = await waitForPage(ballast.context, 'device.html');
    await device.getByRole('button', { name: 'Sign on Ledger' }).waitFor();
    await device.evaluate(() => {
      (globalThis as unknown as { ballastLedgerDouble: { mode: string } }).ballastLedgerDouble.mode = 'reject';
    });
    await device.getByRole('button', { name: 'Sign on Ledger' }).click();
    const answer = await settled(dapp, 'refused');
    expect(answer).toMatchObject({ kind: 'reject', code: 4001 });
    expect(await node.getTransactionCount({ address: LEDGER })).toBe(nonce);
    if (!device.isClosed()) await device.close();
  }, 90_000);
});
