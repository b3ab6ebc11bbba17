import '../../polyfills';
import Eth from '@ledgerhq/hw-app-eth';
import type Transport from '@ledgerhq/hw-transport';
import {
  getAddress,
  getTransactionType,
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
import type { TransactionSigner } from '../transactions/signer';
import { hardwareError, mapLedgerError } from './ledger-errors';
import { typedDataHashes } from './typed-data-hashes';

/** Opens the device (WebHID in an extension page, the device double in tests). Called once per signature. */
export type LedgerTransportFactory = () => Promise<Transport>;

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

export const LEDGER_TIMEOUT_MS = 120_000;

export type TypedDataHashes = { domainHash: Hex; messageHash: Hex };

export interface LedgerSigner extends TransactionSigner {
  readonly kind: 'hardware';
  readonly device: 'ledger';
  readonly path: string;
  /** personal_sign of raw bytes (the app shows them as text when they are printable, else their hash). */
  signPersonalMessage(message: Hex): Promise<Hex>;
  /**
   * eth_signTypedData_v4 the way every Ledger Ethereum app can: the device signs the domain and message hashes
   * (signEIP712HashedMessage) and shows them, so the approval window shows the same two hashes to compare.
   */
  signTypedData(typedData: TypedDataDefinition): Promise<{ signature: Hex } & TypedDataHashes>;
}

/** A plain 0x-free hex string for hw-app-eth. */
const bare = (hex: Hex): string => hex.slice(2);

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(hardwareError('hardware.timeout', undefined, `no answer in ${Math.round(ms / 1000)} s`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function ledgerSigner({ address, path, transport, timeoutMs = LEDGER_TIMEOUT_MS }: LedgerSignerParameters): LedgerSigner {
  const account = getAddress(address);

  /** One device action: open, run, close; every failure leaves as a hardware.* AppError. */
  async function onDevice<T>(context: 'transaction' | 'message', run: (eth: Eth) => Promise<T>): Promise<T> {
    let opened: Transport | undefined;
    const work = (async () => {
      opened = await transport();
      return run(new Eth(opened));
    })();
    try {
      return await withTimeout(work, timeoutMs, () => void opened?.close().catch(() => undefined));
    } catch (error) {
      throw mapLedgerError(error, context);
    } finally {
      // A late answer after a timeout must not surface as an unhandled rejection.
      work.catch(() => undefined);
      await opened?.close().catch(() => undefined);
    }
  }

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
      const { r, s, v } = await onDevice('message', (eth) =>
        eth.signEIP712HashedMessage(path, bare(hashes.domainHash), bare(hashes.messageHash)),
      );
      const signature = joinSignature(r, s, v);
      checkSigner(await recoverAddress({ hash: hashTypedData(typedData), signature }));
      return { signature, ...hashes };
    },
  };
}
