import '../../lib/polyfills';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  parseEther,
  parseTransaction,
  recoverTransactionAddress,
  serializeTransaction,
  stringToHex,
  type Address,
  type Hex,
  type TransactionSerializable,
} from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { AppError } from '../../lib/errors';
import { toRpcError } from '../../lib/provider/errors';
import { createDeviceBridge, type DeviceRequest } from '../../lib/wallet/hardware/bridge';
import { derivationPath } from '../../lib/hardware/derivation';
import { ledgerSigner } from '../../lib/hardware/ledger-signer';
import { walletSigners } from '../../lib/wallet/transactions';
import { LedgerDouble } from '../hardware/ledger-double';

/**
 * The background's side of hardware signing, attacked from the page side: the bridge takes only an answer that is
 * the account's signature of exactly the request, and never waits forever. The "page" here is the real Ledger signer
 * (hw-app-eth) over the device double, as the device window will run it.
 */
const MNEMONIC = 'test test test test test test test test test test test junk';
const PATH = derivationPath('ledger-live', 0);
const LEDGER: Address = mnemonicToAccount(MNEMONIC, { path: `m/${PATH}` as `m/44'/60'/${string}` }).address;
const OTHER_KEY = privateKeyToAccount(`0x${'42'.repeat(32)}`);

const TX: TransactionSerializable = {
  chainId: 1,
  type: 'eip1559',
  nonce: 7,
  to: '0x000000000000000000000000000000000000dEaD',
  value: parseEther('0.25'),
  gas: 21_000n,
  maxFeePerGas: 30_000_000_000n,
  maxPriorityFeePerGas: 1_000_000_000n,
};

function ledgerPage(double = new LedgerDouble({ mnemonic: MNEMONIC })) {
  const signer = ledgerSigner({ address: LEDGER, path: PATH, transport: async () => double });
  return {
    double,
    /** What the device window does with one request. */
    async sign(request: DeviceRequest): Promise<Hex> {
      if (request.task.kind === 'transaction')
        return signer.signTransaction(parseTransaction(request.task.unsigned) as TransactionSerializable);
      if (request.task.kind === 'personal') return signer.signPersonalMessage(request.task.message);
      throw new Error('typed data is covered in ledger-signer.test.ts');
    },
  };
}

const nextRequest = (bridge: ReturnType<typeof createDeviceBridge>) => {
  const [request] = bridge.pending();
  if (!request) throw new Error('no request waiting');
  return request;
};

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as AppError,
  );

afterEach(() => vi.useRealTimers());

