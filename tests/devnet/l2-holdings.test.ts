import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createPublicClient, createWalletClient, erc20Abi, http, parseAbi, parseEther, type Address, type Client } from 'viem';
import { arbitrum, base, mainnet } from 'viem/chains';
import { privateKeyToAccount } from 'viem/accounts';
import { countingTransport, createRequestCounter, type RequestCounter } from '../../lib/tracker/counting-transport';
import {
  L2_CHAINS,
  rateLagsAcrossChains,
  readHoldingsAcrossChains,
  type ChainHoldings,
  type HoldingsChainId,
  type RateLagCheck,
} from '../../lib/restaking/l2';
import { RESTAKING_SYMBOLS, RESTAKING_TOKENS } from '../../lib/restaking/tokens';
import { rateLagFlags } from '../../lib/risk';
import { devAccount, type DevnetContext } from './context';
import { startDevnet, type Devnet } from './devnet';
import { l1RatesFromInfo, snapshotAll, startL2Devnets, type L2Devnet } from './l2-devnet';
import { l2RateLag, parseL2Token } from './scenarios-l2';
import { reprice } from './scenarios';
import { doubleAbi } from './seed/abi';
import { runCli } from './cli-helpers';
import { createTracker } from '../../lib/tracker/tracker';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import type { ChainTransport } from '../../lib/tracker/chains';
import { waitMined } from './mined';

/**
 * Issue #18 on real anvil nodes: Ethereum (chain 1) and the L2 devnets (Arbitrum One 42161, Base 8453) with doubles at
 * the L2 registry's addresses. Holdings of every chain come in one request per chain; the numbers are checked against
 * raw balanceOf / feed reads the test makes itself. The rate-lag scenario raises the flag for the reason it set.
 */

const WAD = 10n ** 18n;
let l1: Devnet;
let l2: L2Devnet[];
let revert: () => Promise<void>;
let l1Rates: Record<string, bigint>;
const arb = () => l2.find((n) => n.chainId === 42161)!;
const bas = () => l2.find((n) => n.chainId === 8453)!;
const ctxOf = (chainId: HoldingsChainId): DevnetContext => (chainId === 1 ? l1.ctx : l2.find((n) => n.chainId === chainId)!.ctx);

// demo users 1 and 2 (seeded on every chain), plus a holder of this test's own at index 12 (odd amounts below).
const holder = devAccount(12).address;
const accounts: Address[] = [devAccount(1).address, devAccount(2).address, holder];
const ODD: { chainId: 42161 | 8453; symbol: string; amount: bigint }[] = [
  { chainId: 42161, symbol: 'weETH', amount: 1_234_567_890_123_456_789n },
  { chainId: 42161, symbol: 'rETH', amount: 7n },
  { chainId: 8453, symbol: 'cbETH', amount: 333_333_333_333_333_333n },
  { chainId: 8453, symbol: 'wrsETH', amount: 42n * 10n ** 17n },
];

beforeAll(async () => {
  l1 = await startDevnet();
  l1Rates = l1RatesFromInfo(l1.info.rates) as Record<string, bigint>;
  l2 = await startL2Devnets({ l1Rates });
  for (const o of ODD) {
    const t = parseL2Token(o.chainId, o.symbol);
    await ctxOf(o.chainId).write({
      address: t.address,
      abi: doubleAbi('L2BridgedToken'),
      functionName: 'bridgeMint',
      args: [holder, o.amount],
    });
  }
});
afterAll(async () => {
  await Promise.all([l1?.stop(), ...(l2 ?? []).map((n) => n.stop())]);
});
beforeEach(async () => {
  revert = await snapshotAll([l1.ctx, ...l2.map((n) => n.ctx)]);
});
afterEach(async () => {
  await revert();
});

const rpcOf = (chainId: HoldingsChainId) => (chainId === 1 ? l1.rpcUrl : l2.find((n) => n.chainId === chainId)!.rpcUrl);

/** One counting client per chain; the counters say how many JSON-RPC requests each chain got. */
function countedClients(): { clients: Partial<Record<HoldingsChainId, Client>>; counters: Record<number, RequestCounter> } {
  const counters: Record<number, RequestCounter> = {};
  const clients = Object.fromEntries(
    ([1, 42161, 8453] as const).map((chainId) => {
      counters[chainId] = createRequestCounter();
      return [chainId, createPublicClient({ transport: countingTransport(http(rpcOf(chainId), { retryCount: 0 }), counters[chainId]!) })];
    }),
  ) as Partial<Record<HoldingsChainId, Client>>;
  return { clients, counters };
}

