import '../../lib/polyfills';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createPublicClient, http, parseEther, type Address, type Hex, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { createNetworkClient } from '../../lib/chain/clients';
import { createFlowStepSender } from '../../lib/flows/send-step';
import { createActivityService } from '../../lib/wallet/activity';
import type { StoredActivity } from '../../lib/storage/items';
import { startAnvil, type AnvilInstance } from '../devnet/anvil';
import { ACCOUNT_0, ACCOUNT_1, TEST_MNEMONIC, createHarness } from '../unit/provider-harness';
import { startFaultProxy, type FaultProxy } from './proxy';

/**
 * A Stake & deploy step goes out through the same transaction path as a dApp transaction: the checks the
 * dApp path had (the node's chain, a lost broadcast answer found by hash) hold for it too. Before the one
 * path, the step sender called eth_sendRawTransaction itself: a dropped answer failed the step although the
 * node had it, and a node on another chain was sent the step.
 */
let anvil: AnvilInstance;
let proxy: FaultProxy;
let node: PublicClient;

beforeAll(async () => {
  anvil = await startAnvil();
  proxy = await startFaultProxy(anvil.rpcUrl);
  node = createPublicClient({ chain: mainnet, transport: http(anvil.rpcUrl, { retryCount: 0 }) });
});
afterAll(async () => {
  await proxy?.stop();
  await anvil?.stop();
});
beforeEach(() => {
  proxy.clearFaults();
  proxy.resetCounts();
});

async function stepSender(activeChainId = 1) {
  const client = createNetworkClient({
    key: 'devnet',
    chainId: 1,
    name: 'devnet behind a proxy',
    rpcUrls: [proxy.url],
    nativeSymbol: 'ETH',
    builtIn: true,
  });
  const h = createHarness(client);
  await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
  let log: StoredActivity[] = [];
  const activity = createActivityService({
    item: { getValue: async () => log, setValue: async (v: StoredActivity[]) => void (log = v) } as never,
  });
  const send = createFlowStepSender({
    wallet: h.wallet,
    activity,
    client: async () => client,
    network: async () => ({ chainId: activeChainId }),
  });
  return { send, activity: () => log };
}

const step = async (chainId = 1) => ({
  from: ACCOUNT_0 as Address,
  to: ACCOUNT_1 as Address,
  data: '0x' as Hex,
  value: parseEther('0.001'),
  nonce: await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' }),
  chainId,
});

describe('a flow step through the one transaction path', () => {
  test('the broadcast answer is lost after the node accepted: the step gets its hash, one transaction at the nonce', async () => {
    const { send, activity } = await stepSender();
    const tx = await step();
    proxy.fault('eth_sendRawTransaction', { kind: 'forward-then-drop' });
    const hash = await send(tx);
    const mined = await node.getTransaction({ hash });
    expect(mined.nonce).toBe(tx.nonce);
    expect(await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' })).toBe(tx.nonce + 1);
    // Listed in Activity with what a speed-up needs.
    expect(activity()[0]).toMatchObject({ hash, nonce: tx.nonce, origin: 'Ballast · Stake & deploy', kind: 'transaction' });
    expect(activity()[0]!.fee?.gas).toBe(mined.gas.toString());
  });

  test('the RPC answers for chain 5: nothing is signed or broadcast', async () => {
    const { send } = await stepSender();
    const tx = await step();
    proxy.wrongChainId('0x5');
    await expect(send(tx)).rejects.toThrow(/chain 0x5/);
    expect(proxy.count('eth_sendRawTransaction')).toBe(0);
    expect(await node.getTransactionCount({ address: ACCOUNT_0, blockTag: 'pending' })).toBe(tx.nonce);
  });

  test('a step approved for chain 1 after the user switched to another network: refused with tx.wrong-chain', async () => {
    const { send } = await stepSender(10);
    const tx = await step(1);
    await expect(send(tx)).rejects.toMatchObject({ code: 'tx.wrong-chain' });
    expect(proxy.count('eth_sendRawTransaction')).toBe(0);
  });
});
