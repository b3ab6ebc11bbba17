import { describe, expect, test } from 'vitest';
import { custom, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { createAlertsEngine } from '../engine';
import { createMemoryAlertsStore } from '../memory-store';
import { DEFAULT_ALERT_SETTINGS } from '../settings';
import type { AlertNotification } from '../types';
import type { ChainBreakdown } from '../../tracker/chains';
import type { TrackerSnapshot } from '../../tracker/types';

const WAD = 10n ** 18n;
const alice: Address = '0x00000000000000000000000000000000000A11cE';
const FAIR = 1_200_000_000_000_000_000n;

/** Ethereum with nothing held; Base where alice holds 2 wstETH whose pool trades `discountPct` % under fair (or not checked). */
function snapshot(l2Block: bigint, discountPct: bigint | 'not-checked', { held = true } = {}): TrackerSnapshot {
  const market = discountPct === 'not-checked' ? null : FAIR - (FAIR * discountPct) / 100n;
  const base: ChainBreakdown = {
    chainId: 8453,
    status: 'ok',
    blockNumber: l2Block,
    requestCount: 1,
    totalEth: 0n,
    holdings: held
      ? [
          {
            account: alice,
            symbol: 'wstETH',
            l1Symbol: 'wstETH',
            token: alice,
            amount: 2n * WAD,
            rate: FAIR,
            valueEth: 2n * FAIR,
            marketValueEth: null,
          },
        ]
      : [],
    rateLags: [],
    depegs: held
      ? [
          market === null
            ? {
                symbol: 'wstETH',
                status: 'not-checked',
                marketRate: null,
                fairRate: null,
                fairSource: null,
                depegWad: null,
                error: 'market price not checked on Base: x',
              }
            : {
                symbol: 'wstETH',
                status: 'ok',
                marketRate: market,
                fairRate: FAIR,
                fairSource: 'l1-fair-rate',
                depegWad: ((market - FAIR) * WAD) / FAIR,
                marketSource: 'uniswap-v3:0x20E0… via QuoterV2 on Base',
              },
        ]
      : [],
  };
  const eth: ChainBreakdown = { chainId: 1, status: 'ok', blockNumber: 100n, requestCount: 2, totalEth: 0n, holdings: [], rateLags: [] };
  return {
    chainId: 1,
    blockNumber: 100n,
    blockTimestamp: 0n,
    takenAt: 1_000_000,
    requestCount: 2,
    accounts: [alice],
    positions: [],
    tokens: [],
    chains: [eth, base],
  };
}

function setup() {
  const notes: AlertNotification[] = [];
  const store = createMemoryAlertsStore({ settings: DEFAULT_ALERT_SETTINGS });
  const engine = createAlertsEngine({
    chain: mainnet,
    getTransport: () => custom({ request: async () => [] }),
    store,
    now: () => 1_000_000,
    minuteOfDay: () => 12 * 60,
    notify: (n: AlertNotification) => void notes.push(n),
    setBadge: () => undefined,
  });
  return { engine, notes };
}

describe('L2 depeg alerts (the depeg rule on each L2 pool)', () => {
  test('warn then danger then recovery on Base: the chain in every title and message, alerts carry chain 8453 and its block', async () => {
    const { engine } = setup();
    const warn = (await engine.evaluate(snapshot(500n, 2n))).raised;
    expect(warn.map((a) => [a.id, a.severity, a.chainId, a.block])).toEqual([['depeg:8453:wstETH:500', 'warning', 8453, '500']]);
    expect(warn[0]!.title).toBe('wstETH on Base trades 2% under its fair value');
    expect(warn[0]!.message).toContain('per wstETH on Base (uniswap-v3:0x20E0… via QuoterV2 on Base)');
    // 2 wstETH × 1.2 fair × 2 % = 0.048 ETH.
    expect(warn[0]!.data).toMatchObject({ chainId: '8453', gapEth: '48000000000000000', fairSource: 'l1-fair-rate' });
    expect((await engine.evaluate(snapshot(501n, 4n))).raised.map((a) => a.id)).toEqual(['depeg:8453:wstETH:500:danger']);
    expect((await engine.evaluate(snapshot(502n, 0n))).raised.map((a) => [a.id, a.title])).toEqual([
      ['depeg-recovered:8453:wstETH:500', 'wstETH on Base is back near its fair value'],
    ]);
  });

  test('not checked raises nothing and keeps the episode; selling it on Base ends the episode silently', async () => {
    const { engine } = setup();
    expect((await engine.evaluate(snapshot(500n, 2n))).raised).toHaveLength(1);
    expect((await engine.evaluate(snapshot(501n, 'not-checked'))).raised).toEqual([]);
    expect((await engine.evaluate(snapshot(502n, 2n))).raised, 'same episode, no second warning').toEqual([]);
    expect((await engine.evaluate(snapshot(503n, 0n, { held: false }))).raised).toEqual([]);
    expect((await engine.evaluate(snapshot(504n, 2n))).raised.map((a) => a.id)).toEqual(['depeg:8453:wstETH:504']);
  });
});
