import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { erc20Abi, type Address, type Hex } from 'viem';
import { TOKENS } from '../../lib/restaking/addresses';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { decideInWindow, screenshot, waitForPage, type Ballast } from './harness';
import { closeStakeScreen, openStakeScreen, previewRecipe } from './stake-helpers';

const PASSWORD = 'correct horse battery';

/**
 * A Stake & deploy step stuck in the pool (automine off, as in a gas spike) is sped up from the Stake
 * progress itself: the replacement is approved in the window, the flow follows its hash and finishes.
 */
describe('a stuck Stake step sped up from the progress view', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  const user: Address = devAccount(0).address;

  beforeAll(async () => {
    ({ devnet, ballast, page } = await openStakeScreen(PASSWORD));
  }, 180_000);
  afterAll(() => closeStakeScreen({ devnet, ballast }));

  const pool = async () =>
    Object.values(
      (
        (await devnet.ctx.client.request({ method: 'txpool_content' } as never)) as {
          pending: Record<string, Record<string, { hash: Hex }>>;
        }
      ).pending,
    ).flatMap((byNonce) => Object.values(byNonce).map((t) => t.hash));
  const stEth = () => devnet.ctx.client.readContract({ address: TOKENS.stETH, abi: erc20Abi, functionName: 'balanceOf', args: [user] });

  it('speeds up the waiting step; the flow goes on with the replacement and finishes', async () => {
    const before = await stEth();
    const card = await previewRecipe(page, /^ETH → stETH(?! →)/, '1');
    await devnet.ctx.client.request({ method: 'evm_setAutomine', params: [false] } as never);
    const nonce = await devnet.ctx.client.getTransactionCount({ address: user, blockTag: 'pending' });
    await card.getByRole('button', { name: 'Stake & deploy' }).click();
    const progress = page.getByRole('region', { name: 'Flow progress' });
    const speedUp = progress.getByRole('button', { name: `Speed up transaction with nonce ${nonce}` });
    await speedUp.waitFor({ timeout: 30_000 });
    const [original] = await pool();
    await screenshot(page, 'stake-step-waiting');
    await speedUp.click();

    const approval = await waitForPage(ballast.context, 'approval.html');
    await approval.getByText('Ballast · Speed up').first().waitFor();
    await decideInWindow(approval, 'Send');
    await expect.poll(pool, { timeout: 20_000 }).not.toContain(original);
    const [replacement] = await pool();
    expect((await devnet.ctx.client.getTransaction({ hash: replacement! })).nonce).toBe(nonce);

    await devnet.ctx.client.request({ method: 'evm_setAutomine', params: [true] } as never);
    await devnet.ctx.client.request({ method: 'evm_mine' } as never);
    await page
      .getByTestId('flow-status')
      .filter({ hasText: /^done$/ })
      .waitFor({ timeout: 60_000 });
    await progress.getByText('sped up from').waitFor();
    await screenshot(page, 'stake-step-sped-up');
    // Lido's share math rounds down by a wei or two.
    expect(10n ** 18n - ((await stEth()) - before)).toBeLessThanOrEqual(2n);
  });
});
