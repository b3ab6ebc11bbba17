/**
 * Turns the JSON params of a pending request into what the approval window shows. Pure and
 * defensive: params were validated by the background, but the UI must never crash on odd shapes.
 */
export type TxView = {
  from?: string;
  to?: string;
  value: bigint;
  data?: string;
  /** First 4 bytes of calldata: the function selector. */
  selector?: string;
  gas?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  gasPrice?: bigint;
  nonce?: bigint;
};

const addressRe = /^0x[0-9a-fA-F]{40}$/;
const hexRe = /^0x[0-9a-fA-F]*$/;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A hex or decimal quantity as bigint; undefined when missing or malformed. */
export function quantity(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value !== 'string' || value === '') return undefined;
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(value)) return undefined;
  return BigInt(value);
}

export function decodeTxObject(raw: unknown): TxView {
  const tx = asRecord(raw);
  const data = asString(tx.data) ?? asString(tx.input);
  return {
    from: asString(tx.from),
    to: asString(tx.to),
    value: quantity(tx.value) ?? 0n,
    data: data && data !== '0x' ? data : undefined,
    selector: data && data.length >= 10 && hexRe.test(data) ? data.slice(0, 10).toLowerCase() : undefined,
    gas: quantity(tx.gas) ?? quantity(tx.gasLimit),
    maxFeePerGas: quantity(tx.maxFeePerGas),
    maxPriorityFeePerGas: quantity(tx.maxPriorityFeePerGas),
    gasPrice: quantity(tx.gasPrice),
    nonce: quantity(tx.nonce),
  };
}

export function decodeTransaction(params: unknown): TxView {
  return decodeTxObject(Array.isArray(params) ? params[0] : params);
}

/** Hex bytes as UTF-8 text when they are valid, printable text; otherwise undefined. */
export function hexToText(hex: string): string | undefined {
  if (!hexRe.test(hex) || hex.length % 2 !== 0) return undefined;
  const bytes = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 + i * 2, 4 + i * 2), 16);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

export type SignatureView =
  | { kind: 'message'; address?: string; text?: string; hex?: string }
  | {
      kind: 'typed';
      address?: string;
      version: string;
      domain: Record<string, unknown>;
      primaryType?: string;
      message: unknown;
      types?: Record<string, unknown>;
    }
  | { kind: 'typed-legacy'; address?: string; fields: unknown }
  | { kind: 'unknown'; raw: unknown };

export function decodeSignature(method: string, params: unknown): SignatureView {
  const list = Array.isArray(params) ? params : [];
  if (method === 'personal_sign') {
    // The spec order is [message, address]; some dApps send [address, message].
    let [message, address] = list as unknown[];
    if (typeof message === 'string' && addressRe.test(message) && typeof address === 'string' && !addressRe.test(address))
      [message, address] = [address, message];
    const m = asString(message) ?? '';
    if (hexRe.test(m)) return { kind: 'message', address: asString(address), text: hexToText(m), hex: m };
    return { kind: 'message', address: asString(address), text: m };
  }
  if (method === 'eth_signTypedData_v3' || method === 'eth_signTypedData_v4') {
    const [address, data] = list as unknown[];
    let parsed: unknown = data;
    if (typeof data === 'string') {
      try {
        parsed = JSON.parse(data);
      } catch {
        return { kind: 'unknown', raw: data };
      }
    }
    const typed = asRecord(parsed);
    return {
      kind: 'typed',
      address: asString(address),
      version: method.endsWith('v3') ? 'v3' : 'v4',
      domain: asRecord(typed.domain),
      primaryType: asString(typed.primaryType),
      message: typed.message,
      types: asRecord(typed.types),
    };
  }
  if (method === 'eth_signTypedData' || method === 'eth_signTypedData_v1') {
    const [fields, address] = list as unknown[];
    return { kind: 'typed-legacy', address: asString(address), fields };
  }
  return { kind: 'unknown', raw: params };
}

export type BatchView = { from?: string; chainId?: bigint; atomicRequired?: boolean; calls: TxView[] };

export function decodeBatch(params: unknown): BatchView {
  const body = asRecord(Array.isArray(params) ? params[0] : params);
  const calls = Array.isArray(body.calls) ? body.calls.map(decodeTxObject) : [];
  return {
    from: asString(body.from),
    chainId: quantity(body.chainId),
    atomicRequired: typeof body.atomicRequired === 'boolean' ? body.atomicRequired : undefined,
    calls,
  };
}

export type ChainView = {
  chainId?: bigint;
  name?: string;
  rpcUrls: string[];
  explorerUrls: string[];
  currency?: { name?: string; symbol?: string; decimals?: number };
};

export function decodeChain(params: unknown): ChainView {
  const body = asRecord(Array.isArray(params) ? params[0] : params);
  const currency = asRecord(body.nativeCurrency);
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    chainId: quantity(body.chainId),
    name: asString(body.chainName),
    rpcUrls: strings(body.rpcUrls),
    explorerUrls: strings(body.blockExplorerUrls),
    currency: Object.keys(currency).length
      ? {
          name: asString(currency.name),
          symbol: asString(currency.symbol),
          decimals: typeof currency.decimals === 'number' ? currency.decimals : undefined,
        }
      : undefined,
  };
}

export type AssetView = { type?: string; address?: string; symbol?: string; decimals?: number; image?: string };

export function decodeWatchAsset(params: unknown): AssetView {
  const body = asRecord(Array.isArray(params) ? params[0] : params);
  const options = asRecord(body.options);
  return {
    type: asString(body.type),
    address: asString(options.address),
    symbol: asString(options.symbol),
    decimals:
      typeof options.decimals === 'number'
        ? options.decimals
        : quantity(options.decimals) !== undefined
          ? Number(quantity(options.decimals))
          : undefined,
    image: asString(options.image),
  };
}
