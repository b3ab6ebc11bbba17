import type { Address, Hex } from 'viem';

/** A request for a device signature as the background posts it and the device page takes it (lib/wallet/hardware/bridge.ts). */
export type DeviceKind = 'ledger' | 'keystone';

/** What the device is asked to sign. The transaction travels serialized unsigned, the exact bytes to sign. */
export type DeviceTask =
  | { kind: 'transaction'; unsigned: Hex; chainId: number }
  | { kind: 'personal'; message: Hex }
  | { kind: 'typed'; typedData: string; version: 'V3' | 'V4' };

export type DeviceRequest = {
  id: string;
  account: Address;
  device: DeviceKind;
  /** The account's derivation path (hw-app-eth form, e.g. `44'/60'/0'/0/0`). */
  path: string;
  /** Keystone: the master fingerprint the sign request names. */
  xfp?: string;
  task: DeviceTask;
  createdAt: number;
  expiresAt: number;
};
