import type { Page } from 'playwright-core';
import { createPublicClient, http, type Address, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { MULTICALL3 } from '../../lib/restaking/addresses';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { placeDouble } from '../devnet/seed/abi';
import { placeEthUsdFeed } from '../devnet/seed/eth-usd';
import { startDappServer } from './dapp-server';
import { decideInWindow, expectOk, launchBallast, onboardOnDevnet, waitForPage, type Ballast, type LaunchOptions } from './harness';
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
