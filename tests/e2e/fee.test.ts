import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPublicClient, formatEther, http, parseEther, parseGwei, toHex, type Address, type Hex, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { MULTICALL3 } from '../../lib/restaking/addresses';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { placeDouble } from '../devnet/seed/abi';
import { DEVNET_ETH_USD, placeEthUsdFeed } from '../devnet/seed/eth-usd';
import { startFaultProxy, type FaultProxy } from '../fault/proxy';
import { startDappServer } from './dapp-server';
import {
  decideInWindow,
  expectNoAxeViolations,
  expectOk,
  launchBallast,
  onboardOnDevnet,
  screenshot,
  sendProtocol,
  waitForClose,
  waitForPage,
  type Ballast,
} from './harness';
import { ask, openRecordedDapp, settled } from './worker-restart-page';

const PASSWORD = 'correct horse battery';
const ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as Address;
const RECIPIENT = '0x000000000000000000000000000000000000dEaD' as Address;

/**
 * The network fee in the approval window: decided before the window shows the request, edited there (a
 * preset, then the user's own numbers, the cost following the typing), and signed exactly as shown (read
 * back from the node). A node answering 1,000 gwei priority fees gives a danger flag, and nothing is sent
 * until the user takes the second step.
 */
describe('the network fee before approval', () => {
  let devnet: Devnet;
  let proxy: FaultProxy;
  let ballast: Ballast;
  let server: Awaited<ReturnType<typeof startDappServer>>;
  let control: Page;
  let dapp: Page;
  let node: PublicClient;

  beforeAll(async () => {
    [devnet, server, ballast] = await Promise.all([startDevnet({ seed: false }), startDappServer(), launchBallast()]);
    await placeDouble(devnet.ctx, 'Multicall3', MULTICALL3);
    await placeEthUsdFeed(devnet.ctx);
    node = createPublicClient({ chain: mainnet, transport: http(devnet.rpcUrl) });
    proxy = await startFaultProxy(devnet.rpcUrl);
    control = await ballast.context.newPage();
    await control.goto(ballast.url('popup.html'));
    await onboardOnDevnet(control, { rpcUrl: proxy.url, password: PASSWORD });
    dapp = await openRecordedDapp(await ballast.context.newPage(), server.origin);
    await ask(dapp, 'connect', 'eth_requestAccounts');
    const approval = await waitForPage(ballast.context, 'approval.html');
    await decideInWindow(approval, 'Connect');
    expect(await settled(dapp, 'connect')).toMatchObject({ kind: 'resolve' });
  }, 120_000);
  afterAll(async () => {
    await ballast?.close();
    await server?.close();
    await proxy?.stop();
    await devnet?.stop();
  });

  /** The fee the window shows, from the panel's own elements. */
  async function shown(approval: Page) {
    const perGas = approval.getByTestId('fee-per-gas');
    const type = await perGas.getAttribute('data-type');
    return {
      type,
      nonce: Number(await approval.getByTestId('fee-nonce').textContent()),
      // The first (or only) transaction's gas limit; a batch lists one per call.
      gas: BigInt((await approval.getByTestId('fee-gas').getAttribute('data-gas'))!.split(',')[0]!),
      ...(type === 'legacy'
        ? { gasPrice: BigInt((await perGas.getAttribute('data-gas-price'))!) }
        : {
            maxFeePerGas: BigInt((await perGas.getAttribute('data-max-fee'))!),
            maxPriorityFeePerGas: BigInt((await perGas.getAttribute('data-priority-fee'))!),
          }),
    };
  }

  /** eth_getTransactionByHash in the same terms. */
  async function signed(hash: Hex) {
    const tx = await node.getTransaction({ hash });
    return {
      type: tx.type,
      nonce: tx.nonce,
      gas: tx.gas,
      ...(tx.type === 'legacy'
        ? { gasPrice: tx.gasPrice }
        : { maxFeePerGas: tx.maxFeePerGas, maxPriorityFeePerGas: tx.maxPriorityFeePerGas }),
    };
  }

  /**
   * The verdict's total as this test expects it, from raw numbers: ETH rounded up to 8 decimals (viem's
   * formatEther for the digits) and USD at the devnet feed's $3,000 rounded up to the cent.
   */
  function expectedTotalText(wei: bigint): string {
    const step = 10n ** 10n;
    const eth = formatEther(((wei + step - 1n) / step) * step);
    const cents = (wei * DEVNET_ETH_USD * 100n + 10n ** 26n - 1n) / 10n ** 26n;
    const usd = `$${(cents / 100n).toLocaleString('en-US')}.${(cents % 100n).toString().padStart(2, '0')}`;
    return `${eth} ETH · ${usd}`;
  }

  /** The verdict's total (text and wei) once it equals `wei`. */
  async function expectVerdictTotal(approval: Page, wei: bigint) {
    const total = approval.getByTestId('risk-banner').getByTestId('verdict-total');
    await expect.poll(() => total.getAttribute('data-wei')).toBe(wei.toString());
    expect(await total.textContent()).toContain(expectedTotalText(wei));
    // The verdict sits above the raw details and the fee panel.
    const above = await approval.evaluate(() => {
      const verdict = document.querySelector('[data-testid="risk-banner"]')!;
      const panel = document.querySelector('[data-testid="fee-panel"]')!;
      return Boolean(verdict.compareDocumentPosition(panel) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(above).toBe(true);
  }

  /** Raw numbers from the fee panel's attributes: value + Σ gas × max fee per gas. */
  async function rawTotal(approval: Page, value: bigint): Promise<bigint> {
    const gas = (await approval.getByTestId('fee-gas').getAttribute('data-gas'))!.split(',').map(BigInt);
    const maxFee = BigInt((await approval.getByTestId('fee-per-gas').getAttribute('data-max-fee'))!);
    return value + gas.reduce((sum, g) => sum + g * maxFee, 0n);
  }

  const version = (approval: Page) => approval.getByTestId('fee-panel').getAttribute('data-fee-version');

  it('shows nonce, likely and max cost in ETH and USD and the total before the click; a preset and typed fees are signed exactly as shown', async () => {
    const nonce = await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' });
    // An idle devnet pays no priority fees (every preset alike): the node answers a market where Fast costs more.
    proxy.fault('eth_feeHistory', {
      kind: 'rewrite',
      result: (r) => {
        const answer = r as { reward?: string[][]; gasUsedRatio: number[] };
        const tips = ['1', '2', '5'].map((g) => toHex(parseGwei(g)));
        return answer.reward
          ? { ...answer, gasUsedRatio: answer.gasUsedRatio.map(() => 0.3), reward: answer.reward.map(() => tips) }
          : answer;
      },
    });
    await ask(dapp, 'send', 'eth_sendTransaction', [{ from: ACCOUNT_0, to: RECIPIENT, value: toHex(parseEther('0.25')) }]);
    const approval = await waitForPage(ballast.context, 'approval.html');
    await approval.getByTestId('fee-panel').waitFor();
    proxy.clearFaults();
    expect(await approval.getByTestId('fee-nonce').textContent()).toBe(String(nonce));
    expect(await approval.getByTestId('fee-gas').textContent()).toBe('21,000');
    // ETH and dollars from the devnet's ETH/USD feed ($3,000): 0.25 ETH + the max fee is a little over $750.
    expect(await approval.getByTestId('fee-likely').textContent()).toMatch(/ETH\$\d+\.\d\d$/);
    expect(await approval.getByTestId('fee-total').textContent()).toMatch(/^0\.25\d* ETH\$75\d\.\d\d$/);
    await expectNoAxeViolations(approval, 'approval fee (light)');
    await approval.emulateMedia({ colorScheme: 'dark' });
    await approval.waitForFunction(() => document.documentElement.classList.contains('dark'));
    await approval.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition)));
    await expectNoAxeViolations(approval, 'approval fee (dark)');
    await approval.emulateMedia({ colorScheme: 'light' });
    await approval.getByTestId('fee-panel').scrollIntoViewIfNeeded();
    await screenshot(approval, 'approval-fee');

    // The verdict at the top states the total: value + gas × max fee, from the raw numbers.
    const normalTotal = await rawTotal(approval, parseEther('0.25'));
    await approval.getByTestId('risk-banner').waitFor();
    await expectVerdictTotal(approval, normalTotal);

    await approval.getByText('Fast', { exact: true }).click();
    await expect.poll(() => version(approval)).toBe('2');
    const fast = await shown(approval);
    const fastTotal = await rawTotal(approval, parseEther('0.25'));
    expect(fastTotal).toBeGreaterThan(normalTotal);
    await expectVerdictTotal(approval, fastTotal);
    await approval.evaluate(() => window.scrollTo(0, 0));
    await screenshot(approval, 'approval-fee-verdict');

    // Typed fees: the max cost follows each keystroke before anything is stored.
    await approval.getByText('Edit fee').click();
    await approval.getByLabel('Max fee (gwei)').fill('3');
    await approval.getByLabel('Priority fee (gwei)').fill('1.5');
    await expect.poll(() => approval.getByTestId('fee-max').getAttribute('data-wei')).toBe((21_000n * parseGwei('3')).toString());
    await expectVerdictTotal(approval, parseEther('0.25') + 21_000n * parseGwei('3'));
    await expect.poll(() => version(approval)).toBe('3');
    const typed = await shown(approval);
    expect(typed).toMatchObject({ type: 'eip1559', maxFeePerGas: parseGwei('3'), maxPriorityFeePerGas: parseGwei('1.5'), gas: 21_000n });
    expect(typed).not.toEqual(fast);
    const stored = ((await expectOk(control, 'pending:list')) as { fee: { version: number; choice: string } }[])[0]!.fee;
    expect(stored).toMatchObject({ version: 3, choice: 'custom' });

    await decideInWindow(approval, 'Send');
    const answer = await settled(dapp, 'send');
    expect(answer.kind).toBe('resolve');
    expect(await signed((answer as { value: Hex }).value)).toEqual({ ...typed, nonce });
  });

  it('a wallet_sendCalls batch shows each call’s fee and the total, and every call is signed with the fee shown', async () => {
    const nonce = await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' });
    const calls = [
      { to: RECIPIENT, value: toHex(parseEther('0.01')) },
      { to: RECIPIENT, value: toHex(parseEther('0.02')), data: '0x1234' },
    ];
    await ask(dapp, 'batch', 'wallet_sendCalls', [{ version: '2.0.0', chainId: '0x1', from: ACCOUNT_0, atomicRequired: false, calls }]);
    const approval = await waitForPage(ballast.context, 'approval.html');
    await approval.getByTestId('fee-panel').waitFor();
    const perCall = [
      await approval.getByTestId('fee-call-0').getAttribute('data-wei'),
      await approval.getByTestId('fee-call-1').getAttribute('data-wei'),
    ];
    const max = BigInt((await approval.getByTestId('fee-max').getAttribute('data-wei'))!);
    expect(BigInt(perCall[0]!) + BigInt(perCall[1]!)).toBe(max);
    expect(BigInt((await approval.getByTestId('fee-total').getAttribute('data-wei'))!)).toBe(max + parseEther('0.03'));
    expect(await approval.getByTestId('fee-nonce').textContent()).toBe(String(nonce));
    await expectVerdictTotal(approval, await rawTotal(approval, parseEther('0.03')));

    // Call 2's gas limit, edited. Below its estimate: an error in the window, and the background refuses it too.
    const estimated = (await approval.getByTestId('fee-gas').getAttribute('data-gas'))!.split(',').map(BigInt);
    const [pending] = (await expectOk(control, 'pending:list')) as {
      id: string;
      fee: { version: number; txs: { gasEstimate?: string }[] };
    }[];
    const estimate2 = BigInt(pending!.fee.txs[1]!.gasEstimate!);
    await approval.getByText('Edit fee').click();
    const gas2 = approval.getByLabel('Call 2 gas limit');
    await gas2.fill((estimate2 - 1n).toString());
    await approval.getByText(/At least the estimated .* call 2 runs out of gas/).waitFor();
    expect(await approval.getByRole('button', { name: 'Send all', exact: true }).isDisabled()).toBe(true);
    const low = await sendProtocol(control, 'pending:setFee', {
      id: pending!.id,
      version: pending!.fee.version,
      choice: 'normal',
      gases: [estimated[0]!.toString(), (estimate2 - 1n).toString()],
    });
    expect(low).toMatchObject({ ok: false, error: { message: 'Check the gas limit of call 2' } });
    const lowNonce = await sendProtocol(control, 'pending:setFee', {
      id: pending!.id,
      version: pending!.fee.version,
      choice: 'normal',
      nonce: nonce - 1,
    });
    expect(lowNonce).toMatchObject({ ok: false, error: { message: 'Check the nonce' } });
    const raised = estimate2 + 5_000n;
    await gas2.fill(raised.toString());
    await expect.poll(() => approval.getByTestId('fee-gas').getAttribute('data-gas')).toBe(`${estimated[0]},${raised}`);
    await expectVerdictTotal(approval, await rawTotal(approval, parseEther('0.03')));
    await gas2.scrollIntoViewIfNeeded();
    await screenshot(approval, 'approval-batch-gas-edit');
    const fee = await shown(approval);
    const gas = (await approval.getByTestId('fee-gas').getAttribute('data-gas'))!.split(',').map(BigInt);
    await decideInWindow(approval, 'Send all');
    const answer = await settled(dapp, 'batch');
    expect(answer.kind).toBe('resolve');
    // Both calls mined: read them back by nonce from the node.
    await expect.poll(() => node.getTransactionCount({ address: ACCOUNT_0 })).toBe(nonce + 2);
    const latest = await node.getBlockNumber();
    const sent: Hex[] = [];
    for (let n = latest; n > latest - 5n && sent.length < 2; n--) {
      const block = await node.getBlock({ blockNumber: n, includeTransactions: true });
      for (const tx of block.transactions) if (tx.from.toLowerCase() === ACCOUNT_0.toLowerCase() && tx.nonce >= nonce) sent.push(tx.hash);
    }
    const signedCalls = (await Promise.all(sent.map(signed))).sort((a, b) => a.nonce - b.nonce);
    expect(gas[1]).toBe(raised);
    expect(signedCalls).toEqual([
      { ...fee, nonce, gas: gas[0] },
      { ...fee, nonce: nonce + 1, gas: raised },
    ]);
  });

  it('a signature’s verdict says it has no network fee', async () => {
    await ask(dapp, 'sig', 'personal_sign', [toHex('hello from the fee test'), ACCOUNT_0]);
    const approval = await waitForPage(ballast.context, 'approval.html');
    const total = approval.getByTestId('risk-banner').getByTestId('verdict-total');
    await total.waitFor();
    expect(await total.getAttribute('data-kind')).toBe('none');
    expect(await total.textContent()).toMatch(/^No network fee/);
    const closed = waitForClose(approval);
    await approval.getByRole('button', { name: 'Reject', exact: true }).click();
    await closed;
    expect((await settled(dapp, 'sig')).kind).toBe('reject');
  });

  it('a node answering 1,000 gwei priority fees: a danger flag, Send stays inert and nothing is sent until the second step', async () => {
    const thousand = toHex(parseGwei('1000'));
    proxy.fault('eth_feeHistory', {
      kind: 'rewrite',
      result: (r) => {
        const answer = r as { reward?: string[][] };
        return { ...answer, ...(answer.reward ? { reward: answer.reward.map((row) => row.map(() => thousand)) } : {}) };
      },
    });
    try {
      proxy.resetCounts();
      const nonce = await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' });
      await ask(dapp, 'danger', 'eth_sendTransaction', [{ from: ACCOUNT_0, to: RECIPIENT, value: toHex(parseEther('0.25')) }]);
      const approval = await waitForPage(ballast.context, 'approval.html');
      const flag = approval.getByTestId('fee-danger').locator('[data-flag-id="fee.priority-high"]');
      await flag.waitFor();
      expect(await flag.getAttribute('data-severity')).toBe('danger');
      expect(await flag.locator('[data-name="priority fee"]').textContent()).toBe('1,000 gwei');
      expect(await flag.locator('[data-name="cap"]').textContent()).toMatch(/or over 100 gwei$/);
      await expectNoAxeViolations(approval, 'approval fee danger');
      await approval.getByTestId('fee-danger').scrollIntoViewIfNeeded();
      await screenshot(approval, 'approval-fee-danger');

      // Armed (the read delay is over), and still inert: a click sends nothing.
      const send = approval.locator('button', { hasText: 'Send' });
      await approval.locator('button[data-armed="true"]', { hasText: 'Send' }).waitFor();
      expect(await send.isDisabled()).toBe(true);
      await send.click({ force: true, timeout: 2_000 }).catch(() => undefined);
      // Nor does an approval that skips the box (straight to the background, as a buggy or hostile UI would).
      const [pending] = (await expectOk(control, 'pending:list')) as { id: string; fee: { version: number } }[];
      const skipped = await sendProtocol(control, 'pending:resolve', { id: pending!.id, approved: true, feeVersion: pending!.fee.version });
      expect(skipped).toMatchObject({ ok: false, error: { message: 'Confirm the fee warning first' } });
      expect(proxy.count('eth_sendRawTransaction')).toBe(0);
      expect(await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' })).toBe(nonce);
      expect((await expectOk(control, 'pending:list')) as unknown[]).toHaveLength(1);

      // The second step: tick the box, then Send.
      const fee = await shown(approval);
      await approval.getByLabel('I understand this fee and want to pay it').check();
      await decideInWindow(approval, 'Send');
      const answer = await settled(dapp, 'danger');
      expect(answer.kind).toBe('resolve');
      const tx = await signed((answer as { value: Hex }).value);
      expect(tx).toEqual(fee);
      expect(tx).toMatchObject({ maxPriorityFeePerGas: parseGwei('1000') });
    } finally {
      proxy.clearFaults();
    }
  });
});
