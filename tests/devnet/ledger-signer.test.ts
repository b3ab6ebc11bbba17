import '../../lib/polyfills';
import { createPublicClient, http, parseEther, type Hex, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { mnemonicToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredActivity } from '../../lib/storage/items';
import { derivationPath } from '../../lib/hardware/derivation';
import { ledgerSigner } from '../../lib/hardware/ledger-signer';
import { prepareFromNode, sendPrepared } from '../../lib/wallet/transactions';
import { LedgerDouble } from '../hardware/ledger-double';
import { DEV_MNEMONIC, devAccount } from './context';
import { startDevnet, type Devnet } from './devnet';
import { waitMined } from './mined';

/**
 * A Ledger account through the one transaction path on a real node: the device double (anvil's dev seed, Ledger Live
 * account 1, an address anvil does not fund or unlock) signs through hw-app-eth and LedgerSigner; anvil must accept
 * the raw transaction, recover the same sender and move the value.
 */
const PATH = derivationPath('ledger-live', 1);
const LEDGER = mnemonicToAccount(DEV_MNEMONIC, { path: `m/${PATH}` as `m/44'/60'/${string}` }).address;
const RECIPIENT = devAccount(7).address;

describe('a Ledger account sends on the devnet', () => {
  let devnet: Devnet;
  let client: PublicClient;
  const double = new LedgerDouble({ mnemonic: DEV_MNEMONIC });
  const signer = ledgerSigner({ address: LEDGER, path: PATH, transport: async () => double });
  const activity: StoredActivity[] = [];
  const send = (legacy: boolean, value: bigint, data?: Hex) =>
    prepareFromNode(client, { chainId: 1, from: LEDGER, to: RECIPIENT, value, ...(data ? { data } : {}) }, { legacy }).then((tx) =>
      sendPrepared({ client, activeChainId: 1, signer, tx, activity: { add: async (e) => void activity.push(e) }, origin: 'test' }),
    );

  beforeAll(async () => {
    devnet = await startDevnet({ seed: false });
    client = createPublicClient({ chain: mainnet, transport: http(devnet.rpcUrl) }) as PublicClient;
    await devnet.ctx.client.setBalance({ address: LEDGER, value: parseEther('5') });
  }, 60_000);
  afterAll(async () => devnet?.stop());

  for (const [kind, legacy, value] of [
    ['EIP-1559', false, parseEther('0.25')],
    ['legacy', true, parseEther('0.125')],
  ] as const)
    it(`an ${kind} transaction signed on the Ledger lands, from the Ledger account, moving exactly its value`, async () => {
      const before = await client.getBalance({ address: RECIPIENT });
      const hash = await send(legacy, value);
      const receipt = await waitMined(client, hash);
      expect(receipt.status).toBe('success');
      const tx = await client.getTransaction({ hash });
      expect(tx.from).toBe(LEDGER.toLowerCase());
      expect(tx.type).toBe(legacy ? 'legacy' : 'eip1559');
      if (legacy) expect([37n, 38n]).toContain(tx.v); // EIP-155 on chain 1
      expect((await client.getBalance({ address: RECIPIENT })) - before).toBe(value);
      expect(activity.at(-1)).toMatchObject({ hash, from: LEDGER, status: 'pending' });
    });

  it('blind signing off: a contract call stops at hardware.blind-signing-disabled and nothing reaches the node', async () => {
    const nonce = await client.getTransactionCount({ address: LEDGER });
    const listed = activity.length;
    double.blindSigning = false;
    try {
      await expect(send(false, 0n, '0xd0e30db0')).rejects.toMatchObject({ code: 'hardware.blind-signing-disabled' });
    } finally {
      double.blindSigning = true;
    }
    expect(await client.getTransactionCount({ address: LEDGER, blockTag: 'pending' })).toBe(nonce);
    expect(activity.length).toBe(listed);
  });

  it('another Ledger (another seed) for this account: hardware.wrong-device, nothing broadcast', async () => {
    const nonce = await client.getTransactionCount({ address: LEDGER });
    const other = new LedgerDouble({
      mnemonic: 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
    });
    const wrong = ledgerSigner({ address: LEDGER, path: PATH, transport: async () => other });
    const tx = await prepareFromNode(client, { chainId: 1, from: LEDGER, to: RECIPIENT, value: 1n });
    await expect(
      sendPrepared({ client, activeChainId: 1, signer: wrong, tx, activity: { add: async () => undefined }, origin: 'test' }),
    ).rejects.toMatchObject({
      code: 'hardware.wrong-device',
    });
    expect(await client.getTransactionCount({ address: LEDGER, blockTag: 'pending' })).toBe(nonce);
  });
});
