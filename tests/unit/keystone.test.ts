import '../../lib/polyfills';
import { describe, expect, test } from 'vitest';
import {
  parseEther,
  parseGwei,
  parseTransaction,
  recoverMessageAddress,
  recoverTransactionAddress,
  recoverTypedDataAddress,
  serializeTransaction,
  type Address,
  type TransactionSerializable,
} from 'viem';
import { HDKey, privateKeyToAccount } from 'viem/accounts';
import { CryptoHDKey, CryptoKeypath, CryptoMultiAccounts, PathComponent } from '@keystonehq/bc-ur-registry-eth';
import { readKeystoneSync, keystoneAccountCount, keystoneAccounts, keystoneSyncReader } from '../../lib/hardware/keystone/sync';
import { keystoneSigner, type KeystoneExchange } from '../../lib/hardware/keystone/signer';
import { keystoneRequest, readKeystoneSignature } from '../../lib/hardware/keystone/request';
import { KeystoneDevice } from '../hardware/keystone-device';

const seed = (byte: number) => new Uint8Array(64).fill(byte);
/** The address of m/44'/60'/0'/0/i derived from the private key, not from the exported public key. */
const addressAt = (device: KeystoneDevice, i: number): Address =>
  privateKeyToAccount(`0x${Buffer.from(device.master.derive(`m/44'/60'/0'/0/${i}`).privateKey!).toString('hex')}`).address;

function setup(byte = 7) {
  const device = new KeystoneDevice(seed(byte));
  const sync = readKeystoneSync(device.syncParts());
  const [account] = keystoneAccounts(sync, 0, 1);
  const shown: string[][] = [];
  const exchange: KeystoneExchange = async (request) => {
    const parts = request.parts(request.fragments);
    shown.push(parts);
    return device.answer(parts);
  };
  return { device, sync, account: account!, exchange, shown, signer: keystoneSigner(sync, account!, exchange) };
}

describe('Keystone sync (crypto-hdkey, BIP-44 standard)', () => {
  test('an animated sync code read in any order gives the device fingerprint and the addresses its keys have', () => {
    const device = new KeystoneDevice(seed(7));
    const parts = device.syncParts();
    expect(parts.length).toBeGreaterThan(1);
    const reader = keystoneSyncReader();
    let done = false;
    for (const part of [...parts].reverse()) done = reader.receive(part.toUpperCase());
    expect(done).toBe(true);
    const sync = reader.result();
    expect(sync.xfp).toBe(device.master.fingerprint.toString(16).padStart(8, '0'));
    expect(sync.keysets).toMatchObject([{ scheme: 'bip44', source: 'xpub', parentPath: "m/44'/60'/0'" }]);
    const accounts = keystoneAccounts(sync, 3, 4);
    expect(accounts.map((a) => a.path)).toEqual([3, 4, 5, 6].map((i) => `m/44'/60'/0'/0/${i}`));
    expect(accounts.map((a) => a.address)).toEqual([3, 4, 5, 6].map((i) => addressAt(device, i)));
  });

  test('a QR code that is not a sync code, and a code of another kind, are refused by name', () => {
    expect(() => readKeystoneSync(['hello'])).toThrow(expect.objectContaining({ code: 'keystone.sync.unreadable' }));
    const { sync, account } = setup();
    const request = keystoneRequest({
      kind: 'personal-message',
      signData: new Uint8Array([1]),
      path: account.path,
      xfp: sync.xfp,
      address: account.address,
    });
    expect(() => readKeystoneSync(request.parts(1))).toThrow(expect.objectContaining({ code: 'keystone.sync.unsupported' }));
    expect(() => keystoneAccounts(sync, 0, 0)).toThrow(expect.objectContaining({ code: 'keystone.sync.unreadable' }));
  });
});

/** The address at a full path from the device's private key (not from anything the sync code exported). */
const privateAddress = (device: KeystoneDevice, path: string): Address =>
  privateKeyToAccount(`0x${Buffer.from(device.master.derive(path).privateKey!).toString('hex')}`).address;

describe('Keystone multi-account sync (Ledger Live and legacy paths)', () => {
  const liveAccounts = (device: KeystoneDevice) =>
    Array.from({ length: 10 }, (_, i) => ({
      index: i,
      path: `m/44'/60'/${i}'/0/0`,
      address: privateAddress(device, `m/44'/60'/${i}'/0/0`),
    }));

  for (const [form, partsOf] of [
    ['crypto-multi-accounts', (d: KeystoneDevice) => d.multiAccountsParts()],
    ['crypto-account', (d: KeystoneDevice) => d.accountParts()],
  ] as const)
    test(`${form}: the standard key and Ledger Live's ten account keys, the Bitcoin key skipped`, () => {
      const device = new KeystoneDevice(seed(11));
      const parts = partsOf(device);
      expect(parts.length).toBeGreaterThan(1);
      expect(parts[0]!.startsWith(`ur:${form}/`)).toBe(true);
      const reader = keystoneSyncReader();
      let done = false;
      for (const part of [...parts].reverse()) done = reader.receive(part);
      expect(done).toBe(true);
      const sync = reader.result();
      expect(sync.xfp).toBe(device.xfp);
      expect(sync.keysets.map((k) => k.scheme)).toEqual(['bip44', 'ledger-live']);
      expect(keystoneAccounts(sync, 0, 10, 'ledger-live')).toEqual(liveAccounts(device));
      // A page of Ledger Live accounts from index 8: only the two the device exported.
      expect(keystoneAccounts(sync, 8, 5, 'ledger-live').map((a) => a.index)).toEqual([8, 9]);
      expect(keystoneAccountCount(sync, 'ledger-live')).toBe(10);
      // BIP-44 from the standard key, unbounded.
      expect(keystoneAccounts(sync, 2, 2, 'bip44')).toEqual(
        [2, 3].map((i) => ({ index: i, path: `m/44'/60'/0'/0/${i}`, address: privateAddress(device, `m/44'/60'/0'/0/${i}`) })),
      );
      expect(keystoneAccountCount(sync, 'bip44')).toBe(Number.POSITIVE_INFINITY);
      expect(keystoneAccountCount(sync, 'legacy')).toBe(0);
    });

  test("a Ledger legacy sync (the account key noted account.ledger_legacy): addresses at m/44'/60'/0'/x", () => {
    const device = new KeystoneDevice(seed(12));
    const sync = readKeystoneSync(device.legacySyncParts());
    expect(sync.keysets.map((k) => k.scheme)).toEqual(['legacy']);
    expect(keystoneAccounts(sync, 0, 3)).toEqual(
      [0, 1, 2].map((i) => ({ index: i, path: `m/44'/60'/0'/${i}`, address: privateAddress(device, `m/44'/60'/0'/${i}`) })),
    );
    // Not the BIP-44 addresses: the legacy scheme puts the index one level up.
    expect(keystoneAccounts(sync, 1, 1)[0]!.address).not.toBe(addressAt(device, 1));
  });

  test("a Ledger Live account signs at its own path: the device is asked for m/44'/60'/3'/0/0 and the signature recovers", async () => {
    const device = new KeystoneDevice(seed(13));
    const sync = readKeystoneSync(device.multiAccountsParts());
    const account = keystoneAccounts(sync, 3, 1, 'ledger-live')[0]!;
    const signer = keystoneSigner(sync, account, async (request) => device.answer(request.parts(request.fragments)));
    const message = 'Ledger Live account 4 on a Keystone';
    expect(await recoverMessageAddress({ message, signature: await signer.signMessage(message) })).toBe(account.address);
    expect(device.seen[0]!.getDerivationPath()).toBe("44'/60'/3'/0/0");
  });

  test('a multi-account code with no Ethereum key is refused as unsupported, by name', () => {
    const device = new KeystoneDevice(seed(14));
    const btcOnly = new CryptoMultiAccounts(Buffer.from(device.xfp, 'hex'), [
      new CryptoHDKey({
        isMaster: false,
        key: Buffer.from(device.master.derive("m/84'/0'/0'").publicKey!),
        chainCode: Buffer.from(device.master.derive("m/84'/0'/0'").chainCode!),
        origin: new CryptoKeypath(
          [84, 0, 0].map((index) => new PathComponent({ index, hardened: true })),
          Buffer.from(device.xfp, 'hex'),
        ),
      }),
    ]);
    expect(() => readKeystoneSync([btcOnly.toUREncoder(400).nextPart()])).toThrow(
      expect.objectContaining({ code: 'keystone.sync.unsupported' }),
    );
  });
});

describe('Keystone signing through QR codes', () => {
  const base = {
    chainId: 1,
    nonce: 4,
    to: '0x00000000000000000000000000000000000b0b00' as Address,
    value: parseEther('0.5'),
    gas: 21_000n,
  };

  test('an EIP-1559 transaction: the device saw exactly these fields and the signature recovers to the account', async () => {
    const { signer, account, device } = setup();
    const tx: TransactionSerializable = {
      ...base,
      type: 'eip1559',
      maxFeePerGas: parseGwei('30'),
      maxPriorityFeePerGas: parseGwei('2'),
      data: '0xabcdef',
    };
    const signed = await signer.signTransaction(tx);
    expect(await recoverTransactionAddress({ serializedTransaction: signed as never })).toBe(account.address);
    const { r: _r, s: _s, v: _v, yParity: _y, ...fields } = parseTransaction(signed);
    expect(fields).toEqual({ ...tx, type: 'eip1559' });
    expect(`0x${device.seen[0]!.getSignData().toString('hex')}`).toBe(serializeTransaction(tx));
    expect(device.seen[0]!.getDerivationPath()).toBe("44'/60'/0'/0/0");
    expect(device.seen[0]!.getChainId()).toBe(1);
  });

  test('a legacy transaction is signed with EIP-155 (v = 37 or 38 on chain 1)', async () => {
    const { signer, account } = setup();
    const signed = await signer.signTransaction({ ...base, type: 'legacy', gasPrice: parseGwei('20') });
    const parsed = parseTransaction(signed);
    expect([37n, 38n]).toContain(parsed.v);
    expect(parsed.gasPrice).toBe(parseGwei('20'));
    expect(await recoverTransactionAddress({ serializedTransaction: signed as never })).toBe(account.address);
  });

  test('personal_sign and typed data recover to the account', async () => {
    const { signer, account } = setup();
    const message = 'Sign in to restake.example\nNonce: 42';
    expect(await recoverMessageAddress({ message, signature: await signer.signMessage(message) })).toBe(account.address);
    const typed = {
      domain: { name: 'Ballast test', version: '1', chainId: 1, verifyingContract: base.to },
      types: {
        Mail: [
          { name: 'to', type: 'address' },
          { name: 'amount', type: 'uint256' },
        ],
      },
      primaryType: 'Mail' as const,
      message: { to: base.to, amount: 10n ** 30n },
    };
    const signature = await signer.signTypedData(typed);
    expect(await recoverTypedDataAddress({ ...typed, signature })).toBe(account.address);
  });

  test('a signature from another key is refused as the wrong device, and nothing signed is returned', async () => {
    const { signer, device, account } = setup();
    device.signWith = HDKey.fromMasterSeed(seed(9));
    await expect(signer.signTransaction({ ...base, type: 'eip1559', maxFeePerGas: 1n, maxPriorityFeePerGas: 1n })).rejects.toMatchObject({
      code: 'hardware.wrong-device',
    });
    await expect(signer.signMessage('hi')).rejects.toMatchObject({
      code: 'hardware.wrong-device',
      details: expect.stringContaining(account.address),
    });
  });

  test('a signature scanned for an earlier request is refused as stale', async () => {
    const { signer, device } = setup();
    device.answerRequestId = '00000000-0000-4000-8000-000000000000';
    await expect(signer.signMessage('hi')).rejects.toMatchObject({ code: 'keystone.signature.stale' });
  });

  test('a long request is an animated code whose frames the device reassembles', async () => {
    const { signer, shown, account } = setup();
    const data = `0x${'ab'.repeat(1500)}` as const;
    const signed = await signer.signTransaction({
      ...base,
      type: 'eip1559',
      maxFeePerGas: 5n,
      maxPriorityFeePerGas: 1n,
      data,
      gas: 200_000n,
    });
    expect(shown[0]!.length).toBeGreaterThan(5);
    expect(new Set(shown[0]).size).toBe(shown[0]!.length);
    expect(await recoverTransactionAddress({ serializedTransaction: signed as never })).toBe(account.address);
  });

  test('garbage in place of a signature is refused as unreadable', () => {
    expect(() => readKeystoneSignature('x', ['ur:bytes/hello'])).toThrow(
      expect.objectContaining({ code: 'keystone.signature.unreadable' }),
    );
  });
});
