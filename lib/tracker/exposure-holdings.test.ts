import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import type { Position } from './types';
import { exposureHoldings } from './exposure-holdings';

const alice: Address = '0x00000000000000000000000000000000000A11cE';
const op: Address = '0x0e7a000000000000000000000000000000000001';
const avs: Address = '0x0a75000000000000000000000000000000000001';
const E = 10n ** 18n;
const base = (family: Position['family'], asset: string, details: Record<string, string> = {}): Position => ({
  id: `${family}:${alice}:${asset}`,
  family,
  account: alice,
  asset,
  status: 'ok',
  amount: E,
  fairValueEth: 3n * E,
  marketValueEth: 3n * E,
  depegWad: 0n,
  details,
  sources: [],
});

describe('exposureHoldings', () => {
  test('a direct deposit counts its whole value with its operator; an LRT its per-operator share; Pendle and Symbiotic say why not', () => {
    const direct = {
      ...base('eigenlayer', 'stETH strategy'),
      slashing: {
        worstCaseEth: E,
        operator: op,
        method: 'eigenlayer-magnitudes' as const,
        perSet: [{ avs, id: 1, magnitude: 3n, atRiskEth: E }],
      },
    };
    const lrt = {
      ...base('aave', 'aEthrsETH', { underlying: 'rsETH', lrtExposure: 'known', lrtSymbol: 'rsETH' }),
      slashing: {
        worstCaseEth: 2n,
        method: 'lrt-share' as const,
        perSet: [{ avs, id: 1, magnitude: 0n, atRiskEth: 2n }],
        perOperator: [{ operator: op, restakedEth: 5n }],
      },
    };
    const failed = { ...base('token', 'ezETH'), status: 'failed' as const };
    const h = exposureHoldings([
      direct,
      lrt,
      base('pendle-pt', 'PT-rsETH', { accountingAsset: 'ETH' }),
      base('symbiotic', 'vault'),
      failed,
    ]);
    expect(h).toEqual([
      {
        id: direct.id,
        label: 'stETH strategy (EigenLayer)',
        status: 'known',
        byOperator: [{ operator: op, restakedEth: 3n * E }],
        bySet: [{ avs, id: 1, atRiskEth: E }],
      },
      {
        id: lrt.id,
        label: 'aEthrsETH (rsETH in Aave)',
        status: 'known',
        byOperator: [{ operator: op, restakedEth: 5n }],
        bySet: [{ avs, id: 1, atRiskEth: 2n }],
      },
      expect.objectContaining({ status: 'unknown', reason: expect.stringMatching(/Pendle market .*pays out in ETH/) }),
      expect.objectContaining({ status: 'unknown', reason: expect.stringMatching(/Symbiotic/) }),
    ]);
    // Reasons are for users: no source files, no call signatures.
    for (const x of h) if (x.status === 'unknown') expect(x.reason).not.toMatch(/\.ts\b|lib\/|\w\(\)/);
  });
});
