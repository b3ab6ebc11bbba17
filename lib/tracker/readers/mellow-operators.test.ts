import { describe, expect, test } from 'vitest';
import type { Address, Hex } from 'viem';
import type { SymbioticOperatorLists } from '../lookthrough/symbiotic-operators';
import type { ReadResult } from '../types';
import { mellowOperatorSplit, operatorStakeCalls, type MellowOperatorSplitParameters } from './mellow-operators';

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const sub = (network: Address): Hex => `0x${(BigInt(network) << 96n).toString(16).padStart(64, '0')}`;
const [vault, delegator, n1, n2, x, y] = [addr(0xa1), addr(0xde), addr(0x11), addr(0x22), addr(0x0e1), addr(0x0e2)];
const networks = [n1, n2].map((address) => ({ address, subnetwork: sub(address) }));
const E = 10n ** 18n;
const key = (s: Hex, o: Address) => `mellow:stake:${delegator}:${s}:${o}`;
const lists = (over: Partial<{ status: 'complete' | 'partial'; reason: string; delegator: Address }> = {}): SymbioticOperatorLists =>
  new Map([
    [
      vault.toLowerCase(),
      {
        delegator,
        status: 'complete' as const,
        // The last pair is on a subnetwork Ballast does not list (identifier 1): not read.
        pairs: [
          { subnetwork: sub(n1), operator: x },
          { subnetwork: sub(n1), operator: y },
          { subnetwork: sub(n2), operator: x },
          { subnetwork: `0x${((BigInt(n2) << 96n) | 1n).toString(16).padStart(64, '0')}` as Hex, operator: y },
        ],
        ...over,
      },
    ],
  ]);
const base = (reads: [string, ReadResult][], over: Partial<MellowOperatorSplitParameters> = {}): MellowOperatorSplitParameters => ({
  symbol: 'pzETH',
  vault,
  delegator,
  networks,
  lists: lists(),
  reads: new Map(reads),
  vaultActiveStake: 100n * E,
  lrtActive: 40n * E,
  wstEthRate: (12n * E) / 10n,
  ...over,
});
const ok = (value: bigint): ReadResult => ({ ok: true, value });

describe('operatorStakeCalls', () => {
  test('one stake(subnetwork, operator) per scanned pair on a listed network; none when the delegator differs or no scan', () => {
    expect(operatorStakeCalls(vault, delegator, networks, lists()).map((c) => c.args)).toEqual([
      [sub(n1), x],
      [sub(n1), y],
      [sub(n2), x],
    ]);
    expect(operatorStakeCalls(vault, addr(0xdd), networks, lists())).toEqual([]);
    expect(operatorStakeCalls(vault, delegator, networks, undefined)).toEqual([]);
  });
});

describe('mellowOperatorSplit', () => {
  test("the LRT's part of each operator's stake, summed over networks, capped at its active balance, in ETH", () => {
    // x: 60 in n1 and 90 in n2 → 40 % of 150 = 60 wstETH, capped at the LRT's 40; y: 30 in n1 → 12 wstETH.
    const r = mellowOperatorSplit(
      base([
        [key(sub(n1), x), ok(60n * E)],
        [key(sub(n1), y), ok(30n * E)],
        [key(sub(n2), x), ok(90n * E)],
      ]),
    );
    expect(r.status).toBe('known');
    if (r.status !== 'known') return;
    expect(r.byOperator.map((o) => [o.operator, o.restakedEth])).toEqual([
      [x, 48n * E],
      [y, (144n * E) / 10n],
    ]);
    expect(r.perNetwork.map((p) => p.lrtPart)).toEqual([24n * E, 12n * E, 36n * E]);
    const share = 48 / 62.4;
    expect(Math.abs(r.hhi - (share ** 2 + (1 - share) ** 2))).toBeLessThan(1e-12);
    expect(r.topOperator?.operator).toBe(x);
  });

  test('an operator with no stake is left out; a vault with no active stake gives parts of 0', () => {
    const reads: [string, ReadResult][] = [
      [key(sub(n1), x), ok(5n)],
      [key(sub(n1), y), ok(0n)],
      [key(sub(n2), x), ok(0n)],
    ];
    const r = mellowOperatorSplit(base(reads, { vaultActiveStake: 0n }));
    expect(r.status === 'known' && r.byOperator.map((o) => [o.operator, o.restakedEth])).toEqual([[x, 0n]]);
  });

  test('unknown, with the reason, without a scan, with a partial one, another delegator or a failed stake read', () => {
    const reads: [string, ReadResult][] = [[key(sub(n1), x), ok(1n)]];
    const reason = (over: Partial<MellowOperatorSplitParameters>) => {
      const r = mellowOperatorSplit(base(reads, over));
      return r.status === 'unknown' ? `${r.reason} | ${r.plain}` : 'known';
    };
    expect(reason({ lists: undefined })).toMatch(/no operator scan of Symbiotic vault .* \| Ballast has not yet found the operators/);
    expect(reason({ lists: lists({ status: 'partial', reason: 'eth_getLogs refused' }) })).toMatch(/partial: eth_getLogs refused/);
    expect(reason({ lists: lists({ delegator: addr(0xdd) }) })).toMatch(/the operator scan read 0x0+dd/);
    expect(reason({})).toMatch(/stake\(.*\) on delegator .* was not read \| The stake of an operator behind pzETH could not be read/);
  });
});
