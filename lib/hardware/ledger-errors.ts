import { AppError, type HardwareErrorCode } from '../errors';

/**
 * Status words the Ledger Ethereum app (and the dashboard around it) answers, as `@ledgerhq/hw-transport`'s
 * StatusCodes names them, grouped by what a person has to do about them.
 */
const REJECTED = new Set([
  0x6985, // CONDITIONS_OF_USE_NOT_SATISFIED: "Reject" pressed on the device
  0x5501, // USER_REFUSED_ON_DEVICE
]);
const LOCKED = new Set([
  0x5515, // LOCKED_DEVICE
  0x6982, // SECURITY_STATUS_NOT_SATISFIED: older firmware's answer while the PIN screen shows
]);
const APP_CLOSED = new Set([
  0x6e00, // CLA_NOT_SUPPORTED: the dashboard or another app answers the Ethereum app's class byte
  0x6e01, // CLA_NOT_SUPPORTED_BOOTLOADER
  0x6d00, // INS_NOT_SUPPORTED: another app is open
  0x6d02, // UNKNOWN_APDU: the dashboard of recent firmware
  0x6511, // the dashboard of recent firmware when no app is open
]);
const BLIND_SIGNING = 0x6a80; // INCORRECT_DATA: for a transaction with contract data, "blind signing" is off

/** Error names of the Ledger libraries (`@ledgerhq/errors`, hw-transport, hw-app-eth) read as what happened. */
const BY_NAME: Record<string, HardwareErrorCode> = {
  DisconnectedDevice: 'hardware.unplugged',
  DisconnectedDeviceDuringOperation: 'hardware.unplugged',
  CantOpenDevice: 'hardware.unplugged',
  TransportOpenUserCancelled: 'hardware.unplugged',
  LockedDeviceError: 'hardware.locked',
  UserRefusedOnDevice: 'hardware.rejected',
  UserRefusedAddress: 'hardware.rejected',
  EthAppPleaseEnableContractData: 'hardware.blind-signing-disabled',
  TransportExchangeTimeoutError: 'hardware.timeout',
  TransportRaceCondition: 'hardware.busy',
};
/** `TransportError` ids (hw-transport's generic error carries the reason in `id`). */
const BY_TRANSPORT_ID: Record<string, HardwareErrorCode> = {
  NoDeviceFound: 'hardware.unplugged',
  HIDNotSupported: 'hardware.unplugged',
  TransportLocked: 'hardware.busy',
  InvalidChannel: 'hardware.app-closed',
};

const TEXT: Record<HardwareErrorCode, { message: string; details: string }> = {
  'hardware.rejected': {
    message: 'Rejected on the Ledger',
    details: 'You pressed Reject on the device, so nothing was signed. To go ahead, start again and approve on the Ledger.',
  },
  'hardware.locked': {
    message: 'The Ledger is locked',
    details: 'Enter your PIN on the device, open the Ethereum app, then try again.',
  },
  'hardware.app-closed': {
    message: 'Open the Ethereum app on the Ledger',
    details: 'The Ledger answered from its dashboard or another app. Open the Ethereum app on the device, then try again.',
  },
  'hardware.blind-signing-disabled': {
    message: 'Blind signing is off on the Ledger',
    details:
      'This transaction calls a contract the device cannot show in full. In the Ethereum app, open Settings and turn on ' +
      '"Blind signing", then try again (and compare what the device shows with Ballast\'s preview).',
  },
  'hardware.unplugged': {
    message: 'The Ledger is not connected',
    details: 'Plug the device in, unlock it and open the Ethereum app, then try again. Nothing was signed.',
  },
  'hardware.wrong-device': {
    message: 'This Ledger does not hold this account',
    details:
      'The connected device has another key for this account: a different Ledger, another passphrase, or another ' +
      'account path. Connect the device you imported this account from, then try again. Nothing was sent.',
  },
  'hardware.timeout': {
    message: 'The Ledger did not answer in time',
    details: 'Nothing was confirmed on the device in time. Check it is unlocked with the Ethereum app open, then try again.',
  },
  'hardware.busy': {
    message: 'The Ledger is busy with another request',
    details: 'Finish or reject what the device is showing, then try again.',
  },
  'hardware.failed': {
    message: 'The Ledger refused the request',
    details: 'Update the Ethereum app with Ledger Live and try again; the status the device answered is in the error.',
  },
};

export function hardwareError(code: HardwareErrorCode, cause?: unknown, extra?: string): AppError {
  const { message, details } = TEXT[code];
  return new AppError(message, { code, cause, details: extra ? `${details} (${extra})` : details });
}

function statusCodeOf(error: unknown): number | undefined {
  const sc = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof sc === 'number' ? sc : undefined;
}

/**
 * What a Ledger error means for the person holding it, as a typed AppError. Reads status words and the Ledger
 * libraries' names for their errors, not their classes (two copies of hw-transport can sit in one bundle). `context` is
 * 'transaction' when the failing request was a transaction: only there does 0x6a80 mean blind signing is off.
 */
export function mapLedgerError(error: unknown, context: 'transaction' | 'message' | 'address' = 'message'): AppError {
  if (error instanceof AppError && error.code?.startsWith('hardware.')) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const status = statusCodeOf(error);
  if (status !== undefined) {
    const hex = `status 0x${status.toString(16).padStart(4, '0')}`;
    if (REJECTED.has(status)) return hardwareError('hardware.rejected', error);
    if (LOCKED.has(status)) return hardwareError('hardware.locked', error);
    if (APP_CLOSED.has(status)) return hardwareError('hardware.app-closed', error, hex);
    if (status === BLIND_SIGNING && context === 'transaction') return hardwareError('hardware.blind-signing-disabled', error);
    return hardwareError('hardware.failed', error, hex);
  }
  if (typeof name === 'string' && name in BY_NAME) return hardwareError(BY_NAME[name]!, error);
  const id = (error as { id?: unknown } | null)?.id;
  if (name === 'TransportError' && typeof id === 'string' && id in BY_TRANSPORT_ID) return hardwareError(BY_TRANSPORT_ID[id]!, error);
  // WebHID's own DOMExceptions when the device went away under a read or write.
  if (name === 'NotFoundError' || name === 'InvalidStateError' || name === 'NetworkError')
    return hardwareError('hardware.unplugged', error);
  const text = error instanceof Error ? error.message : String(error);
  return hardwareError('hardware.failed', error, text);
}
