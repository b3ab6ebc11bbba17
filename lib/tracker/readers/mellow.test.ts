import { describe, expect, test } from 'vitest';
import { getAddress, type Address } from 'viem';
import { MELLOW_LRT_STRUCTURES } from '../../restaking/lrt-structure';
import { SYMBIOTIC_NETWORKS } from '../../restaking/symbiotic-registry';
import type { ReadResult } from '../types';
import { mellowPhase2, mellowPhase3, mellowView, subnetworkOf } from './mellow';

const WAD = 10n ** 18n;
const s = MELLOW_LRT_STRUCTURES.find((x) => x.symbol === 'steakLRT')!;
const lrt = s.discovery.contract;
const vault = s.pairedVault.address;
const delegator: Address = '0x5b10De1E00000000000000000000000000000001';
const ok = (value: unknown): ReadResult => ({ ok: true, value });

/** Answers as a MultiVault would give them: no symbioticVault(), the Symbiotic vault as subvault 1. */
function reads(named: Address = vault, limits: Record<string, bigint> = {}) {
  const m = new Map<string, ReadResult>([
    [`mellow:supply:${lrt}`, ok(90n * WAD)],
    [`mellow:totalAssets:${lrt}`, ok(100n * WAD)],
    [`mellow:convertToAssets:${lrt}`, ok((WAD * 10n) / 9n)],
    [`mellow:symbioticVault:${lrt}`, { ok: false, error: 'execution reverted' }],
    [`mellow:subvaultAt:${lrt}:0`, ok({ protocol: 2, vault: lrt })],
    [`mellow:subvaultAt:${lrt}:1`, ok({ protocol: 0, vault: named })],
    [`mellow:active:${vault}:${lrt}`, ok(80n * WAD)],
    [`mellow:activeStake:${vault}`, ok(200n * WAD)],
    [`mellow:delegator:${vault}`, ok(delegator)],
  ]);
  for (const n of SYMBIOTIC_NETWORKS) m.set(`mellow:networkLimit:${delegator}:${n.address}`, ok(limits[n.name] ?? 0n));
  return m;
}

describe('Mellow look-through from reads', () => {
  test('subnetwork id: network << 96 | 0, as Symbiotic’s Subnetwork.sol', () => {
    expect(subnetworkOf('0x3300f198988e4C9C63F75dF86De36421f06af8c4')).toBe(
      '0x3300f198988e4c9c63f75df86de36421f06af8c4000000000000000000000000',
    );
  });

  test('a MultiVault LRT: per network min(activeStake, limit) × the LRT’s part of the vault; worst vs backing', () => {
    const v = mellowView(s, reads(vault, { Spark: 50n * WAD, Hyperlane: 500n * WAD }), 12n * 10n ** 17n);
    expect(v.status).toBe('known');
    if (v.status !== 'known') return;
    // Hyperlane: min(200, 500) × 80 / 200 = 80 wstETH; Spark: 50 × 80 / 200 = 20 wstETH. At 1.2 ETH per wstETH.
    expect(v.networks.map((n) => [n.name, n.lrtAtRisk, n.atRiskEth])).toEqual([
      ['Hyperlane', 80n * WAD, 96n * WAD],
      ['Spark', 20n * WAD, 24n * WAD],
    ]);
    expect(v.worst).toMatchObject({ name: 'Hyperlane', shareOfBackingWad: (80n * WAD) / 100n });
    // Networks restake the same stake: all of them together take at most the LRT's active balance.
    expect(v.worstCaseEth).toBe(96n * WAD);
    expect(v.fairRate).toBe((((WAD * 10n) / 9n) * 12n) / 10n);
  });

  test('a vault other than the registry’s, or a failed read, is unknown with the reason', () => {
    const other = getAddress('0x000000000000000000000000000000000000dEaD');
    expect(mellowView(s, reads(other), WAD)).toMatchObject({ status: 'unknown', reason: expect.stringContaining(other) });
    const r = reads();
    r.set(`mellow:activeStake:${vault}`, { ok: false, error: 'no code' });
    expect(mellowView(s, r, WAD)).toMatchObject({ status: 'unknown', reason: expect.stringContaining('no code') });
    expect(mellowView(s, reads(), null)).toMatchObject({ status: 'unknown', reason: expect.stringContaining('wstETH') });
  });

  test('reads: balances and views in phase 2, one networkLimit per listed network in phase 3', () => {
    const p2 = mellowPhase2([s], ['0x0000000000000000000000000000000000000001', '0x0000000000000000000000000000000000000002']);
    expect(p2.filter((c) => c.functionName === 'balanceOf')).toHaveLength(2);
    expect(mellowPhase3([s], reads())).toHaveLength(SYMBIOTIC_NETWORKS.length);
  });
});
