import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
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
  test('with no stakers known, LRT holdings say "unknown" with a reason and carry no exposure number', () => {
    const reader = lrtExposureReader({});
    expect(reader.phase1({ accounts: [alice] })).toEqual([]);
    const { positions } = runReader(reader, [alice], () => 0n, rateBook({}));
    expect(positions).toEqual([]);
    const annotated = reader.annotate!({ accounts: [alice] }, new Map(), rateBook({}), [
      holding('ezETH'),
      holding('stETH'),
      holding('aEthrsETH', 'aave', { underlying: 'rsETH' }),
    ]);
    expect(annotated[0]!.details).toMatchObject({ lrtExposure: 'unknown', lrtExposureReason: expect.stringMatching(/Renzo/) });
    expect(annotated[0]!.slashing).toBeUndefined();
    expect(annotated[1]).toEqual(holding('stETH')); // an LST is not an LRT: untouched
    expect(annotated[2]!.details.lrtExposure).toBe('unknown');
  });

  test('a supply that cannot be split is unknown, not 0', () => {
    const staker: Address = '0x000000000000000000000000000000000000bEEF';
    const reader = lrtExposureReader({ ezETH: [staker] });
    const reads = new Map([[`lrt:totalSupply:ezETH`, { ok: true as const, value: 0n }]]);
    const [p] = reader.annotate!({ accounts: [alice] }, reads, rateBook({}), [holding('ezETH')]);
    expect(p!.details.lrtExposure).toBe('unknown');
    expect(p!.slashing).toBeUndefined();
  });
});
