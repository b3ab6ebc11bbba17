import '../../lib/polyfills';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEther, type Address, type PublicClient } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { createMemoryFlowStore, type FlowState } from '../../lib/flows';
import { createFlowsService } from '../../lib/flows/service';
import type { StoredFlowPreview } from '../../lib/flows/storage-item';
import { AppError, type HardwareErrorCode } from '../../lib/errors';
import type { DeviceRequest } from '../../lib/hardware/device-request';
import { derivationPath } from '../../lib/hardware/derivation';
import { signOnLedger } from '../../lib/hardware/sign-request';
import { createActivityService } from '../../lib/wallet/activity';
import { createDeviceBridge } from '../../lib/wallet/hardware/bridge';
import { createWalletService } from '../../lib/wallet/wallet-service';
import { LedgerDouble } from '../hardware/ledger-double';
import { memoryItem, memoryItems, TEST_MNEMONIC } from '../unit/provider-harness';
import { startDevnet, type Devnet } from './devnet';

/**
 * Stake & deploy from a Ledger account (issue #17 item 3): every step is one device request through the bridge, which
 * the test answers as the device window does (the real hw-app-eth signer over the device double). A refusal on the
 * device stops the flow before that step is sent, with nothing lost; Retry asks the device again and the flow ends on
 * chain with every transaction from the Ledger's address, nonces in order.
 */
const PATH = derivationPath('ledger-live', 2);
const LEDGER: Address = mnemonicToAccount(TEST_MNEMONIC, { path: `m/${PATH}` as `m/44'/60'/${string}` }).address;

describe('a Stake & deploy flow signed on a Ledger', () => {
  let devnet: Devnet;
  const items = memoryItems();
  const store = createMemoryFlowStore();
  const double = new LedgerDouble({ mnemonic: TEST_MNEMONIC });
  const seen: DeviceRequest[] = [];
  let rejectRequest = -1;

  /** The device window: each new request is signed on the double, or refused when the test says so. */
  async function page(request: DeviceRequest): Promise<void> {
    double.mode = seen.length - 1 === rejectRequest ? 'reject' : 'ok';
    try {
      await bridge.answer(request.id, await signOnLedger(request, async () => double));
    } catch (error) {
      bridge.fail(request.id, (error instanceof AppError ? error.code : 'hardware.failed') as HardwareErrorCode);
    }
  }
  const bridge = createDeviceBridge({
    onChange: (pending) => {
      for (const request of pending) {
        if (seen.some((s) => s.id === request.id)) continue;
        seen.push(request);
        void page(request);
      }
    },
  });

  const wallet = createWalletService({ vault: items.vault, accounts: items.accounts, meta: items.meta, session: items.session });
  let flows: ReturnType<typeof createFlowsService>;
  let settle: ((state: FlowState) => void) | undefined;
  const nextEnd = () => new Promise<FlowState>((resolve) => (settle = resolve));

  beforeAll(async () => {
    devnet = await startDevnet();
    await devnet.ctx.client.setBalance({ address: LEDGER, value: parseEther('10') });
    await wallet.addHardwareAccounts('ledger', [{ address: LEDGER, path: PATH }]);
    flows = createFlowsService({
      wallet,
      devices: bridge,
      activity: createActivityService({ item: items.activity }),
      network: async () => ({ chainId: 1, rpcUrls: [devnet.rpcUrl] }),
      client: async () => devnet.ctx.client as unknown as PublicClient,
      alarms: { create: () => undefined, clear: async () => true, get: async () => undefined },
      store,
      previewItem: memoryItem<StoredFlowPreview | null>(null),
      onUpdate: () =>
        void store.list().then((all) => {
          const flow = all.find((f) => f.status === 'done' || f.status === 'failed');
          if (flow && settle) {
            settle(flow);
            settle = undefined;
          }
        }),
    });
  }, 120_000);
  afterAll(async () => devnet?.stop());

  it('one device request per step; Reject on step 2 stops before sending it; Retry finishes from the Ledger', async () => {
    const preview = await flows.plan({ recipeId: 'aave:wstETH', amountText: '1' });
    expect(preview.status).toBe('ok');
    expect(preview.plan.from).toBe(LEDGER);
    const steps = preview.plan.steps.length;
    expect(steps).toBeGreaterThanOrEqual(3);
    const nonceBefore = await devnet.ctx.client.getTransactionCount({ address: LEDGER });

    rejectRequest = 1; // the second device request: step 2
    let ended = nextEnd();
    await flows.start(preview.previewId);
    const stopped = await ended;
    expect(stopped.status).toBe('failed');
    expect(stopped.failure).toMatchObject({ step: 1, beforeSending: true, error: { code: 'hardware.rejected' } });
    expect(await devnet.ctx.client.getTransactionCount({ address: LEDGER })).toBe(nonceBefore + 1);
    expect(seen).toHaveLength(2);
    expect(seen.every((r) => r.account === LEDGER && r.path === PATH && r.task.kind === 'transaction')).toBe(true);

    rejectRequest = -1;
    ended = nextEnd();
    await flows.retry(stopped.id);
    const done = await ended;
    expect(done.status).toBe('done');
    // Step 1 once, step 2 twice (refused, then signed), then one request per remaining step.
    expect(seen).toHaveLength(steps + 1);
    for (const [i, step] of done.steps.entries()) {
      const tx = await devnet.ctx.client.getTransaction({ hash: step.hash! });
      expect([tx.from, tx.nonce]).toEqual([LEDGER.toLowerCase(), nonceBefore + i]);
    }
    expect(await devnet.ctx.client.getTransactionCount({ address: LEDGER })).toBe(nonceBefore + steps);
  }, 180_000);
});
