import { afterAll, beforeAll } from 'vitest';
import { getAddress, keccak256, parseEther, toHex, type Address, type Hex } from 'viem';
import { createFlowExecutor, type FlowExecutor, type FlowExecutorDeps, type FlowStore, type PlanFlowDeps } from '../../lib/flows';
import type { FlowExecutorOptions } from '../../lib/flows/executor';
import type { DevnetContext } from './context';
import { startDevnet, type Devnet } from './devnet';
import { waitMined } from './mined';

export type FlowsFixture = {
  /** The running devnet (only inside tests and hooks: it starts in beforeAll). */
  devnet(): Devnet;
  client(): DevnetContext['client'];
  /** A fresh impersonated account with 100 ETH, so tests share one devnet without sharing nonces. */
  freshUser(): Promise<Address>;
  /** The test signer: anvil signs for the impersonated account through eth_sendTransaction. */
  sendTransaction: FlowExecutorDeps['sendTransaction'];
  waitForReceipt: FlowExecutorDeps['waitForReceipt'];
  executorOn(store: FlowStore, overrides?: Partial<FlowExecutorOptions>): FlowExecutor;
  planDeps(): PlanFlowDeps;
  nonceOf(address: Address): Promise<number>;
};

export type UseFlowsDevnetParameters = {
  /** Seeds the fresh users' addresses; each file keeps its own so their accounts never collide. */
  userLabel: string;
  /** Options every executor of the file gets unless a test overrides them (e.g. a short pool poll). */
  executorDefaults?: Partial<FlowExecutorOptions>;
};

/**
 * One seeded devnet per test file for the flow tests (started in beforeAll, stopped in afterAll), with
 * the signer, receipts, executor and planner wiring they all share.
 */
export function useFlowsDevnet({ userLabel, executorDefaults = {} }: UseFlowsDevnetParameters): FlowsFixture {
  let devnet: Devnet | undefined;
  let userSeq = 0;
  const running = (): Devnet => {
    if (!devnet) throw new Error('The flows devnet is not running: use it inside a test or hook.');
    return devnet;
  };
  const client = () => running().ctx.client;

  beforeAll(async () => {
    devnet = await startDevnet();
  });
  afterAll(async () => {
    // A test that turned automine off and then failed must not leave it off for the stop.
    await devnet?.ctx.client.setAutomine(true).catch(() => undefined);
    await devnet?.stop();
  });

  const sendTransaction: FlowExecutorDeps['sendTransaction'] = (tx) =>
    client().request({
      method: 'eth_sendTransaction',
      params: [{ from: tx.from, to: tx.to, data: tx.data, value: toHex(tx.value), nonce: toHex(tx.nonce) }],
    } as never) as Promise<Hex>;
  const waitForReceipt: FlowExecutorDeps['waitForReceipt'] = async (hash) => {
    const r = await waitMined(client(), hash);
    return { status: r.status, blockNumber: r.blockNumber, gasUsed: r.gasUsed };
  };

  return {
    devnet: running,
    client,
    async freshUser() {
      const address = getAddress(keccak256(toHex(`${userLabel}-${userSeq++}`)).slice(0, 42));
      await client().setBalance({ address, value: parseEther('100') });
      await client().impersonateAccount({ address });
      return address;
    },
    sendTransaction,
    waitForReceipt,
    executorOn: (store, overrides = {}) =>
      createFlowExecutor({
        client: client(),
        sendTransaction,
        waitForReceipt,
        store,
        now: () => Date.now(),
        ...executorDefaults,
        ...overrides,
      }),
    planDeps: () => ({ client: client(), chainId: 1, now: () => Date.now() }),
    nonceOf: (address) => client().getTransactionCount({ address }),
  };
}
