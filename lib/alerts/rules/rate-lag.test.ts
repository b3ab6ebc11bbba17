import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import { checkRateLag } from '../../restaking/l2';
import { rateLagFlags } from '../../risk';
import type { ChainBreakdown } from '../../tracker/chains';
import type { TrackerSnapshot } from '../../tracker/types';
import { admit } from '../deliver';
import { DEFAULT_ALERT_SETTINGS } from '../settings';
import { EMPTY_ALERTS_STATE, type AlertsState } from '../types';
import { rateLagRule } from './rate-lag';

const E = 10n ** 18n;
const alice: Address = '0x00000000000000000000000000000000000A11cE';
const weETH: Address = '0x04C0599Ae5A44757c0af6F9eC3b93da8976c150A';
const feed: Address = '0x0000000000000000000000000000000000000fEE';
const L1_RATE = 1_070_000_000_000_000_000n; // 1.07 ETH per weETH on Ethereum

/** Base (8453) holding 2 weETH whose Base rate is `l2Rate`, updated `age` seconds before the read. */
function base(l2Rate: bigint | null, { held = 2n * E, age = 60n, block = 500n } = {}): ChainBreakdown {
  const now = 1_000_000n;
  const check = checkRateLag({
    chainId: 8453,
    symbol: 'weETH',
    l1Symbol: 'weETH',
    l2:
      l2Rate === null
        ? { ok: false, error: 'execution reverted', source: { kind: 'l1-fair-rate', description: 'x' } }
        : {
            ok: true,
            rate: l2Rate,
            updatedAt: now - age,
            source: { kind: 'chainlink-exchange-rate', address: feed, description: 'feed', reference: 'r' },
          },
    l1: { ok: true, rate: L1_RATE, source: 'ether.fi' },
    now,
  });
  return {
    chainId: 8453,
    status: 'ok',
    blockNumber: block,
    requestCount: 1,
    totalEth: 0n,
    holdings:
      held > 0n
        ? [
            {
              account: alice,
              symbol: 'weETH',
              l1Symbol: 'weETH',
              token: weETH,
              amount: held,
              rate: l2Rate,
              valueEth: l2Rate === null ? null : (held * l2Rate) / E,
            },
          ]
        : [],
    rateLags: [
      {
        symbol: 'weETH',
        status: check.status,
        reasons: check.reasons,
        l2Rate: check.l2Rate,
        l1Rate: check.l1Rate,
        shortfallWad: check.shortfallWad,
        ageSeconds: check.ageSeconds,
        ...(check.status === 'lagging' ? { flag: rateLagFlags(check)[0]! } : {}),
      },
    ],
  };
}

const snapshot = (chains: ChainBreakdown[], block = 100n): TrackerSnapshot => ({
  chainId: 1,
  blockNumber: block,
  blockTimestamp: 0n,
  takenAt: 0,
  requestCount: 1,
  accounts: [alice],
  positions: [],
  tokens: [],
  chains: [{ chainId: 1, status: 'ok', blockNumber: block, requestCount: 1, totalEth: 0n, holdings: [], rateLags: [] }, ...chains],
});

const rule = (state: AlertsState, chains: ChainBreakdown[]) =>
  rateLagRule({ snapshot: snapshot(chains), settings: DEFAULT_ALERT_SETTINGS, state, now: 0 });

describe('rate-lag alerts for bridged tokens held on an L2', () => {
  test('a held weETH whose Base rate is 1 % under Ethereum: one warning naming Base, with the gap priced by hand', () => {
    const state = structuredClone(EMPTY_ALERTS_STATE);
    // 1.0593 = 1.07 × 0.99: 2 weETH count 2 × (1.07 − 1.0593) = 0.0214 ETH less on Base.
    const [alert, ...rest] = rule(state, [base(1_059_300_000_000_000_000n)]);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ rule: 'depeg', chainId: 8453, severity: 'warning', id: 'rate-lag:8453:weETH:500', block: '500' });
    expect(alert!.title).toBe("weETH on Base: rate 1% below Ethereum's");
    expect(alert!.data.gapEth).toBe('21400000000000000');
    expect(alert!.message).toContain('on Base');
    // Admitted with Base's chain id and block, not the tracker's chain.
    const { raised } = admit(state, [alert!], { settings: DEFAULT_ALERT_SETTINGS, now: 1, minute: 600, chainId: 1, block: '100' });
    expect(raised[0]).toMatchObject({ chainId: 8453, block: '500' });
  });

  test('once per episode, then one recovery notice; a new lag later is a new alert', () => {
    const state = structuredClone(EMPTY_ALERTS_STATE);
    const lagging = base(1_059_300_000_000_000_000n);
    expect(rule(state, [lagging])).toHaveLength(1);
    expect(rule(state, [base(1_059_300_000_000_000_000n, { block: 510n })])).toEqual([]);
    const back = rule(state, [base(L1_RATE, { block: 520n })]);
    expect(back).toEqual([expect.objectContaining({ severity: 'info', id: 'rate-lag-recovered:8453:weETH:500', chainId: 8453 })]);
    expect(rule(state, [base(1_059_300_000_000_000_000n, { block: 530n })]).map((a) => a.id)).toEqual(['rate-lag:8453:weETH:530']);
  });

  test('stale and below at once is danger; stale alone names the age', () => {
    const both = rule(structuredClone(EMPTY_ALERTS_STATE), [base(1_059_300_000_000_000_000n, { age: 30n * 3600n })]);
    expect(both[0]).toMatchObject({ severity: 'danger', title: "weETH on Base: rate is stale and below Ethereum's" });
    const stale = rule(structuredClone(EMPTY_ALERTS_STATE), [base(L1_RATE, { age: 30n * 3600n })]);
    expect(stale[0]).toMatchObject({ severity: 'warning', title: 'weETH on Base: rate not updated for 30.0 h' });
  });

  test('nothing from data that is not there: an unread rate, a failed L2, a token not held', () => {
    const state = structuredClone(EMPTY_ALERTS_STATE);
    expect(rule(state, [base(null)])).toEqual([]);
    expect(rule(state, [{ ...base(1_059_300_000_000_000_000n), status: 'failed', error: 'timeout' }])).toEqual([]);
    expect(rule(state, [base(1_059_300_000_000_000_000n, { held: 0n })])).toEqual([]);
    // An open episode survives an unread rate and a failed read: no recovery notice from missing data.
    expect(rule(state, [base(1_059_300_000_000_000_000n)])).toHaveLength(1);
    expect(rule(state, [base(null)])).toEqual([]);
    expect(rule(state, [{ ...base(L1_RATE), status: 'failed', error: 'timeout' }])).toEqual([]);
    expect(state.rateLagEpisodes).toHaveProperty('8453:weETH');
  });
});
