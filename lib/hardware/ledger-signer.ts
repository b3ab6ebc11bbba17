import '../polyfills';
import type Eth from '@ledgerhq/hw-app-eth';
import {
  getAddress,
  getTransactionType,
  getTypesForEIP712Domain,
  hashTypedData,
  isAddressEqual,
  recoverAddress,
  recoverMessageAddress,
  recoverTransactionAddress,
  serializeTransaction,
  type Address,
  type Hex,
  type TransactionSerializable,
  type TypedDataDefinition,
} from 'viem';
import type { DeviceTransactionSigner } from './device-signer';
import { LEDGER_TIMEOUT_MS, onLedger, type LedgerTransportFactory } from './ledger-device';
import { hardwareError } from './ledger-errors';
import { typedDataHashes } from './typed-data-hashes';

export type LedgerSignerParameters = {
  /** The account this signer signs for (read from the device when it was imported). */
  address: Address;
  /** Its derivation path as hw-app-eth takes it, e.g. `44'/60'/0'/0/0` (see derivation.ts). */
  path: string;
  transport: LedgerTransportFactory;
  /**
   * How long one device action may take, the person's confirmation included. The device has no timeout of its own,
   * so without one a request would wait forever on a Ledger left in a drawer.
   */
  timeoutMs?: number;
};

export type TypedDataHashes = { domainHash: Hex; messageHash: Hex };

/**
 * How the device signed typed data: 'full' is the app's EIP-712 mode (types and values streamed, each field shown on
 * the device); 'hashed' is the fallback for apps without it (Nano S), where the device shows only the two hashes.
 */
export type TypedDataMode = 'full' | 'hashed';

/** 0x6D00 to an EIP-712 struct APDU: an app that only signs hashes. */
const INS_NOT_SUPPORTED = 0x6d00;

export interface LedgerSigner extends DeviceTransactionSigner {
  readonly kind: 'hardware';
  readonly device: 'ledger';
  readonly path: string;
  /** personal_sign of raw bytes (the app shows them as text when they are printable, else their hash). */
  signPersonalMessage(message: Hex): Promise<Hex>;
  /**
   * eth_signTypedData_v4: the app's EIP-712 signing (signEIP712Message, the fields on the device screen); an app
   * without it signs the domain and message hashes (signEIP712HashedMessage) and shows them, so the approval window
   * shows the same two hashes (returned here in both modes) to compare.
   */
  signTypedData(typedData: TypedDataDefinition): Promise<{ signature: Hex; mode: TypedDataMode } & TypedDataHashes>;
}

/** A plain 0x-free hex string for hw-app-eth. */
const bare = (hex: Hex): string => hex.slice(2);

/**
 * Typed data as hw-app-eth streams it: plain JSON (bigints as decimal strings) with the EIP712Domain type listed, which
 * the library reads to send the domain's fields.
 */
type EIP712Message = Parameters<Eth['signEIP712Message']>[1];

function forLedger(typedData: TypedDataDefinition): EIP712Message {
  const json = JSON.parse(JSON.stringify(typedData, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as EIP712Message;
  const types = json.types as Record<string, unknown>;
  if (!types.EIP712Domain) types.EIP712Domain = getTypesForEIP712Domain({ domain: (typedData.domain ?? {}) as never });
  return json;
}

export function ledgerSigner({ address, path, transport, timeoutMs = LEDGER_TIMEOUT_MS }: LedgerSignerParameters): LedgerSigner {
  const account = getAddress(address);

  const onDevice = <T>(context: 'transaction' | 'message', run: (eth: Eth) => Promise<T>) =>
    onLedger(transport, { context, timeoutMs }, run);

  function checkSigner(recovered: Address): void {
    if (!isAddressEqual(recovered, account))
      throw hardwareError('hardware.wrong-device', undefined, `expected ${account}, the device signed as ${recovered}`);
  }

  const joinSignature = (r: string, s: string, v: number): Hex =>
    `0x${r.padStart(64, '0')}${s.padStart(64, '0')}${v.toString(16).padStart(2, '0')}`;

  return {
    address: account,
    kind: 'hardware',
    device: 'ledger',
    path,

    async signTransaction(tx: TransactionSerializable): Promise<Hex> {
      const unsigned = serializeTransaction(tx);
      // resolution null: no call to Ledger's metadata service (no data leaves for anyone but the user's RPC); the
      // device shows contract calls blind, which Ballast's own preview explains beside it.
      const { r, s, v } = await onDevice('transaction', (eth) => eth.signTransaction(path, bare(unsigned), null));
      const rHex = `0x${r.padStart(64, '0')}` as Hex;
      const sHex = `0x${s.padStart(64, '0')}` as Hex;
      // hw-app-eth has already widened a legacy v to chainId * 2 + 35 + parity (EIP-155); typed transactions get 0 or 1.
      const vNum = BigInt(`0x${v}`);
      const legacy = getTransactionType(tx) === 'legacy';
      let signed: Hex;
      if (legacy) {
        const yParity = tx.chainId ? Number(vNum - 35n - 2n * BigInt(tx.chainId)) : Number(vNum % 2n === 0n ? 1n : 0n);
        signed = serializeTransaction(tx, { r: rHex, s: sHex, v: tx.chainId ? vNum : 27n + BigInt(yParity), yParity });
      } else {
        signed = serializeTransaction(tx, { r: rHex, s: sHex, yParity: Number(vNum) });
      }
      checkSigner(await recoverTransactionAddress({ serializedTransaction: signed as never }));
      return signed;
    },

    async signPersonalMessage(message: Hex): Promise<Hex> {
      const { r, s, v } = await onDevice('message', (eth) => eth.signPersonalMessage(path, bare(message)));
      const signature = joinSignature(r, s, v);
      checkSigner(await recoverMessageAddress({ message: { raw: message }, signature }));
      return signature;
    },

    async signTypedData(typedData: TypedDataDefinition) {
      const hashes = typedDataHashes(typedData);
      const { r, s, v, mode } = await onDevice('message', async (eth) => {
        try {
          return { ...(await eth.signEIP712Message(path, forLedger(typedData))), mode: 'full' as const };
        } catch (error) {
          if ((error as { statusCode?: unknown } | null)?.statusCode !== INS_NOT_SUPPORTED) throw error;
        }
        const signed = await eth.signEIP712HashedMessage(path, bare(hashes.domainHash), bare(hashes.messageHash));
        return { ...signed, mode: 'hashed' as const };
      });
      const signature = joinSignature(r, s, v);
      checkSigner(await recoverAddress({ hash: hashTypedData(typedData), signature }));
      return { signature, mode, ...hashes };
    },
  };
}
