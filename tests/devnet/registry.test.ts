import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPublicClient, custom, erc20Abi, http, parseAbi, type EIP1193RequestFn } from 'viem';
import { mainnet } from 'viem/chains';
import { RESTAKING_SYMBOLS, RESTAKING_TOKENS, PROTOCOLS, readFairRates } from '../../lib/restaking';
import { PROTOCOL_CONTRACTS } from '../../lib/restaking/addresses';
import { startAnvil, type AnvilInstance } from './anvil';
import { createContext, type DevnetContext } from './context';
import { SEED_BOOKS, seedTokens, type TokensSeed } from './seed/tokens';

let anvil: AnvilInstance;
let ctx: DevnetContext;
let seed: TokensSeed;
beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  seed = await seedTokens(ctx);
});
afterAll(async () => {
  await anvil?.stop();
});

/** A client that counts the JSON-RPC requests it sends, to prove the read is one round trip. */
function countingClient(rpcUrl: string) {
  const calls: string[] = [];
  const inner = http(rpcUrl, { retryCount: 0 })({ chain: mainnet });
  const request = (async (args: { method: string; params?: unknown }) => {
    calls.push(args.method);
    return inner.request(args as never);
  }) as EIP1193RequestFn;
  return { calls, client: createPublicClient({ chain: mainnet, transport: custom({ request }) }) };
}

test('every fair-rate reader returns the seeded rate to the wei, in one eth_call', async () => {
  const { calls, client } = countingClient(anvil.rpcUrl);
  const rates = await readFairRates(client);
  expect(calls).toEqual(['eth_call']);
  for (const symbol of RESTAKING_SYMBOLS) {
    expect({ symbol, result: rates[symbol] }).toEqual({
      symbol,
      result: { ok: true, rate: seed.rates[symbol], source: expect.any(String) },
    });
  }
});

test('seeded rates are the book values the seed declared (independent of the contracts)', () => {
  // Book rates chosen as 4-decimal numbers: a rate read back must be within 1 wei of them (pufETH's
  // +1 virtual share/asset rounding costs exactly one wei here).
  for (const [symbol, book] of Object.entries(SEED_BOOKS)) {
    const rate = seed.rates[symbol as keyof typeof SEED_BOOKS];
    expect(book.rate - rate, symbol).toBeGreaterThanOrEqual(0n);
    expect(book.rate - rate, symbol).toBeLessThanOrEqual(1n);
  }
});

test('a subset reads only those tokens, and a reverting reader reports failure without sinking the rest', async () => {
  await ctx.client.setCode({ address: PROTOCOL_CONTRACTS.kelpOracle, bytecode: '0x' });
  const rates = await readFairRates(ctx.client, { symbols: ['rsETH', 'ezETH', 'stETH'] });
  expect(Object.keys(rates).sort()).toEqual(['ezETH', 'rsETH', 'stETH']);
  expect(rates.rsETH?.ok).toBe(false);
  expect(rates.ezETH).toMatchObject({ ok: true, rate: seed.rates.ezETH });
  expect(rates.stETH).toMatchObject({ ok: true, rate: 10n ** 18n });
});

test('registry names, symbols and decimals match what the token contracts report', async () => {
  const results = await ctx.client.multicall({
    allowFailure: false,
    multicallAddress: seed.contracts.multicall3,
    contracts: RESTAKING_SYMBOLS.flatMap((s) => {
      const address = RESTAKING_TOKENS[s].address;
      return [
        { address, abi: erc20Abi, functionName: 'name' },
        { address, abi: erc20Abi, functionName: 'symbol' },
        { address, abi: erc20Abi, functionName: 'decimals' },
      ] as const;
    }),
  });
  RESTAKING_SYMBOLS.forEach((s, i) => {
    const t = RESTAKING_TOKENS[s];
    expect(results.slice(i * 3, i * 3 + 3)).toEqual([t.name, t.symbol, t.decimals]);
  });
});

test('registry entries are consistent: protocol profiles exist, wrappers point at rebasing tokens, deposit entries parse', () => {
  for (const s of RESTAKING_SYMBOLS) {
    const t = RESTAKING_TOKENS[s];
    expect(PROTOCOLS[t.protocol].id).toBe(t.protocol);
    if (t.wraps) expect(RESTAKING_TOKENS[t.wraps].rebasing).toBe(true);
    if (t.deposit && t.deposit.functionName !== 'receive') expect(() => parseAbi([t.deposit!.signature])).not.toThrow();
  }
  // Reference §1.1: the Balancer reviews flag exactly Renzo and Puffer as donation-susceptible.
  expect(
    Object.values(PROTOCOLS)
      .filter((p) => p.donationSusceptible)
      .map((p) => p.id)
      .sort(),
  ).toEqual(['puffer', 'renzo']);
});
