import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPublicClient, http, parseEther, toHex, type Address, type Hex, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { MULTICALL3 } from '../../lib/restaking/addresses';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { placeDouble } from '../devnet/seed/abi';
import { placeEthUsdFeed } from '../devnet/seed/eth-usd';
import { startDappServer } from './dapp-server';
import { decideInWindow, expectNoAxeViolations, launchBallast, onboardOnDevnet, screenshot, waitForPage, type Ballast } from './harness';
import { ask, openRecordedDapp, settled } from './worker-restart-page';

const PASSWORD = 'correct horse battery';
const ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as Address;
const RECIPIENT = '0x000000000000000000000000000000000000dEaD' as Address;

type Chrome = { notifications: { getAll(): Promise<Record<string, boolean>> } };

/**
 * Speed up and cancel from Activity with the node's automine off (the transaction waits in the pool, as in
 * a gas spike): the replacement opens in the approval window with its fee, goes out at the same nonce, and
 * Activity shows the pair once a block is mined; the confirmation comes as a system notification.
 */
describe('speed up and cancel from Activity', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let server: Awaited<ReturnType<typeof startDappServer>>;
  let popup: Page;
  let dapp: Page;
  let node: PublicClient;
  const inWorker = <T>(fn: (chrome: Chrome) => Promise<T>) => ballast.serviceWorker.evaluate(`(${fn.toString()})(chrome)`) as Promise<T>;

  beforeAll(async () => {
    [devnet, server, ballast] = await Promise.all([startDevnet({ seed: false }), startDappServer(), launchBallast()]);
    await placeDouble(devnet.ctx, 'Multicall3', MULTICALL3);
    await placeEthUsdFeed(devnet.ctx);
    node = createPublicClient({ chain: mainnet, transport: http(devnet.rpcUrl) });
    popup = await ballast.context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(ballast.url('popup.html'));
    await onboardOnDevnet(popup, { rpcUrl: devnet.rpcUrl, password: PASSWORD });
    dapp = await openRecordedDapp(await ballast.context.newPage(), server.origin);
    await ask(dapp, 'connect', 'eth_requestAccounts');
    await decideInWindow(await waitForPage(ballast.context, 'approval.html'), 'Connect');
    expect(await settled(dapp, 'connect')).toMatchObject({ kind: 'resolve' });
  }, 120_000);
  afterAll(async () => {
    await ballast?.close();
    await server?.close();
    await devnet?.stop();
  });

  /** A dApp transaction approved and left in the pool. */
  async function stuckTransaction(label: string): Promise<Hex> {
    await ask(dapp, label, 'eth_sendTransaction', [{ from: ACCOUNT_0, to: RECIPIENT, value: toHex(parseEther('0.1')) }]);
    await decideInWindow(await waitForPage(ballast.context, 'approval.html'), 'Send');
    const answer = await settled(dapp, label);
    expect(answer).toMatchObject({ kind: 'resolve' });
    return (answer as { value: Hex }).value;
  }

  async function openActivity() {
    await popup.getByRole('tab', { name: 'Activity' }).click();
    await popup.getByRole('heading', { name: 'Activity' }).waitFor();
  }

  const pool = async () =>
    Object.values(
      ((await node.request({ method: 'txpool_content' as never })) as { pending: Record<string, Record<string, { hash: Hex }>> }).pending,
    ).flatMap((byNonce) => Object.values(byNonce).map((t) => t.hash));

  it('speeds up a pending transaction: the window shows it at the same nonce, the node mines the replacement, Activity and a notification say so', async () => {
    await node.request({ method: 'evm_setAutomine' as never, params: [false] as never });
    const original = await stuckTransaction('first');
    const before = await node.getTransaction({ hash: original });
    await openActivity();
    const speedUp = popup.getByRole('button', { name: `Speed up transaction with nonce ${before.nonce}` });
    await speedUp.waitFor();
    await expectNoAxeViolations(popup, 'activity with a pending transaction');
    await screenshot(popup, 'activity-pending');
    await speedUp.click();
    const approval = await waitForPage(ballast.context, 'approval.html');
    await approval.getByText('Ballast · Speed up').first().waitFor();
    expect(await approval.getByTestId('fee-nonce').textContent()).toBe(String(before.nonce));
    await screenshot(approval, 'approval-speed-up');
    await decideInWindow(approval, 'Send');
    await expect.poll(pool, { timeout: 20_000 }).not.toContain(original);
    const [replacement] = await pool();
    const after = await node.getTransaction({ hash: replacement! });
    expect(after.nonce).toBe(before.nonce);
    expect(after.maxFeePerGas! * 100n).toBeGreaterThanOrEqual(before.maxFeePerGas! * 110n);
    await node.request({ method: 'evm_mine' as never });
    expect((await node.getTransactionReceipt({ hash: replacement! })).status).toBe('success');
    // The worker follows the pending transaction: the notification needs no open popup.
    await expect.poll(() => inWorker((c) => c.notifications.getAll()), { timeout: 30_000 }).toHaveProperty(`tx:${replacement}`);
    await popup.reload();
    await openActivity();
    await popup.getByText('replaced by').first().waitFor();
    await screenshot(popup, 'activity-replaced');
  });

  it('cancels a pending transaction: a zero-value self-send at its nonce, the recipient gets nothing', async () => {
    const recipientBefore = await node.getBalance({ address: RECIPIENT });
    const original = await stuckTransaction('second');
    const { nonce } = await node.getTransaction({ hash: original });
    await popup.reload();
    await openActivity();
    await popup.getByRole('button', { name: `Cancel transaction with nonce ${nonce}` }).click();
    const approval = await waitForPage(ballast.context, 'approval.html');
    await approval.getByText('Ballast · Cancel').first().waitFor();
    await decideInWindow(approval, 'Send');
    await expect.poll(pool, { timeout: 20_000 }).not.toContain(original);
    const [cancel] = await pool();
    expect(await node.getTransaction({ hash: cancel! })).toMatchObject({ nonce, value: 0n, input: '0x' });
    await node.request({ method: 'evm_mine' as never });
    expect(await node.getBalance({ address: RECIPIENT })).toBe(recipientBefore);
    await popup.reload();
    await openActivity();
    await popup.getByText('cancelled by').first().waitFor();
    await node.request({ method: 'evm_setAutomine' as never, params: [true] as never });
  });
});
