import { Buffer } from 'buffer';
import { hmac } from '@noble/hashes/hmac';
import { sha256, sha512 } from '@noble/hashes/sha2';

/**
 * The three Node `crypto` calls hdkey makes (the Keystone sync derives addresses from the device's account key):
 * HMAC-SHA512, SHA-256 and randomBytes, on @noble/hashes (already viem's hashing) and the Web Crypto RNG.
 * Wired by the `crypto` alias in wxt.config.ts; anything else asked of it fails loudly.
 */
const HASHES = { sha256, sha512 } as const;
type HashName = keyof typeof HASHES;

function pick(name: string) {
  const hash = HASHES[name.toLowerCase() as HashName];
  if (!hash) throw new Error(`crypto shim: ${name} is not available in this page`);
  return hash;
}

const bytes = (data: Uint8Array | string) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

export function createHash(name: string) {
  const hash = pick(name).create();
  const api = {
    update(data: Uint8Array | string) {
      hash.update(bytes(data));
      return api;
    },
    digest: () => Buffer.from(hash.digest()),
  };
  return api;
}

export function createHmac(name: string, key: Uint8Array | string) {
  const mac = hmac.create(pick(name), bytes(key));
  const api = {
    update(data: Uint8Array | string) {
      mac.update(bytes(data));
      return api;
    },
    digest: () => Buffer.from(mac.digest()),
  };
  return api;
}

export function randomBytes(size: number): Buffer {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(size)));
}

export default { createHash, createHmac, randomBytes };
