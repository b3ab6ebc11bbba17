import type { Page } from 'playwright-core';
import { createPublicClient, http, type Address, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { MULTICALL3 } from '../../lib/restaking/addresses';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { placeDouble } from '../devnet/seed/abi';
import { placeEthUsdFeed } from '../devnet/seed/eth-usd';
import { startDappServer } from './dapp-server';
import {
  decideInWindow,
  expectOk,
  launchBallast,
  onboardOnDevnet,
  waitForClose,
  waitForPage,
  type Ballast,
  type LaunchOptions,
} from './harness';
import { ask, openRecordedDapp, settled } from './worker-restart-page';

export type HardwareSession = {
  devnet: Devnet;
  ballast: Ballast;
  node: PublicClient;
  /** A Ballast page for protocol messages (the software wallet is onboarded on the devnet). */
  control: Page;
  /** Selects `account`, opens the recorded test dApp and connects it (approved in the window); returns the dApp page. */
  connectDapp(account: Address): Promise<Page>;
  close(): Promise<void>;
};

/**
 * What the hardware-account browser tests share: a bare devnet with Multicall3 and the ETH/USD feed, the test build
 * launched (with `launch` options such as the fake camera), a software wallet onboarded, and the recorded dApp.
 */
export async function startHardwareSession(launch: LaunchOptions = {}): Promise<HardwareSession> {
  const [devnet, server, ballast] = await Promise.all([startDevnet({ seed: false }), startDappServer(), launchBallast(launch)]);
  await placeDouble(devnet.ctx, 'Multicall3', MULTICALL3);
  await placeEthUsdFeed(devnet.ctx);
  const node = createPublicClient({ chain: mainnet, transport: http(devnet.rpcUrl) }) as PublicClient;
  const control = await ballast.context.newPage();
  await control.goto(ballast.url('popup.html'));
  await onboardOnDevnet(control, { rpcUrl: devnet.rpcUrl, password: 'correct horse battery' });
  return {
    devnet,
    ballast,
    node,
    control,
    async connectDapp(account) {
      await expectOk(control, 'accounts:select', { address: account });
      const dapp = await openRecordedDapp(await ballast.context.newPage(), server.origin);
      await ask(dapp, 'connect', 'eth_requestAccounts');
      await decideInWindow(await waitForPage(ballast.context, 'approval.html'), 'Connect');
      const connected = await settled(dapp, 'connect');
      if (connected.kind !== 'resolve' || JSON.stringify(connected.value) !== JSON.stringify([account.toLowerCase()]))
        throw new Error(`the dApp did not get ${account}: ${JSON.stringify(connected)}`);
      return dapp;
    },
    async close() {
      await ballast.close();
      await server.close();
      await devnet.stop();
    },
  };
}

/** The device window of the next request: its summary, then "Sign on Ledger", then it closes (an alert fails). */
export async function signNext(ballast: Ballast, check?: (device: Page) => Promise<void>): Promise<Page> {
  const device = await waitForPage(ballast.context, 'device.html');
  await device.getByTestId('device-request-summary').waitFor();
  await check?.(device);
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
  return device;
}

/** "Label value" of the device window's summary line. */
export async function summaryLine(device: Page, label: string): Promise<string> {
  const row = device.getByTestId('device-request-summary').locator('div', { has: device.locator('dt', { hasText: label }) });
  return (await row.locator('dd').textContent()) ?? '';
}

/** The device double's switches in a device window (tests/hardware/ledger-double.ts), e.g. `{ mode: 'locked' }`. */
export type DoubleSwitches = { mode?: string; blindSigning?: boolean; unplugAfter?: number | null; appClosedStatus?: number };

export function setDouble(device: Page, switches: DoubleSwitches): Promise<void> {
  return device.evaluate((s) => {
    const double = (globalThis as unknown as { ballastLedgerDouble: Record<string, unknown> }).ballastLedgerDouble;
    for (const [key, value] of Object.entries(s)) double[key] = value === null ? undefined : value;
  }, switches);
}
