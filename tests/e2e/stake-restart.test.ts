import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAbi, parseEther, type Address, type Hex } from 'viem';
import type { Page, Worker } from 'playwright-core';
import type { FlowState } from '../../lib/flows/types';
import { AAVE_V3, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { collectErrors, expectOk, restartServiceWorker, screenshot, type Ballast } from './harness';
import { closeStakeScreen, openStakeScreen, previewRecipe } from './stake-helpers';

const PASSWORD = 'stake-restart-pw';
const views = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function rsETHPrice() view returns (uint256)',
  'function getReserveAToken(address) view returns (address)',
]);

/** The flows as the worker stored them (chrome.storage.local, WXT key `ballast.flows`), read inside the worker. */
async function storedFlows(worker: Worker): Promise<FlowState[]> {
  const raw = await worker.evaluate(async () => {
    const chromeApi = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } })
      .chrome;
    return (await chromeApi.storage.local.get('ballast.flows'))['ballast.flows'] ?? {};
  });
  return Object.values(raw as Record<string, FlowState>);
}

/** Whether the worker has its flow resume alarm (lib/flows/resume-alarm.ts) armed. */
const resumeAlarmArmed = (worker: Worker) =>
  worker.evaluate(async () => {
    const chromeApi = (globalThis as unknown as { chrome: { alarms: { get(name: string): Promise<unknown> } } }).chrome;
    return Boolean(await chromeApi.alarms.get('ballast:flows-resume'));
  });

/**
 * Issue #6 "done when" #2 / issue #8 item 3: the service worker of the real extension is stopped in the
 * middle of ETH → rsETH → Aave (after step 1 is mined; while step 1, or step 2, waits in the pool); the
 * flow shows again in a reopened popup and completes, with exactly one transaction per step.
 * Blocks come only when the test mines one (automine off), so "mid-flow" is a state, not a timing.
 */
