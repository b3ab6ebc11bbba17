import { describe, expect, it } from 'vitest';
import { checkRpcUrl } from './rpc-url';

describe('checkRpcUrl', () => {
  it('accepts https URLs, and http to this computer', () => {
    expect(checkRpcUrl(' https://eth.example.org/v2/key ', [])).toEqual({ ok: true, url: 'https://eth.example.org/v2/key' });
    expect(checkRpcUrl('http://127.0.0.1:8545', [])).toEqual({ ok: true, url: 'http://127.0.0.1:8545/' });
    expect(checkRpcUrl('http://localhost:8545', [])).toEqual({ ok: true, url: 'http://localhost:8545/' });
    expect(checkRpcUrl('http://[::1]:8545', [])).toEqual({ ok: true, url: 'http://[::1]:8545/' });
  });

  it.each([
    ['ws://node:8546', 'http'],
    ['javascript:alert(1)', 'http'],
    ['not a url', 'Not a URL'],
    ['https://user:secret@node.example', 'user name'],
    ['http://node.example:8545', 'Use https://'],
    ['http://127.0.0.1.nip.io:8545', 'Use https://'],
  ])('refuses %s', (input, reason) => {
    const result = checkRpcUrl(input, []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('refuses duplicates', () => {
    expect(checkRpcUrl('http://127.0.0.1:8545', ['http://127.0.0.1:8545/']).ok).toBe(false);
  });
});
