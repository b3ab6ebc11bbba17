import { isAddress, type Address, type Hex } from 'viem';
import type { PreviewCall, PreviewRequest, TypedDataJson } from './types';

/** Requests that get a risk preview (in the approval window, on the page card, and in guard mode). */
export const PREVIEWED_METHODS = [
  'eth_sendTransaction',
  'wallet_sendCalls',
  'personal_sign',
  'eth_signTypedData_v3',
  'eth_signTypedData_v4',
] as const;

export const isPreviewedMethod = (method: string): boolean => (PREVIEWED_METHODS as readonly string[]).includes(method);

/** The reason of the preview of a transaction that names no sender and has no fallback (guard mode has none). */
export const NO_SENDER = 'the request names no sender';

type RawCall = { from?: unknown; to?: unknown; value?: unknown; data?: unknown; input?: unknown; gas?: unknown };

/** Quantities arrive as hex strings from pages, decimal strings or numbers from some dApps. */
function quantity(value: unknown): bigint | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) return BigInt(value);
  throw new Error(`"${String(value)}" is not a quantity`);
}

function address(value: unknown, what: string): Address {
  if (typeof value === 'string' && isAddress(value, { strict: false })) return value as Address;
  throw new Error(`${what} is not an address`);
}

/** Who sends a transaction or batch: the request's own `from`, else the fallback; with neither there is no one to simulate as. */
function sender(from: unknown, fallbackFrom: Address | undefined): Address {
  const value = from ?? fallbackFrom;
  if (value === undefined || value === null) throw new Error(NO_SENDER);
  return address(value, '"from"');
}

function toCall(raw: RawCall): PreviewCall {
  const data = (raw.data ?? raw.input) as unknown;
  if (data !== undefined && (typeof data !== 'string' || !/^0x[0-9a-fA-F]*$/.test(data))) throw new Error('call data is not hex');
  return {
    ...(raw.to !== undefined && raw.to !== null ? { to: address(raw.to, '"to"') } : {}),
    value: quantity(raw.value) ?? 0n,
    ...(data ? { data: data as Hex } : {}),
    ...(raw.gas !== undefined ? { gas: quantity(raw.gas) } : {}),
  };
}

/**
 * Turns a wallet RPC request (as the page sent it, or as the approval queue stored it) into what
 * lib/preview checks. `fallbackFrom` is the connected account when a batch does not say who sends it;
 * `origin` is the page that asks (a sign-in message is checked against it).
 * Throws a plain Error with a readable reason when the params are not what the method takes.
 */
export function toPreviewRequest(method: string, params: unknown, fallbackFrom?: Address, origin?: string): PreviewRequest {
  const list = Array.isArray(params) ? params : [params];
  switch (method) {
    case 'eth_sendTransaction': {
      const tx = list[0] as RawCall | undefined;
      if (!tx || typeof tx !== 'object') throw new Error('eth_sendTransaction needs a transaction object');
      return { kind: 'transaction', tx: { ...toCall(tx), from: sender(tx.from, fallbackFrom) } };
    }
    case 'wallet_sendCalls': {
      const batch = list[0] as { from?: unknown; calls?: RawCall[] } | undefined;
      if (!batch || !Array.isArray(batch.calls)) throw new Error('wallet_sendCalls needs { calls: [...] }');
      return { kind: 'batch', from: sender(batch.from, fallbackFrom), calls: batch.calls.map(toCall) };
    }
    case 'personal_sign': {
      const [a, b] = list;
      // dApps send [message, address]; a few old ones send [address, message].
      const messageFirst = typeof b === 'string' && isAddress(b, { strict: false });
      const message = messageFirst ? a : b;
      if (typeof message !== 'string') throw new Error('personal_sign needs a message');
      const from = messageFirst ? b : a;
      return {
        kind: 'personalSign',
        message,
        ...(typeof from === 'string' && isAddress(from, { strict: false }) ? { from: from as Address } : {}),
        ...(origin !== undefined ? { origin } : {}),
      };
    }
    case 'eth_signTypedData_v3':
    case 'eth_signTypedData_v4': {
      const [from, data] = list;
      if (typeof data !== 'string' && (typeof data !== 'object' || data === null)) throw new Error('typed data is missing');
      return { kind: 'typedData', from: address(from, 'the signer'), data: data as TypedDataJson | string };
    }
    default:
      throw new Error(`${method} has no preview`);
  }
}