describe('device bridge', () => {
  it('a transaction the device signed reaches the caller, bytes for bytes what was asked', async () => {
    const bridge = createDeviceBridge();
    const signed = bridge.sign({
      account: LEDGER,
      device: 'ledger',
      path: PATH,
      task: { kind: 'transaction', unsigned: serializeTransaction(TX), chainId: 1 },
    });
    const request = nextRequest(bridge);
    expect(request.task).toEqual({ kind: 'transaction', unsigned: serializeTransaction(TX), chainId: 1 });
    const answer = await ledgerPage().sign(request);
    await bridge.answer(request.id, answer);
    const raw = await signed;
    expect(await recoverTransactionAddress({ serializedTransaction: raw as never })).toBe(LEDGER);
    const { r, s, v, yParity, ...fields } = parseTransaction(raw);
    expect([r, s, yParity].every((x) => x !== undefined)).toBe(true);
    expect(v === undefined || typeof v === 'bigint').toBe(true);
    expect(serializeTransaction(fields as TransactionSerializable)).toBe(serializeTransaction(TX));
    expect(bridge.pending()).toEqual([]);
  });

  it('a legacy (EIP-155) transaction round-trips too', async () => {
    const legacy: TransactionSerializable = {
      chainId: 1,
      type: 'legacy',
      nonce: 1,
      to: TX.to,
      value: 1n,
      gas: 21_000n,
      gasPrice: 20_000_000_000n,
    };
    const bridge = createDeviceBridge();
    const signed = bridge.sign({
      account: LEDGER,
      device: 'ledger',
      path: PATH,
      task: { kind: 'transaction', unsigned: serializeTransaction(legacy), chainId: 1 },
    });
    const request = nextRequest(bridge);
    await bridge.answer(request.id, await ledgerPage().sign(request));
    expect(await recoverTransactionAddress({ serializedTransaction: (await signed) as never })).toBe(LEDGER);
  });

  it('refuses a transaction other than the one asked for, even signed by the right key', async () => {
    const bridge = createDeviceBridge();
    const signed = bridge.sign({
      account: LEDGER,
      device: 'ledger',
      path: PATH,
      task: { kind: 'transaction', unsigned: serializeTransaction(TX), chainId: 1 },
    });
    const request = nextRequest(bridge);
    // A compromised page asks the device for a bigger value to another address and answers with that.
    const swapped = await ledgerPage().sign({
      ...request,
      task: { kind: 'transaction', unsigned: serializeTransaction({ ...TX, value: parseEther('25'), to: OTHER_KEY.address }), chainId: 1 },
    });
    await expect(bridge.answer(request.id, swapped)).rejects.toMatchObject({ code: 'hardware.failed' });
    const error = await rejection(signed);
    expect(error.code).toBe('hardware.failed');
    expect(error.details).toMatch(/other than the one you approved/);
    // The request is over: a second, honest answer cannot revive it.
    await expect(bridge.answer(request.id, await ledgerPage().sign(request))).rejects.toThrow(/over/);
  });

  it('refuses the right transaction signed by another key as the wrong device', async () => {
    const bridge = createDeviceBridge();
    const signed = bridge.sign({
      account: LEDGER,
      device: 'ledger',
      path: PATH,
      task: { kind: 'transaction', unsigned: serializeTransaction(TX), chainId: 1 },
    });
    const request = nextRequest(bridge);
    await expect(bridge.answer(request.id, await OTHER_KEY.signTransaction(TX))).rejects.toMatchObject({ code: 'hardware.wrong-device' });
    expect((await rejection(signed)).code).toBe('hardware.wrong-device');
  });

  it('personal_sign: the account key passes, another key does not', async () => {
    const message = stringToHex('Sign in to app.example, nonce 9');
    const bridge = createDeviceBridge();
    const good = bridge.sign({ account: LEDGER, device: 'ledger', path: PATH, task: { kind: 'personal', message } });
    const first = nextRequest(bridge);
    await bridge.answer(first.id, await ledgerPage().sign(first));
    expect(await good).toBe(
      await mnemonicToAccount(MNEMONIC, { path: `m/${PATH}` as `m/44'/60'/${string}` }).signMessage({ message: { raw: message } }),
    );

    const bad = bridge.sign({ account: LEDGER, device: 'ledger', path: PATH, task: { kind: 'personal', message } });
    const second = nextRequest(bridge);
    await expect(bridge.answer(second.id, await OTHER_KEY.signMessage({ message: { raw: message } }))).rejects.toMatchObject({
      code: 'hardware.wrong-device',
    });
    expect((await rejection(bad)).code).toBe('hardware.wrong-device');
  });

  it('garbage instead of a signature ends the request with a clear error', async () => {
    const bridge = createDeviceBridge();
    const signed = bridge.sign({
      account: LEDGER,
      device: 'ledger',
      path: PATH,
      task: { kind: 'transaction', unsigned: serializeTransaction(TX), chainId: 1 },
    });
    const request = nextRequest(bridge);
    await expect(bridge.answer(request.id, `0x${'00'.repeat(65)}`)).rejects.toBeInstanceOf(AppError);
    expect((await rejection(signed)).code).toMatch(/^hardware\./);
  });

  it('never waits forever: no answer in time is hardware.timeout, and a late answer is refused', async () => {
    vi.useFakeTimers();
    const bridge = createDeviceBridge({ timeoutMs: 5_000 });
    const signed = bridge.sign({ account: LEDGER, device: 'ledger', path: PATH, task: { kind: 'personal', message: '0x01' } });
    const request = nextRequest(bridge);
    const outcome = rejection(signed);
    await vi.advanceTimersByTimeAsync(5_001);
    expect((await outcome).code).toBe('hardware.timeout');
    expect(bridge.pending()).toEqual([]);
    vi.useRealTimers();
    await expect(bridge.answer(request.id, await ledgerPage().sign(request))).rejects.toThrow(/over/);
  });

  it('what the device said reaches the caller; a refusal on the device is 4001 for the page', async () => {
    const bridge = createDeviceBridge();
    const page = ledgerPage();
    page.double.mode = 'reject';
    const signed = bridge.sign({ account: LEDGER, device: 'ledger', path: PATH, task: { kind: 'personal', message: '0x01' } });
    const request = nextRequest(bridge);
    const deviceError = (await rejection(page.sign(request))) as AppError;
    expect(deviceError.code).toBe('hardware.rejected');
    bridge.fail(request.id, deviceError.code as 'hardware.rejected');
    const error = await rejection(signed);
    expect(error.code).toBe('hardware.rejected');
    expect(toRpcError(error).code).toBe(4001);
  });

  it('announces each change of the waiting set, and cancelAll ends every request', async () => {
    const seen: number[] = [];
    const bridge = createDeviceBridge({ onChange: (pending) => seen.push(pending.length) });
    const a = rejection(bridge.sign({ account: LEDGER, device: 'ledger', path: PATH, task: { kind: 'personal', message: '0x01' } }));
    const b = rejection(
      bridge.sign({ account: LEDGER, device: 'keystone', path: PATH, xfp: 'f23f9fd2', task: { kind: 'personal', message: '0x02' } }),
    );
    bridge.cancelAll('hardware.failed', 'the wallet locked');
    expect(((await a) as AppError).details).toMatch(/the wallet locked/);
    expect(((await b) as AppError).code).toBe('hardware.failed');
    expect(seen).toEqual([1, 2, 1, 0]);
  });

  it('closing the device window refuses what it listed; a request posted after its last list keeps waiting', async () => {
    const bridge = createDeviceBridge();
    const first = rejection(bridge.sign({ account: LEDGER, device: 'ledger', path: PATH, task: { kind: 'personal', message: '0x01' } }));
    expect(bridge.listForPage().map((r) => r.task)).toEqual([{ kind: 'personal', message: '0x01' }]);
    // A batch's next call, posted while the window was closing itself after the last list.
    const next = bridge.sign({ account: LEDGER, device: 'ledger', path: PATH, task: { kind: 'personal', message: '0x02' } });
    const left = bridge.cancelShown('hardware.rejected', 'the device window was closed');
    const error = (await first) as AppError;
    expect([error.code, toRpcError(error).code]).toEqual(['hardware.rejected', 4001]);
    expect(left.map((r) => r.task)).toEqual([{ kind: 'personal', message: '0x02' }]);
    // Still answerable in the next window: the real signer over the double signs it.
    const request = nextRequest(bridge);
    await bridge.answer(request.id, await ledgerPage().sign(request));
    expect(await next).toMatch(/^0x[0-9a-f]{130}$/);
    // Listed, then closed: refused too.
    const third = rejection(bridge.sign({ account: LEDGER, device: 'ledger', path: PATH, task: { kind: 'personal', message: '0x03' } }));
    bridge.listForPage();
    expect(bridge.cancelShown('hardware.rejected', 'closed')).toEqual([]);
    expect(((await third) as AppError).code).toBe('hardware.rejected');
  });
});

