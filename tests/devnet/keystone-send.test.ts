import '../../lib/polyfills';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublicClient, http, parseEther, type Address, type PublicClient } from 'viem';
import type { StoredActivity } from '../../lib/storage/items';
import { mainnet } from 'viem/chains';
import { prepareFromNode } from '../../lib/wallet/transactions/prepared';
import { sendPrepared } from '../../lib/wallet/transactions/send';
import { keystoneAccounts, readKeystoneSync } from '../../lib/hardware/keystone/sync';
import { keystoneSigner } from '../../lib/hardware/keystone/signer';
import { KeystoneDevice } from '../hardware/keystone-device';
import { startAnvil, type AnvilInstance } from './anvil';
import { waitMined } from './mined';

/**
 * A Keystone account on the one transaction path: the same sendPrepared the software accounts use,
 * with the signature coming back through QR codes from the device double. Both an EIP-1559 and a
 * legacy transaction land on anvil and carry exactly the prepared fields.
 */
let anvil: AnvilInstance;
let node: PublicClient;
const device = new KeystoneDevice(new Uint8Array(64).fill(3));
const sync = readKeystoneSync(device.syncParts());
const [account] = keystoneAccounts(sync, 0, 1);
const signer = keystoneSigner(sync, account!, async (request) => device.answer(request.parts(request.fragments)));
const to: Address = '0x000000000000000000000000000000000000dEaD';

beforeAll(async () => {
  anvil = await startAnvil();
  node = createPublicClient({ chain: mainnet, transport: http(anvil.rpcUrl, { retryCount: 0 }) });
  await node.request({ method: 'anvil_setBalance' as never, params: [account!.address, `0x${parseEther('10').toString(16)}`] as never });
});
afterAll(async () => anvil?.stop());

describe('a Keystone account sends through the one transaction path', () => {
  test.each([['eip1559', false] as const, ['legacy', true] as const])(
    '%s transfer lands with the prepared fields',
    async (type, legacy) => {
      const before = await node.getBalance({ address: to });
      const tx = await prepareFromNode(node, { chainId: 1, from: account!.address, to, value: parseEther('0.3') }, { legacy });
      const added: StoredActivity[] = [];
      const hash = await sendPrepared({
        client: node,
        activeChainId: 1,
        signer,
        tx,
        activity: { add: async (entry: StoredActivity) => void added.push(entry) },
        origin: 'Ballast · Send',
      });
      const receipt = await waitMined(node, hash);
      expect(receipt.status).toBe('success');
      expect(receipt.from.toLowerCase()).toBe(account!.address.toLowerCase());
      const onChain = await node.getTransaction({ hash });
      expect(onChain.type).toBe(type);
      expect([onChain.nonce, onChain.gas, onChain.value]).toEqual([tx.nonce, tx.gas, tx.value]);
      if (tx.type === 'legacy') expect(onChain.gasPrice).toBe(tx.gasPrice);
      else expect([onChain.maxFeePerGas, onChain.maxPriorityFeePerGas]).toEqual([tx.maxFeePerGas, tx.maxPriorityFeePerGas]);
      expect((await node.getBalance({ address: to })) - before).toBe(parseEther('0.3'));
      expect(added.map((a) => a.hash)).toEqual([hash]);
    },
  );
});
