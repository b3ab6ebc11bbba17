import '../../lib/polyfills';
import { SignTypedDataVersion, TypedDataUtils, signTypedData } from '@metamask/eth-sig-util';
import { TransportStatusError } from '@ledgerhq/hw-transport';
import { recoverMessageAddress, recoverTransactionAddress, toHex, type TransactionSerializable, type TypedDataDefinition } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { toRpcError } from '../../lib/provider/errors';
import { derivationPath } from '../../lib/hardware/derivation';
import { mapLedgerError } from '../../lib/hardware/ledger-errors';
import { ledgerSigner } from '../../lib/hardware/ledger-signer';
import type { TransactionSigner } from '../../lib/wallet/transactions/signer';
import { LedgerDouble, type LedgerDoubleMode } from '../hardware/ledger-double';

const SEED = 'test test test test test test test test test test test junk';
const OTHER_SEED = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const PATH = derivationPath('ledger-live', 2);
/** The same key in software: the reference every hardware signature is compared with (RFC 6979: same bytes). */
const software = mnemonicToAccount(SEED, { path: `m/${PATH}` as `m/44'/60'/${string}` });
const TO = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

function setup(seed = SEED, timeoutMs?: number) {
  const double = new LedgerDouble({ mnemonic: seed });
  let opened = 0;
  const signer = ledgerSigner({
    address: software.address,
    path: PATH,
    transport: async () => {
      opened++;
      return double;
    },
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  return { double, signer, opened: () => opened };
}

const TXS: [string, TransactionSerializable][] = [
  [
    'EIP-1559',
    { chainId: 1, nonce: 4, maxFeePerGas: 40_000_000_000n, maxPriorityFeePerGas: 2_000_000_000n, gas: 21_000n, to: TO, value: 10n ** 17n },
  ],
  ['legacy (EIP-155, chain 1)', { type: 'legacy', chainId: 1, nonce: 5, gasPrice: 25_000_000_000n, gas: 21_000n, to: TO, value: 1n }],
  [
    'legacy without a chain id (pre-EIP-155: the app answers v 37/38, the signer writes 27/28)',
    { type: 'legacy', nonce: 1, gasPrice: 3n, gas: 21_000n, to: TO, value: 2n },
  ],
  ['legacy on chain 56 (v 147/148)', { chainId: 56, nonce: 0, gasPrice: 3n, gas: 21_000n, to: TO, value: 1n }],
  [
    'EIP-2930',
    { chainId: 1, nonce: 6, gasPrice: 9n, gas: 40_000n, to: TO, accessList: [{ address: TO, storageKeys: [toHex(1, { size: 32 })] }] },
  ],
  [
    'EIP-1559 with 1,000 bytes of call data',
    { chainId: 1, nonce: 7, maxFeePerGas: 9n, maxPriorityFeePerGas: 1n, gas: 90_000n, to: TO, data: `0x${'5a'.repeat(1000)}` },
  ],
];

const MAIL = {
  domain: { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
  types: {
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallet', type: 'address' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person' },
      { name: 'contents', type: 'string' },
    ],
  },
  primaryType: 'Mail',
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
} as const;

describe('LedgerSigner over the device double and the real hw-app-eth', () => {
  it('is a TransactionSigner of kind hardware for its account', () => {
    const signer: TransactionSigner = setup().signer;
    expect(signer).toMatchObject({ kind: 'hardware', address: software.address });
  });

  for (const [name, tx] of TXS)
    it(`signs a ${name} transaction: the same bytes as the software key, recovering to the account`, async () => {
      const { signer, double, opened } = setup();
      const signed = await signer.signTransaction(tx);
      expect(signed).toBe(await software.signTransaction(tx));
      expect(await recoverTransactionAddress({ serializedTransaction: signed as never })).toBe(software.address);
      expect(opened()).toBe(1);
      expect(double.closed).toBe(1);
    });

  it('personal_sign: the same signature as the software key (EIP-191), recovering to the account', async () => {
    const { signer } = setup();
    const message = toHex('Sign in to Ballast\nNonce: 42');
    const signature = await signer.signPersonalMessage(message);
    expect(signature).toBe(await software.signMessage({ message: { raw: message } }));
    expect(await recoverMessageAddress({ message: { raw: message }, signature })).toBe(software.address);
  });

  const typedForSigUtil = {
    ...MAIL,
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
      ],
      ...MAIL.types,
    },
  } as never;
  const key = () => Buffer.from(software.getHdKey().privateKey!);

  it("eth_signTypedData_v4 in the app's EIP-712 mode: types and values streamed, eth-sig-util's signature and hashes", async () => {
    const { signer, double } = setup();
    const { signature, domainHash, messageHash, mode } = await signer.signTypedData(MAIL as unknown as TypedDataDefinition);
    expect(mode).toBe('full');
    expect(double.log.filter((e) => e.apdu.startsWith('e01a')).length).toBe(3 + 4 + 3 + 2); // 3 structs, 9 fields
    expect(double.log.some((e) => e.apdu.startsWith('e00c0001'))).toBe(true);
    expect(domainHash).toBe(toHex(TypedDataUtils.eip712DomainHash(typedForSigUtil, SignTypedDataVersion.V4)));
    expect(messageHash).toBe(toHex(TypedDataUtils.hashStruct('Mail', MAIL.message, MAIL.types as never, SignTypedDataVersion.V4)));
    expect(signature).toBe(signTypedData({ privateKey: key(), data: typedForSigUtil, version: SignTypedDataVersion.V4 }));
  });

  it('an app without EIP-712 structs (0x6D00): the same signature through the hashes, mode "hashed"', async () => {
    const { signer, double } = setup();
    double.eip712Full = false;
    const { signature, mode } = await signer.signTypedData(MAIL as unknown as TypedDataDefinition);
    expect(mode).toBe('hashed');
    expect(double.log.at(-1)!.apdu.startsWith('e00c0000')).toBe(true);
    expect(signature).toBe(signTypedData({ privateKey: key(), data: typedForSigUtil, version: SignTypedDataVersion.V4 }));
  });

  it("typed data with bigints and no EIP712Domain type (viem's shape) signs in full mode", async () => {
    const { signer } = setup();
    const permit = {
      domain: { name: 'Token', version: '1', chainId: 1n, verifyingContract: TO },
      types: {
        Permit: [
          { name: 'owner', type: 'address' },
          { name: 'value', type: 'uint256' },
          { name: 'deadline', type: 'int64' },
        ],
      },
      primaryType: 'Permit',
      message: { owner: software.address, value: 10n ** 30n, deadline: -5n },
    } as const;
    const { signature, mode } = await signer.signTypedData(permit);
    expect(mode).toBe('full');
    expect(signature).toBe(await software.signTypedData(permit));
  });
});

