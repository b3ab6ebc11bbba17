import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeFunctionData, parseAbi, parseEther } from 'viem';
import { hasBacking, L2_CHAINS } from '../../lib/restaking/l2';
import { startAnvil, type AnvilInstance } from '../devnet/anvil';
import { startL2Devnet, type L2Devnet } from '../devnet/l2-devnet';
import { doubleAbi } from '../devnet/seed/abi';
import { decideInWindow, expectNoAxeViolations, expectOk, screenshot, useDevnetRpc, waitForPage } from './harness';
import {
  ACCOUNT_0,
  answerApproval,
  openSite,
  startCall,
  startIsolationWorld,
  stopIsolationWorld,
  waitOutcome,
  type IsolationWorld,
} from './isolation-helpers';

/**
 * Issue #18 item 4: a site on Base asks for a weETH transfer; the approval window's preview carries the bridge line —
 * what holds the backing (ether.fi's OFT adapter) and on which chain (Ethereum), with the registry's source.
 */

const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const weeth = L2_CHAINS[8453].tokens.find((t) => t.symbol === 'weETH')!;

describe('bridge line in the approval window of a site on Base', () => {
  let world: IsolationWorld;
  let ethereum: AnvilInstance;
  let base: L2Devnet;
  let site: Page;

  beforeAll(async () => {
    [ethereum, base, world] = await Promise.all([startAnvil(), startL2Devnet({ chainId: 8453 }), startIsolationWorld()]);
    await base.ctx.write({
      address: weeth.address,
      abi: doubleAbi('L2BridgedToken'),
      functionName: 'bridgeMint',
      args: [ACCOUNT_0, parseEther('3')],
    });
    await useDevnetRpc(world.ui, ethereum.rpcUrl);
    await expectOk(world.ui, 'networks:setRpcUrls', { key: 'devnet-base', chainId: 8453, rpcUrls: [base.rpcUrl] });
    site = await openSite(world.ballast, `${world.sites.a.origin}/`);
    await startCall(site, 'connect', 'eth_requestAccounts', []);
    await answerApproval(world.ballast, world.sites.a.origin, 'Connect');
    await waitOutcome(site, 'connect');
    const opened = waitForPage(world.ballast.context, 'approval.html');
    await startCall(site, 'to-base', 'wallet_switchEthereumChain', [{ chainId: '0x2105' }]);
    await decideInWindow(await opened, 'Switch');
    expect(await waitOutcome(site, 'to-base')).toEqual({ result: null });
  }, 240_000);

  afterAll(async () => {
    await stopIsolationWorld(world ?? {});
    await Promise.all([ethereum?.stop(), base?.stop()]);
  });

  it('a weETH transfer on Base shows what holds the backing on Ethereum, with its source; axe clean', async () => {
    if (!hasBacking(weeth)) throw new Error('registry: weETH on Base has no backing entry');
    const data = encodeFunctionData({
      abi: parseAbi(['function transfer(address to, uint256 amount) returns (bool)']),
      functionName: 'transfer',
      args: [RECIPIENT, parseEther('0.5')],
    });
    const opened = waitForPage(world.ballast.context, 'approval.html');
    await startCall(site, 'send', 'eth_sendTransaction', [{ from: ACCOUNT_0, to: weeth.address, data }]);
    const approval = await opened;
    await expect.poll(() => approval.getByTestId('request-network').textContent()).toBe('Network: Ballast devnet (Base) · chain id 8453');
    const flag = approval.locator('[data-testid="risk-flag"][data-flag-id="l2.bridge"]');
    await flag.waitFor({ timeout: 60_000 });
    await expect(flag.getAttribute('data-severity')).resolves.toBe('info');
    await expect(flag.locator('[data-name="held by"]').textContent()).resolves.toBe(weeth.backing.holder);
    await expect(flag.locator('[data-name="on chain"]').textContent()).resolves.toBe('Ethereum (chain id 1)');
    await flag.getByText('Source', { exact: true }).click();
    await flag.getByText(weeth.backing.source).waitFor();
    await flag.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(approval, 'approval: bridge line on Base');
    await screenshot(approval, 'approval-bridge-line-base');
    await approval.getByRole('button', { name: 'Reject', exact: true }).click();
    expect((await waitOutcome(site, 'send')).error?.code).toBe(4001);
  });
});