describe('Stake & deploy survives a service-worker restart mid-flow', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  const user: Address = devAccount(0).address;

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openStakeScreen(PASSWORD));
  }, 180_000);

  afterAll(() => closeStakeScreen({ devnet, ballast }));

  type StopAt = 'step 1 in the pool' | 'step 1 mined' | 'step 2 in the pool';

  async function stakeRestartAndFinish(amountText: string, stopAt: StopAt) {
    const chain = devnet.ctx.client;
    const amount = parseEther(amountText);
    // Independent reference: Kelp mints amount × 1e18 / rsETHPrice; Aave mints aTokens 1:1 at index 1.
    const price = await chain.readContract({ address: PROTOCOL_CONTRACTS.kelpOracle, abi: views, functionName: 'rsETHPrice' });
    const expectedRsEth = (amount * 10n ** 18n) / price;
    const aToken = await chain.readContract({ address: AAVE_V3.pool, abi: views, functionName: 'getReserveAToken', args: [TOKENS.rsETH] });
    const aBefore = await chain.readContract({ address: aToken, abi: views, functionName: 'balanceOf', args: [user] });
    const nonceBefore = await chain.getTransactionCount({ address: user });
    const firstBlock = (await chain.getBlockNumber({ cacheTime: 0 })) + 1n;
    const known = new Set((await storedFlows(ballast.serviceWorker)).map((f) => f.id));

    // The screen may still show the previous flow's result.
    const newFlow = page.getByRole('button', { name: 'New flow' });
    if (await newFlow.isVisible()) await newFlow.click();
    const card = await previewRecipe(page, /^ETH → rsETH → Aave/, amountText);

    await chain.setAutomine(false);
    await card.getByRole('button', { name: 'Stake & deploy' }).click();
    const isNewWithStep1Hash = (f: FlowState) => !known.has(f.id) && f.steps[0]?.hash !== undefined;
    await expect
      .poll(async () => (await storedFlows(ballast.serviceWorker)).some(isNewWithStep1Hash), { timeout: 60_000, interval: 200 })
      .toBe(true);
    const flowBefore = (await storedFlows(ballast.serviceWorker)).find(isNewWithStep1Hash)!;
    const flowId = flowBefore.id;
    const step1Hash = flowBefore.steps[0]!.hash!;
    // Stake, approve, supply, and e-mode unless an earlier flow turned it on already.
    const count = flowBefore.plan.steps.length;
    const pooled = await chain.getTransaction({ hash: step1Hash });
    expect(pooled.blockNumber).toBeNull();
    expect(pooled.nonce).toBe(nonceBefore);

    if (stopAt !== 'step 1 in the pool') {
      await chain.mine({ blocks: 1 });
      await expect(chain.getTransactionReceipt({ hash: step1Hash })).resolves.toMatchObject({ status: 'success' });
      expect(await chain.getTransactionCount({ address: user })).toBe(nonceBefore + 1);
    }
    if (stopAt === 'step 2 in the pool') {
      // The worker saw step 1's block and sent step 2, which no block takes yet.
      await expect
        .poll(() => chain.getTransactionCount({ address: user, blockTag: 'pending' }), { timeout: 30_000, interval: 100 })
        .toBe(nonceBefore + 2);
      const stored = (await storedFlows(ballast.serviceWorker)).find((f) => f.id === flowId)!;
      expect(stored.steps[1]).toMatchObject({ nonce: nonceBefore + 1 });
    }
    await restartServiceWorker(ballast, page);
    const afterRestart = (await storedFlows(ballast.serviceWorker)).find((f) => f.id === flowId)!;
    // The new worker took the flow up again: not stopped, step 1 kept its hash.
    expect(afterRestart.status, JSON.stringify(afterRestart.failure ?? afterRestart.steps)).toBe('running');
    expect(afterRestart.steps[0]!.hash).toBe(step1Hash);

    // A closed and reopened popup shows the running flow (no blocks meanwhile: it cannot finish first).
    await page.close();
    page = await ballast.openPopup();
    errors.push(...collectErrors(page));
    await page.getByRole('tab', { name: 'Stake' }).click();
    const progress = page.getByRole('region', { name: 'Flow progress' });
    await progress.waitFor({ timeout: 30_000 });
    await expect(progress.getByRole('heading', { level: 2 }).textContent()).resolves.toContain(flowBefore.plan.title);
    await page
      .getByTestId('flow-status')
      .filter({ hasText: /^running$/ })
      .waitFor();
    // While it runs, an alarm would wake a worker that MV3 stops during a long wait for a block.
    await expect.poll(() => resumeAlarmArmed(ballast.serviceWorker), { timeout: 10_000, interval: 100 }).toBe(true);

    await chain.setAutomine(true);
    // Whatever reached the pool while automine was off is mined now (an empty block otherwise).
    await chain.mine({ blocks: 1 });
    await page
      .getByTestId('flow-status')
      .filter({ hasText: /^done$/ })
      .waitFor({ timeout: 120_000 })
      .catch(async (error: unknown) => {
        // What the worker stored says whether the flow or only the screen is stuck.
        const stored = (await storedFlows(ballast.serviceWorker)).find((f) => f.id === flowId);
        throw new Error(
          `The popup never showed done; stored flow: ${JSON.stringify({ status: stored?.status, steps: stored?.steps.map((s) => s.status), failure: stored?.failure })}`,
          { cause: error },
        );
      });
    await expect(progress.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe(String(count));

    const flow = ((await expectOk(page, 'flows:list')) as FlowState[]).find((f) => f.id === flowId)!;
    expect(flow.status).toBe('done');
    expect(flow.steps.map((s) => s.status)).toEqual(flow.steps.map(() => 'mined'));
    expect(flow.steps[0]!.hash).toBe(step1Hash);
    const hashes = flow.steps.map((s) => s.hash as Hex);
    expect(new Set(hashes).size).toBe(count);

    // Exactly the step transactions left the account, one per nonce, each mined once.
    expect(await chain.getTransactionCount({ address: user })).toBe(nonceBefore + count);
    const latest = await chain.getBlockNumber({ cacheTime: 0 });
    const sent: Hex[] = [];
    for (let n = firstBlock; n <= latest; n++) {
      const block = await chain.getBlock({ blockNumber: n, includeTransactions: true });
      sent.push(...block.transactions.filter((t) => t.from.toLowerCase() === user.toLowerCase()).map((t) => t.hash));
    }
    expect(sent).toEqual(hashes);
    const txs = await Promise.all(hashes.map((hash) => chain.getTransaction({ hash })));
    expect(txs.map((t) => t.nonce)).toEqual(hashes.map((_, i) => nonceBefore + i));
    const receipts = await Promise.all(hashes.map((hash) => chain.getTransactionReceipt({ hash })));
    expect(receipts.map((r) => r.status)).toEqual(hashes.map(() => 'success'));

    expect(BigInt(flow.steps[0]!.actualOut!)).toBe(expectedRsEth);
    const aAfter = await chain.readContract({ address: aToken, abi: views, functionName: 'balanceOf', args: [user] });
    expect(aAfter - aBefore).toBe(expectedRsEth);
    await expect.poll(() => resumeAlarmArmed(ballast.serviceWorker), { timeout: 10_000, interval: 100 }).toBe(false);
    expect(errors).toEqual([]);
    return flow;
  }

  it('worker stopped after step 1 is mined: a reopened popup shows the flow, which completes with no step sent twice', async () => {
    const flow = await stakeRestartAndFinish('2', 'step 1 mined');
    expect(flow.plan.steps.map((s) => s.label)).toEqual([
      'Stake ETH for rsETH',
      'Allow Aave v3 Pool to take rsETH',
      'Supply rsETH to Aave v3',
      'Turn on Aave e-mode 3 (rsETH / WETH, wstETH, ETHx)',
    ]);
    await screenshot(page, 'stake-restart-done');
  }, 300_000);

  it('worker stopped while step 1 waits in the pool: the new worker awaits that hash and sends nothing twice', async () => {
    await stakeRestartAndFinish('1', 'step 1 in the pool');
  }, 300_000);

  it('worker stopped while step 2 waits in the pool: the new worker awaits it (by hash or by nonce) and sends nothing twice', async () => {
    await stakeRestartAndFinish('0.5', 'step 2 in the pool');
  }, 300_000);
});
