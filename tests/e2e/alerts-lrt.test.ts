import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erc20Abi, type Address } from 'viem';
import type { Page } from 'playwright-core';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { artifact, devAccount } from '../devnet/context';
import { advance, parseSet, slash } from '../devnet/scenarios';
import { LRT_DEVNET_OPERATORS, LRT_DEVNET_STAKERS } from '../devnet/seed/lrt';
import { EIGEN_STRATEGIES, EIGENLAYER, TOKENS } from '../../lib/restaking/addresses';
import { formatEth } from '../../lib/format';
import { collectErrors, expectNoAxeViolations, expectOk, launchBallast, onboardOnDevnet, screenshot, type Ballast } from './harness';

/**
 * Issue #15 item 6 end to end: a devnet slash of lrt-a (behind rsETH and ezETH) → the worker's alerts engine
 * raises one danger alert per LRT position → the popup's Alerts list shows it with the estimated loss. The
 * loss is computed here from raw double state before the slash: holder's ETH with lrt-a = balance ×
 * Σ (withdrawable shares → stETH of each of the LRT's stakers delegated to lrt-a) ÷ supply, floor; loss =
 * ceil(that × wadSlashed ÷ 1e18), wadSlashed from the OperatorSlashed the scenario sent.
 */
const PASSWORD = 'alerts-lrt-pw';
const WAD = 10n ** 18n;
type ListedAlert = { id: string; rule: string; severity: string; title: string; message: string; data: Record<string, string> };
type Chrome = { storage: { local: { get(k: string): Promise<Record<string, { lastLogBlock?: string | null } | undefined>> } } };

describe('LRT slash alert in the popup (devnet)', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  const holder = devAccount(2).address; // seeded with rsETH and ezETH
  /** The wallet holds HD accounts 1 and 2 (onboarding adds accounts up to the holder): both hold rsETH and ezETH. */
  const accounts = [devAccount(1).address, holder];
  const LRTS = ['rsETH', 'ezETH'] as const;

  const lastEvaluatedBlock = () =>
    ballast.serviceWorker.evaluate(
      `(${(async (c: Chrome) => (await c.storage.local.get('alerts.state'))['alerts.state']?.lastLogBlock ?? null).toString()})(chrome)`,
    ) as Promise<string | null>;
  async function refreshAndEvaluate() {
    await advance(devnet.ctx, '1');
    const head = String(await devnet.ctx.client.getBlockNumber({ cacheTime: 0 }));
    const view = (await expectOk(page, 'portfolio:refresh')) as { schedule: { lastError: string | null } };
    expect(view.schedule.lastError).toBeNull();
    await expect.poll(lastEvaluatedBlock, { timeout: 30_000 }).toBe(head);
  }
  const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    devnet.ctx.client.readContract({ address, abi: artifact(name).abi, functionName, args }) as Promise<T>;
  async function holderEthWithLrtA(lrt: 'rsETH' | 'ezETH', account: Address): Promise<bigint> {
    let protocol = 0n;
    for (const s of LRT_DEVNET_STAKERS.filter((x) => x.lrt === lrt)) {
      const op = await read<Address>(EIGENLAYER.delegationManager, 'EigenDelegationManager', 'delegatedTo', [s.staker]);
      if (op.toLowerCase() !== LRT_DEVNET_OPERATORS['lrt-a'].toLowerCase()) continue;
      const [[shares]] = await read<[bigint[], bigint[]]>(EIGENLAYER.delegationManager, 'EigenDelegationManager', 'getWithdrawableShares', [
        s.staker,
        [EIGEN_STRATEGIES.stETH],
      ]);
      protocol += await read<bigint>(EIGEN_STRATEGIES.stETH, 'EigenStrategy', 'sharesToUnderlyingView', [shares]); // stETH: 1 ETH each
    }
    const c = devnet.ctx.client;
    const balance = await c.readContract({ address: TOKENS[lrt], abi: erc20Abi, functionName: 'balanceOf', args: [account] });
    const supply = await c.readContract({ address: TOKENS[lrt], abi: erc20Abi, functionName: 'totalSupply' });
    return (balance * protocol) / supply;
  }

  beforeAll(async () => {
    devnet = await startDevnet();
    ballast = await launchBallast();
    page = await ballast.openPopup();
    errors = collectErrors(page);
    await onboardOnDevnet(page, { rpcUrl: devnet.rpcUrl, password: PASSWORD, untilAccount: holder });
  }, 180_000);
  afterAll(async () => {
    await ballast?.close();
    await devnet?.stop();
  });

  it('slash lrt-a avs-x:1 by half: the Alerts list shows the rsETH and ezETH alerts with the loss computed here; axe light and dark', async () => {
    await refreshAndEvaluate(); // baseline
    const before: { account: Address; lrt: (typeof LRTS)[number]; eth: bigint }[] = [];
    for (const account of accounts) for (const lrt of LRTS) before.push({ account, lrt, eth: await holderEthWithLrtA(lrt, account) });
    for (const b of before) expect(b.eth).toBeGreaterThan(0n);
    const out = (await slash(devnet.ctx, 'lrt-a', '0.5', parseSet('avs-x:1'))) as { wadSlashed: string[] };
    const wadSlashed = BigInt(out.wadSlashed[0]!);
    expect(wadSlashed).toBe((15n * WAD) / 100n);
    const expected = before.map((b) => ({ ...b, loss: (b.eth * wadSlashed + WAD - 1n) / WAD }));
    await refreshAndEvaluate();

    // One alert per LRT position (2 accounts × rsETH, ezETH), each with the loss computed here, to the wei.
    const listed = (await expectOk(page, 'alerts:list')) as ListedAlert[];
    const lrtAlerts = listed.filter((a) => a.id.startsWith('slash-lrt:'));
    expect(lrtAlerts).toHaveLength(expected.length);
    for (const e of expected) {
      const a = lrtAlerts.filter((x) => x.data.lrt === e.lrt && x.data.positions?.includes(e.account.toLowerCase()));
      expect(a).toHaveLength(1);
      expect(a[0]).toMatchObject({ rule: 'slashing', severity: 'danger' });
      expect(BigInt(a[0]!.data.lossWei!)).toBe(e.loss);
    }

    await page.reload();
    await page.getByRole('tab', { name: 'Alerts' }).click();
    const list = page.getByRole('list', { name: 'Alerts, newest first' });
    await list.waitFor();
    for (const e of expected) {
      const shown = formatEth(e.loss, { rounding: 'expand' });
      const item = list
        .getByRole('listitem')
        .filter({ hasText: `${e.lrt}: an operator behind it was slashed, about ${shown} of your position` });
      await expect(item.count()).resolves.toBeGreaterThanOrEqual(1);
      const text = (await item.first().textContent()) ?? '';
      expect(text).toContain(`estimated loss ${shown}`);
      expect(text).toContain('Danger');
      console.info(`${e.lrt} of ${e.account}: loss ${e.loss} wei, shown "${shown}"`);
    }
    await list.getByRole('listitem').filter({ hasText: 'rsETH: an operator behind it was slashed' }).first().scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'lrt alerts light');
    await screenshot(page, 'alerts-lrt-light');
    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expectNoAxeViolations(page, 'lrt alerts dark');
    await screenshot(page, 'alerts-lrt-dark');
    expect(errors).toEqual([]);
  });
});
