import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import { DEFAULT_ALERT_SETTINGS } from '../settings';
import { EMPTY_ALERTS_STATE, type AlertsState } from '../types';
import type { Position, TrackerSnapshot } from '../../tracker/types';
import { liquidationRule } from './liquidation';

const WAD = 10n ** 18n;
const alice: Address = '0x00000000000000000000000000000000000A11cE';
const id = `aave:${alice.toLowerCase()}:aEthweETH`;

/** An Aave weETH position with health factor `hf` (a one-collateral loop: distance = 1 − 1/HF). */
function snap(block: bigint, hf: bigint | 'no-debt' | 'failed' | 'gone'): TrackerSnapshot {
  const positions: Position[] = [];
  if (hf !== 'gone') {
    const noDebt = hf === 'no-debt';
    const h = noDebt ? 2n ** 256n - 1n : hf === 'failed' ? WAD : hf;
    positions.push({
      id,
      family: 'aave',
      account: alice,
      asset: 'aEthweETH',
      status: hf === 'failed' ? 'failed' : 'ok',
      amount: 5n * WAD,
      fairValueEth: 5n * WAD,
      marketValueEth: 5n * WAD,
      depegWad: 0n,
      details:
        hf === 'failed'
          ? {}
          : {
              underlying: 'weETH',
              healthFactor: String(h),
              pricedBy: 'exchange-rate',
              liquidationStatus: noDebt ? 'no-debt' : h <= WAD ? 'liquidatable' : 'ok',
              aavePriceEthWad: String(107n * 10n ** 16n),
              ...(noDebt ? {} : { liquidationDistanceWad: String(h <= WAD ? 0n : WAD - (WAD * WAD) / h) }),
            },
      sources: [],
    });
  }
  return { chainId: 1, blockNumber: block, blockTimestamp: 0n, takenAt: 0, requestCount: 1, accounts: [alice], positions, tokens: [] };
}

const hf = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 12n;

function run(state: AlertsState, s: TrackerSnapshot, settings = DEFAULT_ALERT_SETTINGS) {
  return liquidationRule({ snapshot: s, settings, state, now: 0 });
}

describe('liquidationRule', () => {
  test('one alert per episode: same id while it holds, none on later refreshes, re-armed after it clears', () => {
    const state = structuredClone(EMPTY_ALERTS_STATE);
    expect(run(state, snap(100n, hf(1.2)))).toEqual([]); // 16.7 % away, HF 1.2
    const first = run(state, snap(101n, hf(1.04))); // 1 − 1/1.04 = 3.85 % < 5 %
    expect(first.map((a) => [a.id, a.severity, a.positionId])).toEqual([[`liquidation:${id}:101`, 'danger', id]]);
    expect(first[0]!.title).toBe('Aave weETH is 3.84% from liquidation'); // a margin is shown rounded down
    expect(first[0]!.message).toMatch(/Aave prices weETH by its exchange rate/);
    for (const b of [102n, 103n, 104n]) expect(run(state, snap(b, hf(1.03)))).toEqual([]);
    expect(run(state, snap(105n, 'failed'))).toEqual([]); // a failed read neither closes nor re-fires
    expect(run(state, snap(106n, hf(1.06)))).toEqual([]); // 5.66 %: out, but not clearly (< 6 %): same episode
    expect(run(state, snap(107n, hf(1.2)))).toEqual([]); // clearly out: the episode closes silently
    expect(state.liquidationEpisodes).toEqual({});
    expect(run(state, snap(108n, hf(1.04))).map((a) => a.id)).toEqual([`liquidation:${id}:108`]);
  });

  test('health factor under 1.1 alerts even when the distance is above the threshold', () => {
    const state = structuredClone(EMPTY_ALERTS_STATE);
    // 1 − 1/1.09 = 8.26 % ≥ 5 %, but HF 1.09 < 1.1.
    const settings = { ...DEFAULT_ALERT_SETTINGS, liquidationPercent: 5 };
    expect(run(state, snap(100n, hf(1.09)), settings).map((a) => a.title)).toEqual(['Aave weETH is 8.25% from liquidation']);
  });

  test('the threshold comes from settings; no debt and a withdrawn position never alert', () => {
    const state = structuredClone(EMPTY_ALERTS_STATE);
    expect(run(state, snap(100n, hf(1.15)), { ...DEFAULT_ALERT_SETTINGS, liquidationPercent: 15 })).toHaveLength(1); // 13 % < 15 %
    expect(run(state, snap(101n, 'gone'))).toEqual([]);
    expect(state.liquidationEpisodes).toEqual({});
    expect(run(state, snap(102n, 'no-debt'))).toEqual([]);
  });

  test('under 1.0: "can be liquidated now"', () => {
    const state = structuredClone(EMPTY_ALERTS_STATE);
    expect(run(state, snap(100n, hf(0.99)))[0]!.title).toBe('Aave weETH can be liquidated now');
  });
});