describe('device answers → typed errors a person can act on', () => {
  const cases: [LedgerDoubleMode | 'blind' | 'mid-unplug', string][] = [
    ['reject', 'hardware.rejected'],
    ['locked', 'hardware.locked'],
    ['app-closed', 'hardware.app-closed'],
    ['unplugged', 'hardware.unplugged'],
    ['blind', 'hardware.blind-signing-disabled'],
    ['mid-unplug', 'hardware.unplugged'],
  ];
  const contractCall: TransactionSerializable = {
    chainId: 1,
    nonce: 0,
    maxFeePerGas: 2n,
    maxPriorityFeePerGas: 1n,
    gas: 90_000n,
    to: TO,
    data: `0x${'00'.repeat(400)}`,
  };
  for (const [sw, code] of cases)
    it(`${sw} → ${code}, with what to do`, async () => {
      const { signer, double } = setup();
      if (sw === 'blind') double.blindSigning = false;
      else if (sw === 'mid-unplug') double.unplugAfter = 1;
      else double.mode = sw;
      const error = await signer.signTransaction(contractCall).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
      expect((error as AppError).details?.length).toBeGreaterThan(20);
      if (sw === 'mid-unplug') expect(double.log.length).toBe(2);
    });

  for (const sw of [0x6e00, 0x6d00, 0x6511])
    it(`the dashboard's 0x${sw.toString(16)} → hardware.app-closed`, async () => {
      const { signer, double } = setup();
      double.mode = 'app-closed';
      double.appClosedStatus = sw;
      await expect(signer.signPersonalMessage('0x74657374')).rejects.toMatchObject({ code: 'hardware.app-closed' });
    });

  it('reject on a message and on typed data → hardware.rejected, which a page receives as EIP-1193 4001', async () => {
    const { signer, double } = setup();
    double.mode = 'reject';
    const e1 = await signer.signPersonalMessage('0x74657374').catch((e: unknown) => e);
    const e2 = await signer.signTypedData(MAIL as unknown as TypedDataDefinition).catch((e: unknown) => e);
    for (const e of [e1, e2]) {
      expect(e).toMatchObject({ code: 'hardware.rejected' });
      expect(toRpcError(e).code).toBe(4001);
    }
    expect(toRpcError(new AppError('x', { code: 'hardware.locked' })).code).toBe(-32603);
  });

  it('a Ledger holding another seed → hardware.wrong-device for a transaction, a message and typed data', async () => {
    const { signer } = setup(OTHER_SEED);
    await expect(signer.signTransaction(TXS[0]![1])).rejects.toMatchObject({ code: 'hardware.wrong-device' });
    await expect(signer.signPersonalMessage('0x74657374')).rejects.toMatchObject({ code: 'hardware.wrong-device' });
    await expect(signer.signTypedData(MAIL as unknown as TypedDataDefinition)).rejects.toMatchObject({ code: 'hardware.wrong-device' });
  });

  it("a device that never answers → hardware.timeout after the signer's limit, and the transport is closed", async () => {
    const { signer, double } = setup(SEED, 50);
    double.mode = 'unresponsive';
    await expect(signer.signPersonalMessage('0x74657374')).rejects.toMatchObject({ code: 'hardware.timeout' });
    expect(double.closed).toBeGreaterThanOrEqual(1);
  });

  it('maps raw library errors by status word and name (0x6a80 is blind signing only for a transaction)', () => {
    const status = (sw: number) => new TransportStatusError(sw);
    expect(mapLedgerError(status(0x6985)).code).toBe('hardware.rejected');
    expect(mapLedgerError(status(0x5515)).code).toBe('hardware.locked');
    expect(mapLedgerError(status(0x6982)).code).toBe('hardware.locked');
    expect(mapLedgerError(status(0x6e00)).code).toBe('hardware.app-closed');
    expect(mapLedgerError(status(0x6a80), 'transaction').code).toBe('hardware.blind-signing-disabled');
    expect(mapLedgerError(status(0x6a80), 'message').code).toBe('hardware.failed');
    expect(mapLedgerError(Object.assign(new Error('gone'), { name: 'DisconnectedDeviceDuringOperation' })).code).toBe('hardware.unplugged');
    expect(mapLedgerError(Object.assign(new Error('busy'), { name: 'TransportError', id: 'TransportLocked' })).code).toBe('hardware.busy');
    expect(mapLedgerError(new Error('???')).code).toBe('hardware.failed');
  });
});
