import { describe, expect, it } from 'vitest';
import { ethAtRiskPerSet, lrtExposure } from './exposure';

const WAD = 10n ** 18n;
const e18 = (n: number) => BigInt(Math.round(n * 1e6)) * 10n ** 12n;
const avs = '0x00000000000000000000000000000000000000a5' as const;
const set = (id: number) => ({ avs, id });

describe('ethAtRiskPerSet', () => {
  // 32 ETH staked; operator allocates 50 % to set 1, 30 % to set 2 (deallocating 10 % at block 100),
  // and has a pending 20 % allocation to set 3 taking effect at block 100.
  const allocations = [
    { operatorSet: set(1), currentMagnitude: e18(0.5) },
    { operatorSet: set(2), currentMagnitude: e18(0.3), pendingDiff: -e18(0.1), effectBlock: 100n },
    { operatorSet: set(3), currentMagnitude: 0n, pendingDiff: e18(0.2), effectBlock: 100n },
  ];

  it('before the pending changes take effect: the deallocation is still slashable, the allocation is not', () => {
    const r = ethAtRiskPerSet({ ethValue: 32n * WAD, maxMagnitude: WAD, allocations, fraction: e18(0.1), currentBlock: 50n });
    expect(r.perSet.map((s) => s.ethAtRisk)).toEqual([e18(1.6), e18(0.96), 0n]); // 32·0.5·0.1, 32·0.3·0.1
    expect(r.perSet.map((s) => s.ethAtRiskFull)).toEqual([16n * WAD, e18(9.6), 0n]);
    // Worst case counts every magnitude that is or will be slashable: 0.5 + 0.3 + 0.2 = 1.0 → all 32 ETH.
    expect(r.worstCase).toEqual({ magnitude: WAD, ethAtRisk: 32n * WAD, fraction: 1 });
  });

  it('after the effect block: set 2 shrinks to 20 %, set 3 becomes slashable', () => {
    const r = ethAtRiskPerSet({ ethValue: 32n * WAD, maxMagnitude: WAD, allocations, fraction: e18(0.1), currentBlock: 150n });
    expect(r.perSet.map((s) => s.slashableMagnitude)).toEqual([e18(0.5), e18(0.2), e18(0.2)]);
    expect(r.perSet.map((s) => s.ethAtRisk)).toEqual([e18(1.6), e18(0.64), e18(0.64)]);
  });

  it('without a block it stays conservative (pending deallocation counted)', () => {
    const r = ethAtRiskPerSet({ ethValue: 32n * WAD, maxMagnitude: WAD, allocations, fraction: WAD });
    expect(r.perSet[1]!.slashableMagnitude).toBe(e18(0.3));
  });

  it('divides by a max magnitude already reduced by earlier slashes', () => {
    // m = 0.8 after a slash; 0.4 still allocated is half of what is left → 16 of 32 ETH.
    const r = ethAtRiskPerSet({
      ethValue: 32n * WAD,
      maxMagnitude: e18(0.8),
      allocations: [{ operatorSet: set(1), currentMagnitude: e18(0.4) }],
      fraction: WAD,
    });
    expect(r.perSet[0]!.ethAtRisk).toBe(16n * WAD);
    expect(r.worstCase.fraction).toBe(0.5);
  });

  it('rounds like the contract: slashed magnitude up, ETH down', () => {
    // mag 3, p 50 % → ceil(1.5) = 2 magnitude; 10 wei × 2/10 = 2 wei (a float would say 1.5).
    const r = ethAtRiskPerSet({
      ethValue: 10n,
      maxMagnitude: 10n,
      allocations: [{ operatorSet: set(1), currentMagnitude: 3n }],
      fraction: e18(0.5),
    });
    expect(r.perSet[0]!.ethAtRisk).toBe(2n);
    // 10 wei × 1/3 → 3 wei (floor).
    expect(
      ethAtRiskPerSet({ ethValue: 10n, maxMagnitude: 3n, allocations: [{ operatorSet: set(1), currentMagnitude: 1n }], fraction: WAD })
        .perSet[0]!.ethAtRisk,
    ).toBe(3n);
  });

  it('rejects an operator with no magnitude left', () => {
    expect(() => ethAtRiskPerSet({ ethValue: 1n, maxMagnitude: 0n, allocations: [], fraction: WAD })).toThrow(/no magnitude/);
  });
});

describe('lrtExposure', () => {
  it('a holder of 1 of 1 000 tokens carries 1/1000 of the protocol at-risk ETH', () => {
    expect(lrtExposure({ holderBalance: WAD, totalSupply: 1000n * WAD, protocolAtRiskEth: 50n * WAD })).toEqual({
      holderAtRiskEth: e18(0.05),
      shareOfSupplyWad: e18(0.001),
    });
  });
  it('floors: 1 of 3 tokens with 10 wei at risk → 3 wei', () => {
    expect(lrtExposure({ holderBalance: 1n, totalSupply: 3n, protocolAtRiskEth: 10n }).holderAtRiskEth).toBe(3n);
  });
  it('rejects zero supply and a balance above supply', () => {
    expect(() => lrtExposure({ holderBalance: 0n, totalSupply: 0n, protocolAtRiskEth: 1n })).toThrow(/supply is zero/);
    expect(() => lrtExposure({ holderBalance: 2n, totalSupply: 1n, protocolAtRiskEth: 1n })).toThrow(/exceeds/);
  });
});