describe('walletSigners routes each account to its signer', () => {
  const software = privateKeyToAccount(`0x${'11'.repeat(32)}`);
  const wallet = {
    privateKey: vi.fn(async (address: Address) => {
      if (address !== software.address) throw new Error(`privateKey asked for ${address}`);
      return `0x${'11'.repeat(32)}` as Hex;
    }),
    signingInfo: async (address: Address) =>
      address === LEDGER
        ? { address: LEDGER, kind: 'ledger' as const, hardware: { path: PATH } }
        : { address: software.address, kind: 'hd' as const },
  };

  it('a Ledger account goes to the bridge with the exact unsigned bytes; its key is never asked for', async () => {
    wallet.privateKey.mockClear();
    const bridge = createDeviceBridge();
    const signed = walletSigners(wallet, bridge)(LEDGER).signTransaction(TX);
    await vi.waitFor(() => expect(bridge.pending()).toHaveLength(1));
    const request = nextRequest(bridge);
    expect(request).toMatchObject({ account: LEDGER, device: 'ledger', path: PATH, task: { unsigned: serializeTransaction(TX) } });
    await bridge.answer(request.id, await ledgerPage().sign(request));
    expect(await recoverTransactionAddress({ serializedTransaction: (await signed) as never })).toBe(LEDGER);
    expect(wallet.privateKey).not.toHaveBeenCalled();
  });

  it('a software account signs with its key and never posts a device request', async () => {
    const bridge = createDeviceBridge();
    const raw = await walletSigners(wallet, bridge)(software.address).signTransaction(TX);
    expect(raw).toBe(await software.signTransaction(TX));
    expect(bridge.pending()).toEqual([]);
  });

  it('a Ledger account where no bridge is wired fails with what to do, never with a key', async () => {
    wallet.privateKey.mockClear();
    const error = await rejection(walletSigners(wallet)(LEDGER).signTransaction(TX));
    expect(error.code).toBe('hardware.failed');
    expect(error.details).toMatch(/cannot reach a device/);
    expect(wallet.privateKey).not.toHaveBeenCalled();
  });
});
