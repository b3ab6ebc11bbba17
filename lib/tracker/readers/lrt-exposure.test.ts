import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import { LRT_STRUCTURES, type LrtStructure } from '../../restaking/lrt-structure';
import type { Position } from '../types';
import { rateBook, runReader } from './fake-chain.test-helper';
import { lrtExposureReader } from './lrt-exposure';

const alice: Address = '0x00000000000000000000000000000000000A11cE';
const E = 10n ** 18n;
const holding = (asset: string, family: Position['family'] = 'token', details: Record<string, string> = {}): Position => ({
  id: `${family}:${alice}:${asset}`,
  family,
  account: alice,
  asset,
  status: 'ok',
  amount: 2n * E,
  fairValueEth: 2n * E,
  marketValueEth: 2n * E,
  depegWad: 0n,
  details,
  sources: [],
});

describe('lrtExposureReader', () => {
  test('with no structure known, LRT holdings say "unknown" with a reason and carry no exposure number', () => {
    const reader = lrtExposureReader([]);
    expect(reader.phase1({ accounts: [alice] }).filter((c) => c.key.startsWith('lt:supply'))).toEqual([]);
    const { positions } = runReader(reader, [alice], () => 0n, rateBook({}));
    expect(positions).toEqual([]);
    const annotated = reader.annotate!({ accounts: [alice] }, new Map(), rateBook({}), [
      holding('ezETH'),
      holding('stETH'),
      holding('aEthrsETH', 'aave', { underlying: 'rsETH' }),
    ]);
    expect(annotated[0]!.details).toMatchObject({ lrtExposure: 'unknown', lrtExposureReason: expect.stringMatching(/renzo/) });
    expect(annotated[0]!.slashing).toBeUndefined();
    expect(annotated[1]).toEqual(holding('stETH')); // an LST is not an LRT: untouched
    expect(annotated[2]!.details.lrtExposure).toBe('unknown');
  });

  test('a protocol without an on-chain path keeps its reason and says when its rate would show a slash', () => {
    // No LRT in the registry is without a path today; a structure marked unknown stands in for one.
    const structures = LRT_STRUCTURES.map((s): LrtStructure =>
      s.symbol === 'rswETH'
        ? {
            symbol: s.symbol,
            protocol: s.protocol,
            stakerKind: s.stakerKind,
            entry: [],
            rateShowsSlash: s.rateShowsSlash,
            status: 'unknown',
            reason: 'no on-chain path found: test',
            plain: 'test',
          }
        : s,
    );
    const [p] = lrtExposureReader(structures).annotate!({ accounts: [alice] }, new Map(), rateBook({}), [holding('rswETH')]);
    expect(p!.details.lrtExposure).toBe('unknown');
    expect(p!.details.lrtExposureReason).toBe('no on-chain path found: test');
    expect(p!.details.lrtRateShowsSlash).toMatch(/reprice/);
    expect(p!.slashing).toBeUndefined();
  });

  test('rswETH before the walk of its registries, or after one that found nothing, is unknown with the reason', () => {
    const reader = lrtExposureReader(LRT_STRUCTURES);
    const [p] = reader.annotate!({ accounts: [alice] }, new Map(), rateBook({}), [holding('rswETH')]);
    expect(p!.details.lrtExposureReason).toMatch(
      /rswETH → AccessControlManager\(\) → DepositManager\(\) → eigenLayerManager\(\) not walked yet/,
    );
    const eventStakers = new Map([
      ['rswETH' as const, { stakers: [], status: 'partial' as const, reason: 'stakeId(): 503', scannedTo: 5n }],
    ]);
    expect(reader.phase2!({ accounts: [alice], eventStakers }, new Map(), rateBook({}))).toEqual([]);
    const [q] = reader.annotate!({ accounts: [alice], eventStakers }, new Map(), rateBook({}), [holding('rswETH')]);
    expect(q!.details.lrtExposureReason).toMatch(/walk stopped before any StakerProxy was found \(stakeId\(\): 503\)/);
  });

  test('weETH without a node scan, or with one that found nothing, is unknown with the reason (never an empty known)', () => {
    const reader = lrtExposureReader(LRT_STRUCTURES);
    const [p] = reader.annotate!({ accounts: [alice] }, new Map(), rateBook({}), [holding('weETH')]);
    expect(p!.details).toMatchObject({
      lrtExposure: 'unknown',
      lrtExposureReason: expect.stringMatching(/EtherFiNodeDeployed logs .* not scanned yet/),
    });
    const eventStakers = new Map([
      ['weETH' as const, { stakers: [], status: 'partial' as const, reason: 'eth_getLogs: 503', scannedTo: 5n }],
    ]);
    // No node, no read: nothing of ether.fi's goes into phase 2.
    expect(reader.phase2!({ accounts: [alice], eventStakers }, new Map(), rateBook({}))).toEqual([]);
    const [q] = reader.annotate!({ accounts: [alice], eventStakers }, new Map(), rateBook({}), [holding('weETH')]);
    expect(q!.details.lrtExposureReason).toMatch(/scan stopped before any EtherFiNode was found \(eth_getLogs: 503\)/);
    expect(q!.slashing).toBeUndefined();
  });

  test('weETH reads at most maxRead nodes, each in its two strategies only, and says how many of how many', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => `0x${(0xe000 + i).toString(16).padStart(40, '0')}` as const);
    const eventStakers = new Map([['weETH' as const, { stakers: nodes, status: 'complete' as const, scannedTo: 9n }]]);
    const calls = lrtExposureReader(LRT_STRUCTURES.filter((s) => s.symbol === 'weETH')).phase2!(
      { accounts: [alice], eventStakers },
      new Map(),
      rateBook({}),
    );
    const shares = calls.filter((c) => c.functionName === 'getWithdrawableShares');
    expect(shares).toHaveLength(160);
    expect(shares[0]!.args).toEqual([
      nodes[0],
      ['0xbeaC0eeEeeeeEEeEeEEEEeeEEeEeeeEeeEEBEaC0', '0x93c4b944D05dfe6df7645A86cd2206016c51564D'],
    ]);
    expect(calls.filter((c) => c.functionName === 'delegatedTo')).toHaveLength(160);
    // Each node's queued withdrawals too (still slashable until completable), and the delay once.
    expect(calls.filter((c) => c.functionName === 'getQueuedWithdrawals').map((c) => c.args?.[0])).toEqual(nodes.slice(0, 160));
    expect(calls.filter((c) => c.functionName === 'minWithdrawalDelayBlocks')).toHaveLength(1);
    // Declared gas, which sizes the Multicall3 batch: 160 × (10k + 2 × 30k + 40k) + 10k = 17.61M.
    expect(calls.reduce((g, c) => g + (c.gas ?? 0n), 0n)).toBe(17_610_000n);
  });

  test('weETH from one scanned node in native ETH: the holder carries balance ÷ eETH shares; an eETH holding its ETH ÷ weETH’s rate', () => {
    const node: Address = '0x000000000000000000000000000000000000eF01';
    const op: Address = '0x0000000000000000000000000000000000000E7a';
    const avs: Address = '0x0000000000000000000000000000000000000A75';
    const beacon = '0xbeaC0eeEeeeeEEeEeEEEEeeEEeEeeeEeeEEBEaC0';
    const steth = '0x93c4b944D05dfe6df7645A86cd2206016c51564D';
    const ok = (value: unknown) => ({ ok: true as const, value });
    // Keys as the look-through plan names them (its shares key carries the node's two strategies).
    const reads = new Map([
      ['lt:supply:weETH', ok(1000n * E)],
      ['rate:weETH:0', ok((5n * E) / 4n)],
      [`lt:delegatedTo:${node}`, ok(op)],
      [
        `lt:shares:${node}:${beacon},${steth}`,
        ok([
          [100n * E, 0n],
          [100n * E, 0n],
        ]),
      ],
      [`lt:max:${op}:${beacon}`, ok(E)],
      [`lt:alloc:${op}:${beacon}`, ok([[{ avs, id: 1 }], [{ currentMagnitude: E / 2n, pendingDiff: 0n, effectBlock: 0 }]])],
      // Nothing queued.
      [`lt:queued:${node}`, ok([[], []])],
      ['lt:withdrawalDelay', ok(100_800)],
    ]);
    const eventStakers = new Map([['weETH' as const, { stakers: [node], status: 'complete' as const, scannedTo: 7n }]]);
    const [we, ee] = lrtExposureReader(LRT_STRUCTURES).annotate!({ accounts: [alice], eventStakers }, reads, rateBook({}), [
      holding('weETH'),
      holding('eETH'),
    ]);
    // 100 ETH on one operator, half its magnitude in avs:1 → 50 ETH at risk; 2 weETH of 1000 shares → 0.1 ETH.
    expect(we!.details).toMatchObject({
      lrtExposure: 'known',
      lrtWorstSetLossEth: String(50n * E),
      lrtHolderWorstSetLossEth: String(E / 10n),
    });
    expect(we!.details).toMatchObject({ lrtStakersRead: '1', lrtStakersFound: '1', lrtStakerScan: 'complete' });
    // 2 eETH = 2 ETH = 1.6 weETH at 1.25 → 1.6 × 50 / 1000 = 0.08 ETH.
    expect(ee!.details).toMatchObject({ lrtExposure: 'known', lrtVia: 'weETH', lrtAmount: String((16n * E) / 10n) });
    expect(ee!.details.lrtHolderWorstSetLossEth).toBe(String((8n * E) / 100n));
  });

  test('a listing read that failed makes the exposure unknown with that error, not 0', () => {
    const reads = new Map([['lt:list:rsETH', { ok: false as const, error: 'execution reverted' }]]);
    const [p] = lrtExposureReader(LRT_STRUCTURES).annotate!({ accounts: [alice] }, reads, rateBook({}), [holding('rsETH')]);
    expect(p!.details.lrtExposure).toBe('unknown');
    expect(p!.details.lrtExposureReason).toMatch(/NodeDelegators failed: getNodeDelegatorQueue\(\).*execution reverted/);
    expect(p!.slashing).toBeUndefined();
  });

  test('a Curve LP counts its share of the pool’s LRT coin (amount from the curve reader), a pool without an LRT is untouched', () => {
    const lp = holding('Curve WETH/weETH (stable-ng)', 'curve-lp', { underlying0: `${3n * E} WETH`, underlying1: `${7n * E} weETH` });
    const steth = holding('Curve ETH/stETH (steCRV)', 'curve-lp', { underlying0: `${E} ETH`, underlying1: `${E} stETH` });
    const [p, q] = lrtExposureReader(LRT_STRUCTURES).annotate!({ accounts: [alice] }, new Map(), rateBook({}), [lp, steth]);
    expect(p!.details).toMatchObject({ lrtExposure: 'unknown', lrtSymbol: 'weETH', lrtAmount: String(7n * E) });
    expect(q).toEqual(steth);
  });
});
