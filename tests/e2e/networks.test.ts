import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PUBLIC_RPCS } from '../../components/onboarding/public-rpcs';
import { DEV_MNEMONIC } from '../devnet/context';
import { startDappServer } from './dapp-server';
import { expectNoAxeViolations, expectOk, launchBallast, screenshot, waitForClose, waitForPage, type Ballast } from './harness';

const PASSWORD = 'correct horse battery';
// Nothing listens here, and nothing needs to: the RPC step stores the URL. The public endpoints are never picked,
// so the test never contacts them.
const LOCAL_RPC = 'http://127.0.0.1:9';

type NetworkList = { networks: { key?: string; chainId: number; name: string; rpcUrls: string[] }[]; activeKey: string };

/**
 * The first run of a production build: Ethereum active, without an RPC. (This is the test build, which also
 * lists the devnet with its RPC and makes it active; switching away gives the production starting point.)
 */
async function asProductionFirstRun(page: Page): Promise<void> {
  await expectOk(page, 'networks:switch', { key: 'mainnet', chainId: 1 });
  const { networks } = (await expectOk(page, 'networks:list')) as NetworkList;
  expect(networks.find((n) => n.key === 'mainnet')?.rpcUrls).toEqual([]);
}

async function mainnetRpcUrls(page: Page): Promise<string[] | undefined> {
  const { networks } = (await expectOk(page, 'networks:list')) as NetworkList;
  return networks.find((n) => n.key === 'mainnet')?.rpcUrls;
}

const escaped = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));