async function readAll() {
  const { clients, counters } = countedClients();
  const result = await readHoldingsAcrossChains({ clients, accounts });
  const byChain = Object.fromEntries(
    result.chains.map((c) => {
      if (!c.ok) throw new Error(`chain ${c.chainId}: ${c.error}`);
      return [c.chainId, c.holdings];
    }),
  ) as unknown as Record<1 | 42161 | 8453, ChainHoldings>;
  return { result, byChain, counters };
}

async function lags(): Promise<RateLagCheck[]> {
  const { byChain } = await readAll();
  return rateLagsAcrossChains(byChain[1], [byChain[42161], byChain[8453]]);
}
const lagOf = (checks: RateLagCheck[], chainId: number, symbol: string) =>
  checks.find((c) => c.chainId === chainId && c.symbol === symbol)!;

// The test's own ABIs: an independent reference, not the registry's.
const feedAbi = parseAbi([
  'function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)',
  'function decimals() view returns (uint8)',
]);

describe('L2 devnets', () => {
  test('answer with their real chain ids and have a double at every token, rate source and Multicall3 of the L2 registry', async () => {
    for (const n of l2) {
      expect(await n.ctx.client.getChainId()).toBe(n.chainId);
      const chain = L2_CHAINS[n.chainId];
      const addresses = [
        chain.multicall3.address,
        chain.ethUsdFeed.address,
        ...chain.tokens.flatMap((t) => [t.address, t.rateSource.address]),
      ];
      for (const t of chain.tokens) for (const s of t.altRateSources ?? []) addresses.push(s.address);
      const empty = [];
      for (const a of addresses) if (((await n.ctx.client.getCode({ address: a })) ?? '0x').length <= 2) empty.push(a);
      expect(empty).toEqual([]);
    }
  });
});

describe('holdings across chains', () => {
  test('Ethereum, Arbitrum and Base in one request each; balances, ETH and rates equal raw reads', async () => {
    const { result, byChain, counters } = await readAll();
    for (const chainId of [1, 42161, 8453]) {
      expect(counters[chainId]!.count, `requests on chain ${chainId}`).toBe(1);
      expect(counters[chainId]!.methods).toEqual(['eth_call']);
    }
    let expectedTotal = 0n;
    for (const chainId of [1, 42161, 8453] as const) {
      const h = byChain[chainId];
      const ctx = ctxOf(chainId);
      expect(h.unvalued).toEqual([]);
      expect(h.blockNumber).toBe(await ctx.client.getBlockNumber({ cacheTime: 0 }));
      const tokens: { symbol: string; address: Address }[] =
        chainId === 1
          ? RESTAKING_SYMBOLS.map((s) => ({ symbol: s, address: RESTAKING_TOKENS[s].address }))
          : [...L2_CHAINS[chainId].tokens];
      expect(h.tokens.map((t) => t.symbol)).toEqual(tokens.map((t) => t.symbol));
      let chainTotal = 0n;
      for (const [i, a] of accounts.entries()) {
        const eth = await ctx.client.getBalance({ address: a });
        expect(h.eth[i]).toBe(eth);
        chainTotal += eth;
      }
      for (const t of tokens) {
        const row = h.tokens.find((x) => x.symbol === t.symbol)!;
        const raw = await Promise.all(
          accounts.map((a) => ctx.client.readContract({ address: t.address, abi: erc20Abi, functionName: 'balanceOf', args: [a] })),
        );
        expect(row.balances, `${t.symbol} on ${chainId}`).toEqual(raw);
        if (!row.rate.ok) throw new Error(`${t.symbol} on ${chainId}: ${row.rate.error}`);
        if (chainId !== 1) {
          // The L2 rate is the rate source's answer, read here raw; the devnet seeds it at the L1 fair rate.
          const source = L2_CHAINS[chainId].tokens.find((x) => x.symbol === t.symbol)!.rateSource;
          const [, answer, , updatedAt] = await ctx.client.readContract({
            address: source.address,
            abi: feedAbi,
            functionName: 'latestRoundData',
          });
          expect(await ctx.client.readContract({ address: source.address, abi: feedAbi, functionName: 'decimals' })).toBe(18);
          expect(row.rate.rate).toBe(answer);
          expect(row.rate.updatedAt).toBe(updatedAt);
          const l1Symbol = L2_CHAINS[chainId].tokens.find((x) => x.symbol === t.symbol)!.l1Symbol;
          expect(answer).toBe(l1Rates[l1Symbol]);
        } else {
          expect(row.rate.rate).toBe(l1Rates[t.symbol]);
        }
        chainTotal += (raw.reduce((s, b) => s + b, 0n) * row.rate.rate) / WAD;
      }
      expect(h.totalEth, `total on ${chainId}`).toBe(chainTotal);
      expectedTotal += chainTotal;
    }
    expect(result.totalEth).toBe(expectedTotal);
    // The odd amounts minted to the test's holder come back to the wei.
    for (const o of ODD) expect(byChain[o.chainId].tokens.find((t) => t.symbol === o.symbol)!.balances[2]).toBe(o.amount);
    // Demo user 1's Base weETH (1.25) is valued at Base's rate.
    const weeth = byChain[8453].tokens.find((t) => t.symbol === 'weETH')!;
    expect(weeth.balances[0]).toBe(parseEther('1.25'));
  });

  test('a chain whose node is down is reported and the others still answer', async () => {
    const { clients } = countedClients();
    clients[8453] = createPublicClient({ transport: http('http://127.0.0.1:9', { retryCount: 0 }) });
    const result = await readHoldingsAcrossChains({ clients, accounts });
    const down = result.chains.find((c) => c.chainId === 8453)!;
    expect(down.ok).toBe(false);
    expect(result.chains.filter((c) => c.ok).map((c) => c.chainId)).toEqual([1, 42161]);
  });
});

