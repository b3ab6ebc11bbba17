import '../polyfills';
import Eth from '@ledgerhq/hw-app-eth';
import type Transport from '@ledgerhq/hw-transport';
import { getAddress, type Address } from 'viem';
import { derivationPaths, type DerivationScheme } from './derivation';
import { hardwareError, mapLedgerError } from './ledger-errors';

/** Opens the device (WebHID in an extension page, the device double in tests). Called once per device action. */
export type LedgerTransportFactory = () => Promise<Transport>;

/**
 * How long one device action may take, the person's confirmation included. The device has no timeout of its own, so
 * without one a request would wait forever on a Ledger left in a drawer.
 */
export const LEDGER_TIMEOUT_MS = 120_000;

/** Nothing is asked of Ledger's services (token and dApp metadata): the RPC the user chose is the only one to learn anything. */
const OFFLINE = { calServiceURL: null, cryptoassetsBaseURL: null };

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

/**
 * One device action: open the transport, run it through hw-app-eth, close; bounded by `timeoutMs`, and every failure
 * leaves as a hardware.* AppError (`context` decides what 0x6A80 means).
 */
export async function onLedger<T>(
  transport: LedgerTransportFactory,
  { context, timeoutMs = LEDGER_TIMEOUT_MS }: { context: 'transaction' | 'message' | 'address'; timeoutMs?: number },
  run: (eth: Eth) => Promise<T>,
): Promise<T> {
  let opened: Transport | undefined;
  const work = (async () => {
    opened = await transport();
    return run(new Eth(opened, 'w0w', OFFLINE));
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

export type LedgerAccount = { path: string; address: Address; scheme: DerivationScheme; index: number };

/**
 * The accounts a Ledger holds under one scheme, `count` from `start` (an import page's page of accounts), read
 * without showing anything on the device. One device session for the whole page.
 */
export function readLedgerAccounts(
  transport: LedgerTransportFactory,
  { scheme, start = 0, count = 5, timeoutMs }: { scheme: DerivationScheme; start?: number; count?: number; timeoutMs?: number },
): Promise<LedgerAccount[]> {
  return onLedger(transport, { context: 'address', ...(timeoutMs ? { timeoutMs } : {}) }, async (eth) => {
    const accounts: LedgerAccount[] = [];
    for (const [i, path] of derivationPaths(scheme, start, count).entries()) {
      const { address } = await eth.getAddress(path);
      accounts.push({ path, address: getAddress(address), scheme, index: start + i });
    }
    return accounts;
  });
}

/**
 * Shows an account's address on the device for the person to compare with the screen; resolves when they confirm
 * (a refusal is hardware.rejected), and fails with hardware.wrong-device when the device derives another address.
 */
export async function confirmLedgerAddress(
  transport: LedgerTransportFactory,
  { path, address, timeoutMs }: { path: string; address: Address; timeoutMs?: number },
): Promise<void> {
  const shown = await onLedger(transport, { context: 'address', ...(timeoutMs ? { timeoutMs } : {}) }, (eth) => eth.getAddress(path, true));
  if (getAddress(shown.address) !== getAddress(address))
    throw hardwareError('hardware.wrong-device', undefined, `expected ${getAddress(address)}, the device has ${getAddress(shown.address)}`);
}

/**
 * Before a person is asked to confirm anything: the connected device must have `address` at `path` (read without
 * showing anything), else hardware.wrong-device. Nobody then approves a transaction on a Ledger that cannot sign it.
 */
export async function assertLedgerHolds(
  transport: LedgerTransportFactory,
  { path, address, timeoutMs }: { path: string; address: Address; timeoutMs?: number },
): Promise<void> {
  const held = await onLedger(transport, { context: 'address', ...(timeoutMs ? { timeoutMs } : {}) }, (eth) => eth.getAddress(path));
  if (getAddress(held.address) !== getAddress(address))
    throw hardwareError(
      'hardware.wrong-device',
      undefined,
      `this account is ${getAddress(address)}; the device has ${getAddress(held.address)} there`,
    );
}
