import { recoverTypedSignature, SignTypedDataVersion, type MessageTypes, type TypedMessage } from '@metamask/eth-sig-util';
import {
  getAddress,
  isAddressEqual,
  parseTransaction,
  recoverMessageAddress,
  recoverTransactionAddress,
  serializeTransaction,
  type Address,
  type Hex,
  type TransactionSerializable,
} from 'viem';
import { AppError, type HardwareErrorCode } from '../../errors';
import { hardwareError } from '../../hardware/ledger-errors';
import type { DeviceKind, DeviceRequest, DeviceTask } from '../../hardware/device-request';

export type { DeviceKind, DeviceRequest, DeviceTask };

/**
 * The background's side of hardware signing. WebHID and the camera need a document, and the service worker has none,
 * so the background never talks to a device: it posts a request here, an extension page (the device window) takes it,
 * asks the Ledger or shows the Keystone QR, and answers with the signature. The background then checks the answer
 * itself (it recovers to the account, and a transaction is the one it asked for, field for field) before anything is
 * broadcast, and never waits without a timeout: a device left in a drawer ends as `hardware.timeout`.
 */

/** How long a device request may wait for a page and a person (both devices have no timeout of their own). */
export const DEVICE_REQUEST_TIMEOUT_MS = 180_000;

type Waiting = {
  request: DeviceRequest;
  resolve: (signature: Hex) => void;
  reject: (error: AppError) => void;
  timer: ReturnType<typeof setTimeout>;
};

export type DeviceBridgeOptions = {
  timeoutMs?: number;
  now?: () => number;
  newId?: () => string;
  /** Called when the set of waiting requests changes (the background opens the device window, pages refresh). */
  onChange?: (pending: readonly DeviceRequest[]) => void;
};

export type DeviceBridge = ReturnType<typeof createDeviceBridge>;

