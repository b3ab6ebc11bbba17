import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatEther, parseEther, toHex, type Address, type Hex, type PublicClient } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { derivationPath } from '../../lib/hardware/derivation';
import { DEV_MNEMONIC } from '../devnet/context';
import { decideInWindow, expectOk, screenshot, waitForPage, type Ballast } from './harness';
import { ask, settled } from './worker-restart-page';
import { signNext, startHardwareSession, summaryLine, type HardwareSession } from './hardware-session';

/**
 * A Ledger account everywhere a software account works (issue #17 item 3), in the test build with the device double
 * at the transport seam: Send from the popup, a dApp's wallet_sendCalls batch (one device confirmation per call, in
 * nonce order), and speed-up and cancel of a transaction the node keeps pending (automine off), each replacement
 * signed on the device at the original's nonce. Every number is read back from the devnet.
 */
const RECIPIENT = '0x000000000000000000000000000000000000dEaD' as Address;
const PATH = derivationPath('ledger-live', 3);
// Ledger Live account 4 of the devnet seed: not one of the software wallet's BIP-44 accounts.
const LEDGER = mnemonicToAccount(DEV_MNEMONIC, { path: `m/${PATH}` as `m/44'/60'/${string}` }).address;

describe('a Ledger account in Send, batches, speed-up and cancel (device double)', () => {
  let session: HardwareSession;
  let ballast: Ballast;
  let control: Page;
  let node: PublicClient;
  let dapp: Page;

  beforeAll(async () => {
    session = await startHardwareSession();
    ({ ballast, control, node } = session);
    await session.devnet.ctx.client.setBalance({ address: LEDGER, value: parseEther('5') });
    await expectOk(control, 'accounts:addHardware', { device: 'ledger', accounts: [{ address: LEDGER, path: PATH }] });
    dapp = await session.connectDapp(LEDGER);
  }, 60_000);
  afterAll(async () => session?.close());

  it('Send from the popup: approval window, device window with the same amount and fee, landed from the Ledger', async () => {
    const popup = await ballast.context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(ballast.url('popup.html'));
    await popup.getByRole('button', { name: 'Send', exact: true }).click();
    await popup.getByTestId('send-amount').fill('0.25');
    await popup.getByTestId('send-recipient').fill(RECIPIENT);
    await expect.poll(() => popup.getByTestId('send-recipient-address').textContent(), { timeout: 15_000 }).toBe(RECIPIENT);
    const nonce = await node.getTransactionCount({ address: LEDGER });
    const before = await node.getBalance({ address: RECIPIENT });
    const opened = waitForPage(ballast.context, 'approval.html');
    await popup.getByTestId('send-review').click();
    const approval = await opened;
    await approval.getByTestId('fee-panel').waitFor();
    const feeMax = BigInt((await approval.getByTestId('fee-max').getAttribute('data-wei'))!);
    await decideInWindow(approval, 'Send');
    let shownFee = '';
    await signNext(ballast, async (device) => {
      expect(await summaryLine(device, 'To')).toBe(RECIPIENT);
      expect(await summaryLine(device, 'Value')).toBe('0.25 ETH');
      expect(await summaryLine(device, 'Nonce')).toBe(String(nonce));
      shownFee = await summaryLine(device, 'Max network fee');
      await screenshot(device, 'ledger-send-device');
    });
    await expect.poll(() => node.getBalance({ address: RECIPIENT }), { timeout: 20_000 }).toBe(before + parseEther('0.25'));
    const activity = (await expectOk(control, 'activity:list')) as { hash: Hex; origin?: string; from?: string }[];
    const sent = activity.find((a) => a.origin === 'Ballast · Send' && a.from?.toLowerCase() === LEDGER.toLowerCase())!;
    const tx = await node.getTransaction({ hash: sent.hash });
    expect([tx.from, tx.to, tx.value, tx.nonce]).toEqual([LEDGER.toLowerCase(), RECIPIENT.toLowerCase(), parseEther('0.25'), nonce]);
    // The fee the approval window showed is the fee signed (gas limit × max fee per gas), and the device window
    // wrote it with every decimal, as the Ledger app's "Max fees" does.
    expect(tx.gas * tx.maxFeePerGas!).toBe(feeMax);
    expect(shownFee).toBe(`${formatEther(feeMax)} ETH`);
    expect((await node.getTransactionReceipt({ hash: sent.hash })).status).toBe('success');
    await popup.close();
  });

  it('a wallet_sendCalls batch: one device confirmation per call, all landed in order from the Ledger', async () => {
    const nonce = await node.getTransactionCount({ address: LEDGER });
    const values = [parseEther('0.01'), parseEther('0.02'), parseEther('0.03')];
    const calls = values.map((v) => ({ to: RECIPIENT, value: toHex(v) }));
    await ask(dapp, 'batch', 'wallet_sendCalls', [{ version: '2.0.0', chainId: '0x1', from: LEDGER, atomicRequired: false, calls }]);
    await decideInWindow(await waitForPage(ballast.context, 'approval.html'), 'Send all');
    // One device request at a time, each the next nonce with its own value: three confirmations on the device.
    for (const [i, shown] of ['0.01 ETH', '0.02 ETH', '0.03 ETH'].entries()) {
      await signNext(ballast, async (page) => {
        expect(await summaryLine(page, 'Nonce')).toBe(String(nonce + i));
        expect(await summaryLine(page, 'Value')).toBe(shown);
      });
    }
    const answer = await settled(dapp, 'batch');
    expect(answer.kind).toBe('resolve');
    await expect.poll(() => node.getTransactionCount({ address: LEDGER }), { timeout: 20_000 }).toBe(nonce + 3);
    // Read back by nonce from the last blocks: same sender, the dApp's values in its order.
    const latest = await node.getBlockNumber();
    const sent: { nonce: number; value: bigint; block: bigint }[] = [];
    for (let n = latest; n > latest - 6n && sent.length < 3; n--) {
      const block = await node.getBlock({ blockNumber: n, includeTransactions: true });
      for (const tx of block.transactions)
        if (tx.from.toLowerCase() === LEDGER.toLowerCase() && tx.nonce >= nonce) sent.push({ nonce: tx.nonce, value: tx.value, block: n });
    }
    sent.sort((a, b) => a.nonce - b.nonce);
    expect(sent.map((s) => s.value)).toEqual(values);
    expect(sent.map((s) => s.nonce)).toEqual([nonce, nonce + 1, nonce + 2]);
    expect(sent[0]!.block < sent[1]!.block && sent[1]!.block < sent[2]!.block).toBe(true);
    await ask(dapp, 'status', 'wallet_getCallsStatus', [(answer as { value: { id: string } }).value.id]);
    const status = (await settled(dapp, 'status')) as { kind: string; value: { status: number; receipts: unknown[] } };
    expect(status.value).toMatchObject({ status: 200 });
    expect(status.value.receipts).toHaveLength(3);
  });

  const pool = async () =>
    Object.values(
      ((await node.request({ method: 'txpool_content' as never })) as { pending: Record<string, Record<string, { hash: Hex }>> }).pending,
    ).flatMap((byNonce) => Object.values(byNonce).map((t) => t.hash));

  /** A dApp transaction from the Ledger signed on the device and left pending (automine is off). */
  async function pendingFromLedger(label: string, value: bigint): Promise<Hex> {
    await ask(dapp, label, 'eth_sendTransaction', [{ from: LEDGER, to: RECIPIENT, value: toHex(value) }]);
    await decideInWindow(await waitForPage(ballast.context, 'approval.html'), 'Send');
    await signNext(ballast);
    const answer = await settled(dapp, label);
    expect(answer).toMatchObject({ kind: 'resolve' });
    return (answer as { value: Hex }).value;
  }

  async function openActivity(popup: Page) {
    await popup.goto(ballast.url('popup.html'));
    await popup.getByRole('tab', { name: 'Activity' }).click();
    await popup.getByRole('heading', { name: 'Activity' }).waitFor();
  }

  it('speed-up and cancel of a pending Ledger transaction: each replacement signed on the device at the same nonce', async () => {
    await node.request({ method: 'evm_setAutomine' as never, params: [false] as never });
    try {
      const popup = await ballast.context.newPage();
      await popup.setViewportSize({ width: 360, height: 600 });

      // Speed up.
      const original = await pendingFromLedger('slow', parseEther('0.1'));
      const before = await node.getTransaction({ hash: original });
      await openActivity(popup);
      await popup.getByRole('button', { name: `Speed up transaction with nonce ${before.nonce}` }).click();
      const approval = await waitForPage(ballast.context, 'approval.html');
      await approval.getByText('Ballast · Speed up').first().waitFor();
      await decideInWindow(approval, 'Send');
      await signNext(ballast, async (device) => expect(await summaryLine(device, 'Nonce')).toBe(String(before.nonce)));
      await expect.poll(pool, { timeout: 20_000 }).not.toContain(original);
      const [faster] = await pool();
      const after = await node.getTransaction({ hash: faster! });
      expect([after.from, after.nonce, after.value]).toEqual([LEDGER.toLowerCase(), before.nonce, before.value]);
      expect(after.maxFeePerGas! * 100n).toBeGreaterThanOrEqual(before.maxFeePerGas! * 110n);
      await node.request({ method: 'evm_mine' as never });
      expect((await node.getTransactionReceipt({ hash: faster! })).status).toBe('success');

      // Cancel.
      const recipientBefore = await node.getBalance({ address: RECIPIENT });
      const doomed = await pendingFromLedger('doomed', parseEther('0.2'));
      const { nonce } = await node.getTransaction({ hash: doomed });
      await openActivity(popup);
      await popup.getByRole('button', { name: `Cancel transaction with nonce ${nonce}` }).click();
      const cancelWindow = await waitForPage(ballast.context, 'approval.html');
      await cancelWindow.getByText('Ballast · Cancel').first().waitFor();
      await decideInWindow(cancelWindow, 'Send');
      await signNext(ballast, async (device) => {
        expect(await summaryLine(device, 'To')).toBe(LEDGER);
        expect(await summaryLine(device, 'Value')).toBe('0 ETH');
        expect(await summaryLine(device, 'Nonce')).toBe(String(nonce));
      });
      await expect.poll(pool, { timeout: 20_000 }).not.toContain(doomed);
      const [cancel] = await pool();
      expect(await node.getTransaction({ hash: cancel! })).toMatchObject({ from: LEDGER.toLowerCase(), nonce, value: 0n, input: '0x' });
      await node.request({ method: 'evm_mine' as never });
      expect((await node.getTransactionReceipt({ hash: cancel! })).status).toBe('success');
      expect(await node.getBalance({ address: RECIPIENT })).toBe(recipientBefore);
      await openActivity(popup);
      await popup.getByText('cancelled by').first().waitFor();
      await screenshot(popup, 'ledger-activity-cancelled');
    } finally {
      await node.request({ method: 'evm_setAutomine' as never, params: [true] as never });
    }
  });
});
