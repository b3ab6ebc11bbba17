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
  test('a Mellow LRT brings its networks and its operators; with the operators unknown, a second entry says why', () => {
    const net: Address = '0x3300f198988e4C9C63F75dF86De36421f06af8c4';
    const vault: Address = '0x5b10000000000000000000000000000000000001';
    const slashing = {
      worstCaseEth: 4n,
      method: 'mellow-share' as const,
      perNetwork: [{ network: net, vault, atRiskEth: 4n }],
    };
    const known = {
      ...base('mellow-lrt', 'pzETH', { lrtExposure: 'known', lrtOperatorSplit: 'known' }),
      slashing: { ...slashing, perOperator: [{ operator: op, restakedEth: 3n }] },
    };
    const blind = {
      ...base('mellow-lrt', 'Re7LRT', { lrtExposure: 'known', lrtOperatorSplit: 'unknown', lrtOperatorSplitWhy: 'not scanned yet' }),
      slashing,
    };
    const h = exposureHoldings([known, blind]);
    expect(h).toEqual([
      {
        id: known.id,
        label: 'pzETH (Mellow)',
        status: 'known',
        byOperator: [{ operator: op, restakedEth: 3n }],
        bySet: [],
        byNetwork: slashing.perNetwork,
      },
      { id: blind.id, label: 'Re7LRT (Mellow)', status: 'known', byOperator: [], bySet: [], byNetwork: slashing.perNetwork },
      { id: `${blind.id}:operators`, label: 'Re7LRT (Mellow), by operator', status: 'unknown', reason: 'not scanned yet' },
    ]);
  });
});