describe('rate lag', () => {
  test('un-lagged L2 rates raise no flag on either L2', async () => {
    const checks = await lags();
    expect(checks.length).toBe(L2_CHAINS[42161].tokens.length + L2_CHAINS[8453].tokens.length);
    expect(checks.filter((c) => c.status !== 'ok')).toEqual([]);
    for (const c of checks) {
      expect(c.shortfallWad).toBe(0n);
      expect(c.ageSeconds! >= 0n && c.ageSeconds! < 3600n).toBe(true);
      expect(rateLagFlags(c)).toEqual([]);
    }
  });

  test('l2-rate-lag base weETH 0.02 flags weETH on Base as below L1, with both sources; nothing else flags', async () => {
    const out = await l2RateLag(l1.ctx, bas().ctx, 8453, parseL2Token(8453, 'weETH'), { fraction: '0.02' });
    expect(out.l2Rate).toBe(((l1Rates.weETH! * 98n) / 100n).toString());
    const checks = await lags();
    const c = lagOf(checks, 8453, 'weETH');
    expect(c).toMatchObject({ status: 'lagging', reasons: ['below-l1'], l1Rate: l1Rates.weETH, l2Rate: (l1Rates.weETH! * 98n) / 100n });
    // (L1 − L2) / L1 = 2 % up to the floor of L2 = L1 × 0.98.
    expect(Number(c.shortfallWad!) / 1e18).toBeCloseTo(0.02, 12);
    const source = L2_CHAINS[8453].tokens.find((t) => t.symbol === 'weETH')!.rateSource;
    expect(c.sources.l2).toMatchObject({
      chainId: 8453,
      address: source.address,
      kind: 'chainlink-exchange-rate',
      reference: source.source,
    });
    expect(c.sources.l1.description).toBe(RESTAKING_TOKENS.weETH.fairRate.source);
    const [flag] = rateLagFlags(c);
    expect(flag).toMatchObject({
      id: 'l2.rate-lag.below-l1',
      severity: 'warn',
      numbers: { shortfall: '2%' },
      source: { contract: source.address },
    });
    expect(checks.filter((x) => x.status !== 'ok').map((x) => `${x.chainId}:${x.symbol}`)).toEqual(['8453:weETH']);
  });

  test('the CLI: l2-rate-lag arbitrum rsETH 36h flags rsETH on Arbitrum as stale (feed and Kelp receiver both lag)', async () => {
    const run = await runCli('scenario-cli.ts', ['l2-rate-lag', 'arbitrum', 'rsETH', '36h', '--rpc', l1.rpcUrl, '--l2-rpc', arb().rpcUrl]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { sources: { kind: string; after: { updatedAt: string; rate: string } }[]; l2BlockTime: string };
    expect(out.sources.map((s) => s.kind)).toEqual(['chainlink-exchange-rate', 'kelp-rate-receiver']);
    for (const s of out.sources) expect(BigInt(out.l2BlockTime) - BigInt(s.after.updatedAt)).toBe(36n * 3600n);
    const receiver = L2_CHAINS[42161].tokens.find((t) => t.symbol === 'rsETH')!.altRateSources![0]!;
    const lastUpdated = await arb().ctx.client.readContract({
      address: receiver.address,
      abi: parseAbi(['function lastUpdated() view returns (uint256)']),
      functionName: 'lastUpdated',
    });
    expect(lastUpdated.toString()).toBe(out.sources[1]!.after.updatedAt);
    const checks = await lags();
    const c = lagOf(checks, 42161, 'rsETH');
    expect(c).toMatchObject({ status: 'lagging', reasons: ['stale'], shortfallWad: 0n });
    expect(c.ageSeconds! >= 36n * 3600n).toBe(true);
    expect(rateLagFlags(c)[0]).toMatchObject({ id: 'l2.rate-lag.stale', severity: 'warn' });
    expect(checks.filter((x) => x.status !== 'ok').map((x) => `${x.chainId}:${x.symbol}`)).toEqual(['42161:rsETH']);
  });

  test('both at once ("0.01,30h") is danger; lags under the thresholds (0.4 %, 24 h) do not flag', async () => {
    await l2RateLag(l1.ctx, bas().ctx, 8453, parseL2Token(8453, 'wstETH'), { fraction: '0.01', ageSeconds: 30n * 3600n });
    await l2RateLag(l1.ctx, arb().ctx, 42161, parseL2Token(42161, 'ezETH'), { fraction: '0.004' });
    await l2RateLag(l1.ctx, arb().ctx, 42161, parseL2Token(42161, 'weETH'), { ageSeconds: 24n * 3600n });
    const checks = await lags();
    expect(lagOf(checks, 8453, 'wstETH')).toMatchObject({ status: 'lagging', reasons: ['stale', 'below-l1'] });
    expect(rateLagFlags(lagOf(checks, 8453, 'wstETH'))[0]).toMatchObject({ id: 'l2.rate-lag', severity: 'danger' });
    expect(lagOf(checks, 42161, 'ezETH')).toMatchObject({ status: 'ok', reasons: [] });
    expect(lagOf(checks, 42161, 'ezETH').shortfallWad! > 0n).toBe(true);
    expect(lagOf(checks, 42161, 'weETH')).toMatchObject({ status: 'ok', reasons: [] });
  });

  test('an L1 rate that rises leaves the untouched L2 copies behind: ezETH lags on both L2s', async () => {
    await reprice(l1.ctx, 'ezETH', '1.1');
    const checks = await lags();
    expect(checks.filter((x) => x.status !== 'ok').map((x) => `${x.chainId}:${x.symbol}:${x.reasons.join('+')}`)).toEqual([
      '42161:ezETH:below-l1',
      '8453:ezETH:below-l1',
    ]);
    expect(lagOf(checks, 8453, 'ezETH').l1Rate).toBe(parseEther('1.1'));
  });
});

describe('tracker: per-chain breakdown', () => {
  const trackerWith = (l2s: () => ChainTransport[]) => {
    const store = createMemoryTrackerStore();
    const tracker = createTracker({
      chain: mainnet,
      getTransport: () => http(l1.rpcUrl, { retryCount: 0 }),
      getAccounts: () => accounts,
      store,
      getChainTransports: l2s,
    });
    return { store, tracker };
  };
  const both = (): ChainTransport[] => l2.map((n) => ({ chainId: n.chainId, transport: http(n.rpcUrl, { retryCount: 0 }) }));

  test('the stored snapshot carries Ethereum, Arbitrum and Base: one request per L2, holdings equal raw reads', async () => {
    const { store, tracker } = trackerWith(both);
    const state = await tracker.refresh();
    expect(state.schedule.lastError).toBeNull();
    // From storage (through the encoded schema), as the popup would get it.
    const chains = (await store.getSnapshot())!.chains!;
    expect(chains.map((c) => [c.chainId, c.status])).toEqual([
      [1, 'ok'],
      [42161, 'ok'],
      [8453, 'ok'],
    ]);
    expect(chains[0]!.requestCount).toBe(state.snapshot!.requestCount);
    for (const c of chains.slice(1)) {
      expect(c.requestCount, `requests on ${c.chainId}`).toBe(1);
      const ctx = ctxOf(c.chainId as HoldingsChainId);
      expect(c.blockNumber).toBe(await ctx.client.getBlockNumber({ cacheTime: 0 }));
      let total = 0n;
      for (const a of accounts) total += await ctx.client.getBalance({ address: a });
      const held: string[] = [];
      for (const t of L2_CHAINS[c.chainId as 42161 | 8453].tokens) {
        const [, answer] = await ctx.client.readContract({ address: t.rateSource.address, abi: feedAbi, functionName: 'latestRoundData' });
        let amount = 0n;
        for (const a of accounts) {
          const raw = await ctx.client.readContract({ address: t.address, abi: erc20Abi, functionName: 'balanceOf', args: [a] });
          amount += raw;
          if (raw > 0n) {
            held.push(`${a}:${t.symbol}`);
            expect(c.holdings.find((h) => h.account === a && h.symbol === t.symbol)).toMatchObject({
              amount: raw,
              rate: answer,
              token: t.address,
            });
          }
        }
        total += (amount * answer) / WAD;
      }
      expect(c.holdings.map((h) => `${h.account}:${h.symbol}`).sort()).toEqual(held.sort());
      expect(c.totalEth).toBe(total);
      expect(c.rateLags.every((l) => l.status === 'ok')).toBe(true);
    }
  });

  test('after l2-rate-lag base weETH 0.02 the Base entry shows the lag; an L2 that is down fails alone', async () => {
    await l2RateLag(l1.ctx, bas().ctx, 8453, parseL2Token(8453, 'weETH'), { fraction: '0.02' });
    const { tracker } = trackerWith(() => [...both(), { chainId: 59144, transport: http('http://127.0.0.1:9', { retryCount: 0 }) }]);
    const chains = (await tracker.refresh()).snapshot!.chains!;
    const baseEntry = chains.find((c) => c.chainId === 8453)!;
    expect(baseEntry.rateLags.filter((l) => l.status !== 'ok')).toEqual([
      expect.objectContaining({ symbol: 'weETH', status: 'lagging', reasons: ['below-l1'], l1Rate: l1Rates.weETH }),
    ]);
    expect(chains.find((c) => c.chainId === 42161)!.rateLags.filter((l) => l.status !== 'ok')).toEqual([]);
    expect(chains.find((c) => c.chainId === 59144)).toMatchObject({ status: 'failed', totalEth: 0n });
    expect(chains.find((c) => c.chainId === 1)!.status).toBe('ok');
  });
});

describe('send on Base', () => {
  test('a plain ETH transfer signed with viem lands on Base with chain id 8453, and replays nowhere else', async () => {
    // anvil dev account 4's well-known key (dev mnemonic, index 4), signed locally by viem — not by the node.
    const account = privateKeyToAccount('0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a');
    expect(account.address).toBe(devAccount(4).address);
    const to = devAccount(13).address;
    const value = parseEther('0.123456789');
    const wallet = createWalletClient({ account, chain: base, transport: http(bas().rpcUrl, { retryCount: 0 }) });
    const before = await Promise.all([bas(), arb()].map((n) => n.ctx.client.getBalance({ address: to })));
    const l1Before = await l1.ctx.client.getBalance({ address: to });
    const request = await wallet.prepareTransactionRequest({ to, value });
    const raw = await wallet.signTransaction(request);
    const hash = await wallet.sendRawTransaction({ serializedTransaction: raw });
    const receipt = await waitMined(bas().ctx.client, hash);
    expect(receipt.status).toBe('success');
    const tx = await bas().ctx.client.getTransaction({ hash });
    expect(tx.chainId).toBe(8453);
    expect(tx.from.toLowerCase()).toBe(account.address.toLowerCase());
    expect(await bas().ctx.client.getBalance({ address: to })).toBe(before[0]! + value);
    // The same signed bytes are refused by Arbitrum (EIP-155: chain id 8453 ≠ 42161); Arbitrum and Ethereum balances stay.
    const arbClient = createPublicClient({ chain: arbitrum, transport: http(arb().rpcUrl, { retryCount: 0 }) });
    await expect(arbClient.sendRawTransaction({ serializedTransaction: raw })).rejects.toThrow();
    expect(await arb().ctx.client.getBalance({ address: to })).toBe(before[1]);
    expect(await createPublicClient({ chain: mainnet, transport: http(l1.rpcUrl) }).getBalance({ address: to })).toBe(l1Before);
  });
});
