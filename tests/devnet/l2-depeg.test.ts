import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { erc20Abi, http, parseAbi, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { createAlertsEngine } from '../../lib/alerts/engine';
import { createMemoryAlertsStore } from '../../lib/alerts/memory-store';
import { DEFAULT_ALERT_SETTINGS } from '../../lib/alerts/settings';
import { chainOf } from '../../lib/chain/clients';
import { REAL_NETWORKS } from '../../lib/chain/networks';
import { L2_CHAINS, l2PoolsOf } from '../../lib/restaking/l2';
import { RESTAKING_TOKENS } from '../../lib/restaking/tokens';
import { chainsOverview } from '../../lib/state/chains-model';
import type { ChainBreakdown } from '../../lib/tracker/chains';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { encodeSnapshot } from '../../lib/tracker/snapshot-schema';
import { createTracker } from '../../lib/tracker/tracker';
import { devAccount } from './context';
import { startDevnet, type Devnet } from './devnet';
import { l1RatesFromInfo, snapshotAll, startL2Devnets, type L2Devnet } from './l2-devnet';
import { parseL2Token } from './scenarios-l2';
import { l2Depeg } from './scenarios-l2-depeg';
import { chainCounters } from './chain-counters';

/**
 * Issue #18 item 4, depeg from the L2's own pools: after `scenario l2-depeg`, the tracker's depeg of a bridged token on
 * Arbitrum One and Base equals the test's own computation from a raw QuoterV2 eth_call on the L2 and the raw L1 fair
 * rate (wstETH.stEthPerToken on Ethereum), each L2 still read in one request; a quoter that reverts leaves the depeg
 * "market price not checked" with the reason, never a depeg of 0.
 */

const WAD = 10n ** 18n;
const accounts: Address[] = [devAccount(1).address, devAccount(2).address, devAccount(3).address];
const quoterAbi = parseAbi([
  'function quoteExactInputSingle((address tokenIn, address tokenOut, uint256 amountIn, uint24 fee, uint160 sqrtPriceLimitX96)) returns (uint256, uint160, uint32, uint256)',
]);
const wstethAbi = parseAbi(['function stEthPerToken() view returns (uint256)']);

let l1: Devnet;
let l2: L2Devnet[];
let revert: () => Promise<void>;
const node = (chainId: number) => l2.find((n) => n.chainId === chainId)!;

beforeAll(async () => {
  l1 = await startDevnet();
  l2 = await startL2Devnets({ l1Rates: l1RatesFromInfo(l1.info.rates) });
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

/** The tracker as the background builds it, the L2s given directly, one request counter per chain. */
async function refresh() {
  const { counters, counted } = chainCounters();
  const store = createMemoryTrackerStore();
  const tracker = createTracker({
    chain: chainOf(REAL_NETWORKS[0]!),
    getTransport: () => http(l1.rpcUrl),
    getAccounts: () => accounts,
    store,
    getChainTransports: () =>
      ([42161, 8453] as const).map((chainId) => ({
        chainId,
        name: L2_CHAINS[chainId].name,
        transport: counted(chainId, http(node(chainId).rpcUrl)),
      })),
  });
  const state = await tracker.refresh();
  expect(state.schedule.lastError).toBeNull();
  const snapshot = (await store.getSnapshot())!;
  const chain = (id: number) => snapshot.chains!.find((c) => c.chainId === id)! as ChainBreakdown;
  return { snapshot, chain, counters };
}

/** The test's own figures: 1-token quote from the L2's QuoterV2 (eth_call), the L1 fair rate, each holder's balance. */
async function rawWsteth(chainId: 42161 | 8453) {
  const token = L2_CHAINS[chainId].tokens.find((t) => t.symbol === 'wstETH')!;
  const pool = l2PoolsOf(chainId, 'wstETH')[0]!;
  const client = node(chainId).ctx.client;
  const { result } = await client.simulateContract({
    address: pool.quoter,
    abi: quoterAbi,
    functionName: 'quoteExactInputSingle',
    args: [{ tokenIn: token.address, tokenOut: pool.tokenOut, amountIn: WAD, fee: pool.fee, sqrtPriceLimitX96: 0n }],
  });
  const market = result[0];
  // The quoter's own answer for `amount` tokens (the exit sizes the tracker prices a holding at).
  const quoteFor = async (amount: bigint) =>
    (
      await client.simulateContract({
        address: pool.quoter,
        abi: quoterAbi,
        functionName: 'quoteExactInputSingle',
        args: [{ tokenIn: token.address, tokenOut: pool.tokenOut, amountIn: amount, fee: pool.fee, sqrtPriceLimitX96: 0n }],
      })
    ).result[0];
  const fair = await l1.ctx.client.readContract({
    address: RESTAKING_TOKENS.wstETH.address,
    abi: wstethAbi,
    functionName: 'stEthPerToken',
  });
  const balances = await Promise.all(
    accounts.map((a) => client.readContract({ address: token.address, abi: erc20Abi, functionName: 'balanceOf', args: [a] })),
  );
  return { pool, market, fair, depeg: Number(market - fair) / Number(fair), balances, quoteFor };
}

const closeTo = (actual: number, expected: number) => Math.abs(actual - expected) <= 1e-9 * Math.abs(expected);

describe('depeg from the L2 pools (devnet Arbitrum One and Base)', () => {
  test('l2-depeg base wstETH 0.03 and arbitrum wstETH 0.015: depeg and market value equal raw reads; 1 request per L2', async () => {
    await l2Depeg(l1.ctx, node(8453).ctx, 8453, parseL2Token(8453, 'wstETH'), '0.03');
    await l2Depeg(l1.ctx, node(42161).ctx, 42161, parseL2Token(42161, 'wstETH'), '0.015');
    const { snapshot, chain, counters } = await refresh();
    for (const [chainId, severity] of [
      [8453, 'danger'],
      [42161, 'warn'],
    ] as const) {
      expect(counters.get(chainId)!.count, `requests on ${chainId}`).toBe(1);
      expect(chain(chainId).requestCount).toBe(1);
      const raw = await rawWsteth(chainId);
      const d = chain(chainId).depegs!.find((x) => x.symbol === 'wstETH')!;
      expect(d).toMatchObject({
        status: 'ok',
        fairSource: 'l1-fair-rate',
        marketRate: raw.market,
        fairRate: raw.fair,
        pool: raw.pool.pool,
      });
      const depeg = Number(d.depegWad) / 1e18;
      expect(closeTo(depeg, raw.depeg), `${chainId}: tracker ${depeg} vs raw ${raw.depeg}`).toBe(true);
      expect(d.flag).toMatchObject({ id: 'depeg.discount', severity, source: { contract: raw.pool.pool } });
      expect(d.flag!.title).toContain(`wstETH on ${L2_CHAINS[chainId].name}`);
      const held = chain(chainId).holdings.filter((h) => h.symbol === 'wstETH');
      expect(held.length).toBeGreaterThan(0);
      for (const h of held) {
        const amount = raw.balances[accounts.indexOf(h.account)]!;
        expect(h.amount).toBe(amount);
        // Priced at the smallest of 1, 10, 100, 1,000, 10,000 tokens that covers the amount: amount × out(S) ÷ S.
        const size = [1n, 10n, 100n, 1_000n, 10_000n].map((n) => n * WAD).find((x) => x >= amount)!;
        const out = await raw.quoteFor(size);
        expect(h.marketValueEth, 'market value to the wei').toBe((amount * out) / size);
        expect(h.marketQuotedSize).toBe(size);
        expect(h.marketBeyondQuotes).toBe(false);
        // The pool pays less per token for more: the sized figure is at most the 1-token price × amount.
        expect(h.marketValueEth! <= (amount * raw.market) / WAD).toBe(true);
      }
      console.log(
        `[l2-depeg] ${L2_CHAINS[chainId].name} wstETH: market ${raw.market} fair ${raw.fair} depeg tracker ${depeg} raw ${raw.depeg}`,
      );
    }
    // The Portfolio's view model over the stored snapshot: the depeg beside the holding, with its pool and chain.
    const base = chainsOverview(encodeSnapshot(snapshot))!.chains.find((c) => c.chainId === 8453)!;
    const h = base.holdings.find((x) => x.symbol === 'wstETH')!;
    expect(h.depeg).toMatchObject({ status: 'ok', marketSource: `uniswap-v3:${l2PoolsOf(8453, 'wstETH')[0]!.pool} via QuoterV2 on Base` });
    expect(h.depeg!.flag?.severity).toBe('danger');
    // The depeg alert rule on the same snapshot: one alert per L2, named by its chain, carrying that chain's id.
    const alerts = createAlertsEngine({
      chain: mainnet,
      getTransport: () => http(l1.rpcUrl),
      store: createMemoryAlertsStore({ settings: DEFAULT_ALERT_SETTINGS }),
      now: () => snapshot.takenAt,
      minuteOfDay: () => 12 * 60,
      notify: () => undefined,
      setBadge: () => undefined,
    });
    const raised = (await alerts.evaluate(snapshot)).raised.filter((a) => a.rule === 'depeg');
    expect(raised.map((a) => [a.chainId, a.severity, a.title.replace(/ \d.*/, '')]).sort()).toEqual([
      [42161, 'warning', 'wstETH on Arbitrum One trades'],
      [8453, 'danger', 'wstETH on Base trades'],
    ]);
    // Tokens held without a listed pool are "not checked", with the reason.
    const weeth = base.holdings.find((x) => x.symbol === 'weETH')!;
    expect(weeth.depeg).toMatchObject({ status: 'not-checked', depegWad: null });
    expect(weeth.depeg!.error).toMatch(/^market price not checked on Base: no pool listed for weETH/);
  });

  test('a QuoterV2 that reverts on Base: wstETH "market price not checked" with the reason; values and Arbitrum unaffected', async () => {
    const quoter = l2PoolsOf(8453, 'wstETH')[0]!.quoter;
    // PUSH1 0 PUSH1 0 REVERT: every call to the quoter reverts.
    await node(8453).ctx.client.setCode({ address: quoter, bytecode: '0x60006000fd' });
    const { chain, counters } = await refresh();
    expect(counters.get(8453)!.count).toBe(1);
    const d = chain(8453).depegs!.find((x) => x.symbol === 'wstETH')!;
    expect(d).toMatchObject({ status: 'not-checked', depegWad: null, marketRate: null });
    expect(d.error).toMatch(/^market price not checked on Base: uniswap-v3 quote: /);
    expect(d.flag).toBeUndefined();
    for (const h of chain(8453).holdings.filter((x) => x.symbol === 'wstETH')) {
      expect(h.marketValueEth).toBeNull();
      expect(h.valueEth).not.toBeNull();
    }
    const arb = chain(42161).depegs!.find((x) => x.symbol === 'wstETH')!;
    const raw = await rawWsteth(42161);
    expect(arb).toMatchObject({ status: 'ok', marketRate: raw.market });
    // Un-moved: only the pool fee and 1 token's impact (0.01 % + 0.01 %), under every flag threshold.
    expect(arb.flag).toBeUndefined();
    expect(closeTo(Number(arb.depegWad) / 1e18, raw.depeg)).toBe(true);
  });
});