describe('honest networks', () => {
  let ballast: Ballast | undefined;
  let closeServer: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await ballast?.close();
    await closeServer?.();
    ballast = undefined;
    closeServer = undefined;
  });

  it('first run asks for the Ethereum RPC: public endpoints with a privacy note, or an own URL (https, or http to this computer)', async () => {
    ballast = await launchBallast();
    const page = await ballast.openPopup();
    await asProductionFirstRun(page);

    await page.getByRole('button', { name: 'Import a recovery phrase' }).click();
    await page.getByLabel('Recovery phrase').fill(DEV_MNEMONIC);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    await page.getByRole('heading', { name: 'Choose your Ethereum RPC' }).waitFor();
    for (const rpc of PUBLIC_RPCS) await page.getByRole('radio', { name: escaped(rpc.url) }).waitFor();
    const note = await page.getByTestId('rpc-privacy-note').textContent();
    expect(note).toContain('your addresses');
    expect(note).toContain('your IP address');
    expect(note).toContain('Ballast sends no data anywhere else');
    await expectNoAxeViolations(page, 'onboarding: choose the Ethereum RPC');
    await screenshot(page, 'onboarding-rpc');

    await page.getByRole('button', { name: 'Use this RPC' }).click();
    await page.getByText('Choose an RPC from the list, or enter your own URL.').waitFor();
    await page.getByRole('radio', { name: 'My own node or provider URL' }).check();
    const field = page.getByLabel('RPC URL', { exact: true });
    await field.fill('http://rpc.example:8545');
    await page.getByRole('button', { name: 'Use this RPC' }).click();
    await page.getByText('Use https:// for rpc.example').waitFor();
    await screenshot(page, 'onboarding-rpc-refused');
    expect(await mainnetRpcUrls(page)).toEqual([]);

    await field.fill(LOCAL_RPC);
    await page.getByRole('button', { name: 'Use this RPC' }).click();
    await page.getByTestId('account-address').first().waitFor();
    expect(await mainnetRpcUrls(page)).toEqual([LOCAL_RPC]);
    expect(((await expectOk(page, 'networks:list')) as NetworkList).activeKey).toBe('mainnet');
    expect(await page.getByTestId('no-rpc').count()).toBe(0);
  });

  it('"Set up later": every tab says there is no RPC and offers the step again', async () => {
    ballast = await launchBallast();
    const page = await ballast.openPopup();
    await asProductionFirstRun(page);

    await page.getByRole('button', { name: 'Watch an address' }).click();
    await page.getByLabel('Address').fill('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    await page.getByRole('button', { name: 'Watch address' }).click();
    await page.getByRole('heading', { name: 'Choose your Ethereum RPC' }).waitFor();
    await page.getByRole('button', { name: 'Set up later' }).click();

    const notice = page.getByTestId('no-rpc');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('No RPC set for Ethereum');
    await screenshot(page, 'no-rpc-home');
    await page.getByRole('tab', { name: 'Portfolio' }).click();
    await notice.waitFor();
    // The portfolio says why it has nothing (no RPC yet), not that an RPC is unreachable.
    await page.getByRole('heading', { name: 'No RPC set' }).waitFor();
    await expectNoAxeViolations(page, 'shell without an RPC');
    await screenshot(page, 'no-rpc-notice');

    await notice.getByRole('button', { name: 'Choose an RPC' }).click();
    await page.getByRole('radio', { name: 'My own node or provider URL' }).check();
    await page.getByLabel('RPC URL', { exact: true }).fill(LOCAL_RPC);
    await page.getByRole('button', { name: 'Use this RPC' }).click();
    await page.getByRole('tab', { name: 'Portfolio' }).waitFor();
    await expect.poll(() => notice.count()).toBe(0);
    expect(await mainnetRpcUrls(page)).toEqual([LOCAL_RPC]);
  });

  it('an approval names its network; a chain that calls itself Ethereum under chain id 5 is danger and needs a second step', async () => {
    const server = await startDappServer();
    closeServer = server.close;
    ballast = await launchBallast();
    const popup = await ballast.openPopup();
    await expectOk(popup, 'wallet:importMnemonic', { mnemonic: DEV_MNEMONIC, password: PASSWORD });

    const dapp = await ballast.context.newPage();
    await dapp.goto(`${server.origin}/`);
    const opened = waitForPage(ballast.context, 'approval.html');
    await dapp.evaluate((rpcUrl) => {
      type Announced = { info: { name: string }; provider: { request(a: unknown): Promise<unknown> } };
      const w = window as unknown as { __providers: Announced[]; __answer?: unknown };
      const provider = w.__providers.find((p) => p.info.name === 'Ballast')!.provider;
      const chain = {
        chainId: '0x5',
        chainName: 'Ethereum Mainnet',
        rpcUrls: [rpcUrl],
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      };
      void provider.request({ method: 'wallet_addEthereumChain', params: [chain] }).then(
        (result) => (w.__answer = { result }),
        (error: { code?: number }) => (w.__answer = { error: error.code }),
      );
    }, LOCAL_RPC);
    const approval = await opened;

    // The network the request was made on, by name and chain id (the test build's devnet is active).
    await expect.poll(() => approval.getByTestId('request-network').textContent()).toBe('Network: Ballast devnet · chain id 1');
    const claim = approval.getByTestId('chain-claim');
    await claim.waitFor();
    expect(await claim.getByTestId('risk-flag').getAttribute('data-severity')).toBe('danger');
    const numbers = Object.fromEntries(
      await claim.getByTestId('risk-number').evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-name'), c.textContent])),
    );
    expect(numbers).toMatchObject({ 'Claimed network': 'Ethereum', "Ethereum's chain id": '1', 'Requested chain id': '5' });

    // Past the click-through delay, Add network stays disabled until the second step.
    const add = approval.getByRole('button', { name: 'Add network' });
    await approval.locator('button[data-armed="true"]').waitFor();
    expect(await add.isDisabled()).toBe(true);
    await expectNoAxeViolations(approval, 'approval: add a chain that claims Ethereum');
    await screenshot(approval, 'approval-chain-claim');
    await approval.getByRole('checkbox', { name: 'I understand this is not Ethereum' }).check();
    expect(await add.isEnabled()).toBe(true);

    const closed = waitForClose(approval);
    await add.click().catch((e: Error) => {
      if (!/closed/i.test(e.message)) throw e; // the window closes under the click
    });
    await closed;
    expect(await dapp.waitForFunction(() => (window as unknown as { __answer?: unknown }).__answer).then((h) => h.jsonValue())).toEqual({
      result: null,
    });
    const { networks } = (await expectOk(popup, 'networks:list')) as NetworkList;
    expect(networks.find((n) => n.chainId === 5)).toMatchObject({ name: 'Ethereum Mainnet', rpcUrls: [LOCAL_RPC] });
  });
});
