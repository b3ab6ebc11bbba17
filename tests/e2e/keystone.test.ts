import '../../lib/polyfills';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import qrcode from 'qrcode-generator';
import { parseEther, toHex, type Address, type Hex, type PublicClient } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { KeystoneDevice } from '../hardware/keystone-device';
import { decideInWindow, expectNoAxeViolations, expectOk, screenshot, waitForPage, type Ballast } from './harness';
import { ask, settled } from './worker-restart-page';
import { startHardwareSession, type HardwareSession } from './hardware-session';
import { waitMined } from '../devnet/mined';

/**
 * A Keystone account end to end, with the real scanning code: Chromium's fake camera plays a video file the test
 * writes (the device's QR codes as frames), and the page decodes it with jsQR as it would a real camera. The test is
 * the device: it shows its sync code, reads the sign request off the screen (a screenshot decoded with jsQR), signs
 * with the same UR libraries and shows the signature — the file is rewritten before the page starts the camera again
 * (Chromium re-reads it for each capture session).
 */
const RECIPIENT = '0x000000000000000000000000000000000000dEaD' as Address;
const SIZE = 480;

/** A YUV4MPEG2 video (4:2:0, 10 fps) with one QR code per text, each held for 3 frames, black on white. */
function writeQrVideo(path: string, texts: readonly string[]): void {
  const frames = texts.map((text) => {
    const qr = qrcode(0, 'L');
    qr.addData(text.toUpperCase(), 'Alphanumeric');
    qr.make();
    const count = qr.getModuleCount();
    const scale = Math.floor(SIZE / (count + 8));
    const offset = Math.floor((SIZE - count * scale) / 2);
    const y = Buffer.alloc(SIZE * SIZE, 235);
    for (let r = 0; r < count; r++)
      for (let c = 0; c < count; c++)
        if (qr.isDark(r, c))
          for (let dy = 0; dy < scale; dy++)
            y.fill(16, (offset + r * scale + dy) * SIZE + offset + c * scale, (offset + r * scale + dy) * SIZE + offset + (c + 1) * scale);
    return Buffer.concat([Buffer.from('FRAME\n'), y, Buffer.alloc((SIZE * SIZE) / 2, 128)]);
  });
  const held = frames.flatMap((f) => [f, f, f]);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${SIZE} H${SIZE} F10:1 Ip A1:1 C420jpeg\n`), ...held]));
}

/** Reads the QR code on screen as the device's camera would: a screenshot, decoded. */
async function readScreenQr(qr: Locator): Promise<string> {
  const png = PNG.sync.read(await qr.screenshot());
  const text = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data;
  if (!text) throw new Error('no QR code readable on the screen');
  return text;
}

describe('a Keystone account in the browser (fake camera playing the device double)', () => {
  const video = join(mkdtempSync(join(tmpdir(), 'ballast-keystone-')), 'camera.y4m');
  const device = new KeystoneDevice(new Uint8Array(64).fill(5));
  const address = (i: number) => privateKeyToAddress(toHex(device.master.derive(`m/44'/60'/0'/0/${i}`).privateKey!));
  let session: HardwareSession;
  let ballast: Ballast;
  let control: Page;
  let node: PublicClient;
  let keystone: Address;

  beforeAll(async () => {
    writeQrVideo(video, device.syncParts());
    session = await startHardwareSession({
      extraArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    ({ ballast, control, node } = session);
  }, 120_000);
  afterAll(async () => session?.close());

  it('syncs from the camera: the animated sync code read, addresses derived from it, the fingerprint stored', async () => {
    const page = await ballast.context.newPage();
    await page.goto(ballast.url('device.html#keystone'));
    await page.getByRole('button', { name: 'Scan the sync code' }).click();
    const boxes = page.getByRole('checkbox');
    await expect.poll(() => boxes.count(), { timeout: 30_000 }).toBe(5);
    const labels = await Promise.all([0, 1, 2, 3, 4].map((i) => boxes.nth(i).getAttribute('aria-label')));
    // The addresses the device's own keys give at m/44'/60'/0'/0/i, derived here from the double's master key.
    const expected = [0, 1, 2, 3, 4].map(address);
    expect(labels).toEqual(expected.map((a, i) => `Account ${i + 1}, ${a}`));
    keystone = expected[1]!;
    await session.devnet.ctx.client.setBalance({ address: keystone, value: parseEther('3') });
    await boxes.nth(1).check();
    await expectNoAxeViolations(page, 'keystone sync');
    await page.getByRole('button', { name: 'Add 1 account' }).click();
    await page.getByRole('status').filter({ hasText: 'Added 1 Keystone account' }).waitFor();
    const state = (await expectOk(control, 'wallet:getState')) as { accounts: { address: string; kind: string }[] };
    expect(state.accounts.find((a) => a.address === keystone)).toMatchObject({ kind: 'keystone' });
    await page.close();
  }, 90_000);

  it('a dApp transaction: request shown as QR, signed by the device, signature read by the camera, landed on chain', async () => {
    const dapp = await session.connectDapp(keystone);

    const nonce = await node.getTransactionCount({ address: keystone });
    await ask(dapp, 'send', 'eth_sendTransaction', [{ from: keystone, to: RECIPIENT, value: `0x${parseEther('0.2').toString(16)}` }]);
    await decideInWindow(await waitForPage(ballast.context, 'approval.html'), 'Send');
    const window = await waitForPage(ballast.context, 'device.html');
    const qr = window.getByTestId('keystone-request-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('data-frames')).toBe('1');
    await expectNoAxeViolations(window, 'keystone sign request');
    await screenshot(window, 'keystone-sign-request');
    // The device scans the screen, signs, and shows its answer; the camera will play that.
    writeQrVideo(video, await device.answer([await readScreenQr(qr.locator('svg'))]));
    expect(device.seen).toHaveLength(1);
    const closed = window.waitForEvent('close', { timeout: 30_000 });
    await window.getByRole('button', { name: "2. Scan the Keystone's signature" }).click();
    await closed;
    const answer = await settled(dapp, 'send');
    expect(answer.kind).toBe('resolve');
    const receipt = await waitMined(node, (answer as { value: Hex }).value);
    const tx = await node.getTransaction({ hash: receipt.transactionHash });
    expect([receipt.status, tx.from, tx.to, tx.value, tx.nonce]).toEqual([
      'success',
      keystone.toLowerCase(),
      RECIPIENT.toLowerCase(),
      parseEther('0.2'),
      nonce,
    ]);
  }, 120_000);

  it("a multi-account sync code (crypto-multi-accounts): Ledger Live's accounts offered beside BIP-44, one added at its path", async () => {
    writeQrVideo(video, device.multiAccountsParts());
    const page = await ballast.context.newPage();
    await page.goto(ballast.url('device.html#keystone'));
    await page.getByRole('button', { name: 'Scan the sync code' }).click();
    const scheme = page.getByLabel('Derivation path');
    await scheme.waitFor({ timeout: 30_000 });
    await scheme.selectOption('ledger-live');
    const boxes = page.getByRole('checkbox');
    // m/44'/60'/x'/0/0 from the double's private keys: only index 0 is also a BIP-44 address.
    const live = (i: number) => privateKeyToAddress(toHex(device.master.derive(`m/44'/60'/${i}'/0/0`).privateKey!));
    await expect.poll(() => boxes.nth(4).getAttribute('aria-label')).toBe(`Account 5, ${live(4)}`);
    const labels = await Promise.all([0, 1, 2, 3, 4].map((i) => boxes.nth(i).getAttribute('aria-label')));
    expect(labels).toEqual([0, 1, 2, 3, 4].map((i) => `Account ${i + 1}, ${live(i)}`));
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => boxes.nth(0).getAttribute('aria-label')).toBe(`Account 6, ${live(5)}`);
    // Ten Ledger Live keys exported: no page after the second.
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await boxes.nth(2).check();
    await expectNoAxeViolations(page, 'keystone multi-account sync');
    await screenshot(page, 'keystone-multi-accounts');
    await page.getByRole('button', { name: 'Add 1 account' }).click();
    await page.getByRole('status').filter({ hasText: 'Added 1 Keystone account' }).waitFor();
    const state = (await expectOk(control, 'wallet:getState')) as {
      accounts: { address: string; kind: string; hardware?: { path: string; xfp?: string } }[];
    };
    expect(state.accounts.find((a) => a.address === live(7))).toMatchObject({
      kind: 'keystone',
      hardware: { path: "44'/60'/7'/0/0", xfp: device.xfp },
    });
    await page.close();
  }, 60_000);
});