export function createDeviceBridge(options: DeviceBridgeOptions = {}) {
  const timeoutMs = options.timeoutMs ?? DEVICE_REQUEST_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const waiting = new Map<string, Waiting>();
  /** Requests a page has listed: the ones closing the device window refuses (see cancelShown). */
  const shown = new Set<string>();

  const pending = (): DeviceRequest[] => [...waiting.values()].map((w) => w.request);
  const changed = () => options.onChange?.(pending());

  function settle(id: string): Waiting | undefined {
    const entry = waiting.get(id);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    waiting.delete(id);
    shown.delete(id);
    changed();
    return entry;
  }

  function unknownRequest(id: string): AppError {
    return new AppError('This device request is over', {
      code: 'hardware.failed',
      details: `Request ${id} was answered, cancelled or timed out already; nothing was signed for it.`,
    });
  }

  return {
    pending,

    /** The list a page shows (the device window's devices:pending): every request in it counts as shown from now. */
    listForPage(): DeviceRequest[] {
      for (const id of waiting.keys()) shown.add(id);
      return pending();
    },

    /**
     * The device window was closed: refuses what it listed, as Reject on the device would. A request posted after the
     * window's last list (the next call of a batch, while the window was closing itself) was never in front of the
     * person and keeps waiting; the caller opens a window for what is returned.
     */
    cancelShown(code: HardwareErrorCode, extra: string): DeviceRequest[] {
      for (const id of [...shown]) settle(id)?.reject(hardwareError(code, undefined, extra));
      return pending();
    },

    /** Waits for a page to sign `task` on the account's device; rejects with a hardware.* AppError. */
    sign(input: { account: Address; device: DeviceKind; path: string; xfp?: string; task: DeviceTask }): Promise<Hex> {
      const id = newId();
      const createdAt = now();
      const request: DeviceRequest = { ...input, account: getAddress(input.account), id, createdAt, expiresAt: createdAt + timeoutMs };
      return new Promise<Hex>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (settle(id)) reject(hardwareError('hardware.timeout', undefined, `no answer within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        waiting.set(id, { request, resolve, reject, timer });
        changed();
      });
    },

    /**
     * A page's answer. The signature is checked here, not trusted: it must recover to the request's account, and a
     * signed transaction must carry exactly the unsigned fields asked for. A failed check ends the request.
     */
    async answer(id: string, signed: Hex): Promise<true> {
      const entry = waiting.get(id);
      if (!entry) throw unknownRequest(id);
      let problem: AppError | undefined;
      try {
        await checkAnswer(entry.request, signed);
      } catch (error) {
        problem =
          error instanceof AppError ? error : hardwareError('hardware.failed', error, 'the answer is not a signature of this request');
      }
      // Settle after the (async) check, so a timeout that fired meanwhile wins and nothing resolves twice.
      if (!settle(id)) throw unknownRequest(id);
      if (problem) {
        entry.reject(problem);
        throw problem;
      }
      entry.resolve(signed);
      return true;
    },

    /** The page reports what the device said (rejected, locked, unplugged ...), or the person closed the window. */
    fail(id: string, code: HardwareErrorCode, extra?: string): true {
      const entry = settle(id);
      if (!entry) throw unknownRequest(id);
      entry.reject(hardwareError(code, undefined, extra));
      return true;
    },

    /** Ends every request (the wallet locked, the worker is shutting down): each waiter hears `reason`. */
    cancelAll(code: HardwareErrorCode = 'hardware.failed', extra = 'the request was cancelled'): void {
      for (const id of [...waiting.keys()]) settle(id)?.reject(hardwareError(code, undefined, extra));
    },
  };
}

/** An account as the wallet stores it, enough to know whether and where a device signs for it. */
export type SigningAccount = { address: Address; kind: string; hardware?: { path: string; xfp?: string } };

export const isHardwareAccount = (
  a: SigningAccount,
): a is SigningAccount & { kind: DeviceKind; hardware: { path: string; xfp?: string } } =>
  (a.kind === 'ledger' || a.kind === 'keystone') && a.hardware !== undefined;

/**
 * Signs `task` on the account's device. Refused without a bridge (a part of Ballast that cannot reach a page) rather
 * than falling back to anything else.
 */
export function signOnDevice(bridge: DeviceBridge | undefined, account: SigningAccount, task: DeviceTask): Promise<Hex> {
  if (!isHardwareAccount(account))
    return Promise.reject(
      new AppError('Not a hardware account', { code: 'wallet.account.unknown', details: `${account.address} has no device path.` }),
    );
  if (!bridge)
    return Promise.reject(
      new AppError('Hardware signing is not available here', {
        code: 'hardware.failed',
        details: 'This part of Ballast cannot reach a device; sign from the popup or the approval window.',
      }),
    );
  return bridge.sign({
    account: account.address,
    device: account.kind,
    path: account.hardware.path,
    ...(account.hardware.xfp ? { xfp: account.hardware.xfp } : {}),
    task,
  });
}

const signatureFields = ['r', 's', 'v', 'yParity'] as const;

async function checkAnswer(request: DeviceRequest, signed: Hex): Promise<void> {
  const task = request.task;
  let signer: Address;
  if (task.kind === 'transaction') {
    const parsed = parseTransaction(signed) as TransactionSerializable & Record<string, unknown>;
    const unsignedFields = Object.fromEntries(Object.entries(parsed).filter(([k]) => !(signatureFields as readonly string[]).includes(k)));
    const resigned = serializeTransaction(unsignedFields as TransactionSerializable);
    if (resigned !== task.unsigned)
      throw hardwareError(
        'hardware.failed',
        undefined,
        'the device signed a transaction other than the one you approved; nothing was sent',
      );
    signer = await recoverTransactionAddress({ serializedTransaction: signed as never });
  } else if (task.kind === 'personal') {
    signer = await recoverMessageAddress({ message: { raw: task.message }, signature: signed });
  } else {
    signer = getAddress(
      recoverTypedSignature({
        data: JSON.parse(task.typedData) as TypedMessage<MessageTypes>,
        signature: signed,
        version: task.version === 'V3' ? SignTypedDataVersion.V3 : SignTypedDataVersion.V4,
      }),
    );
  }
  if (!isAddressEqual(signer, request.account)) throw hardwareError('hardware.wrong-device', undefined, `signed by ${signer}`);
}
