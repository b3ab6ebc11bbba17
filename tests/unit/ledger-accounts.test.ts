import '../../lib/polyfills';
import { mnemonicToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { DERIVATION_SCHEMES } from '../../lib/hardware/derivation';
import { parseEther, serializeTransaction } from 'viem';
import { confirmLedgerAddress, readLedgerAccounts } from '../../lib/hardware/ledger-device';
import { signOnLedger } from '../../lib/hardware/sign-request';
import type { DeviceRequest } from '../../lib/hardware/device-request';
import { LedgerDouble } from '../hardware/ledger-double';

const SEED = 'test test test test test test test test test test test junk';
const softwareAt = (path: string) => mnemonicToAccount(SEED, { path: `m/${path}` as `m/44'/60'/${string}` }).address;

describe('reading Ledger accounts for an import page', () => {
  for (const scheme of DERIVATION_SCHEMES)
    it(`${scheme}: five accounts from index 3, the addresses the seed has there, nothing shown on the device`, async () => {
      const double = new LedgerDouble({ mnemonic: SEED });
      double.mode = 'reject'; // a read without display never asks the person
      const accounts = await readLedgerAccounts(async () => double, { scheme, start: 3, count: 5 });
      expect(accounts.map((a) => a.index)).toEqual([3, 4, 5, 6, 7]);
      for (const a of accounts) expect(a.address).toBe(softwareAt(a.path));
      expect(new Set(accounts.map((a) => a.address)).size).toBe(5);
      expect(double.log.every((e) => e.apdu.startsWith('e0020000'))).toBe(true);
      expect(double.closed).toBe(1);
    });

  it('BIP-44 index 0 is the address anvil funds first (checked against its printed list)', async () => {
    const [first] = await readLedgerAccounts(async () => new LedgerDouble({ mnemonic: SEED }), { scheme: 'bip44', count: 1 });
    expect(first!.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
  });

  it('a locked device or a closed app while reading → hardware.locked / hardware.app-closed', async () => {
    const locked = new LedgerDouble({ mnemonic: SEED });
    locked.mode = 'locked';
    await expect(readLedgerAccounts(async () => locked, { scheme: 'bip44' })).rejects.toMatchObject({ code: 'hardware.locked' });
    const closed = new LedgerDouble({ mnemonic: SEED });
    closed.mode = 'app-closed';
    closed.appClosedStatus = 0x6511;
    await expect(readLedgerAccounts(async () => closed, { scheme: 'bip44' })).rejects.toMatchObject({ code: 'hardware.app-closed' });
  });

  it('confirming on the device: shown (P1 1), rejected → hardware.rejected, another seed → hardware.wrong-device', async () => {
    const path = "44'/60'/0'/0/0";
    const double = new LedgerDouble({ mnemonic: SEED });
    await expect(confirmLedgerAddress(async () => double, { path, address: softwareAt(path) })).resolves.toBeUndefined();
    expect(double.log.at(-1)!.apdu.startsWith('e0020100')).toBe(true);
    double.mode = 'reject';
    await expect(confirmLedgerAddress(async () => double, { path, address: softwareAt(path) })).rejects.toMatchObject({
      code: 'hardware.rejected',
    });
    const other = new LedgerDouble({
      mnemonic: 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
    });
    await expect(confirmLedgerAddress(async () => other, { path, address: softwareAt(path) })).rejects.toMatchObject({
      code: 'hardware.wrong-device',
    });
  });

  it('signing a request on another Ledger: hardware.wrong-device from the address read, before anything is sent to sign', async () => {
    const path = "44'/60'/4'/0/0";
    const unsigned = serializeTransaction({
      chainId: 1,
      nonce: 0,
      to: softwareAt(path),
      value: parseEther('1'),
      gas: 21_000n,
      maxFeePerGas: 2n,
      maxPriorityFeePerGas: 1n,
    });
    const request: DeviceRequest = {
      id: 'r1',
      account: softwareAt(path),
      device: 'ledger',
      path,
      task: { kind: 'transaction', unsigned, chainId: 1 },
      createdAt: 0,
      expiresAt: 1,
    };
    const other = new LedgerDouble({
      mnemonic: 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
    });
    await expect(signOnLedger(request, async () => other)).rejects.toMatchObject({ code: 'hardware.wrong-device' });
    expect(other.log.map((e) => e.apdu.slice(0, 8))).toEqual(['e0020000']);
    // The right device: the address read, then the transaction's chunks (0x04), and a signature from the account.
    const right = new LedgerDouble({ mnemonic: SEED });
    const signed = await signOnLedger(request, async () => right);
    expect(right.log[0]!.apdu.startsWith('e0020000')).toBe(true);
    expect(right.log.slice(1).some((e) => e.apdu.startsWith('e004'))).toBe(true);
    expect(signed.startsWith('0x02')).toBe(true);
  });
});
