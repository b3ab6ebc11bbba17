import { describe, expect, test } from 'vitest';
import { getAddress, type Address } from 'viem';
import type { SymbioticVault } from '../../restaking/deployments';
import { rateBook, revert, runReader, type Answer } from './fake-chain.test-helper';
import { symbioticReader } from './symbiotic';

const alice: Address = '0x00000000000000000000000000000000000A11cE';
const E = 10n ** 18n;
const vault: SymbioticVault = {
  label: 'test vault',
  vault: getAddress('0x5b1071c000000000000000000000000000000001'),
  collateral: 'wstETH',
};
const rates = rateBook({ wstETH: { fair: 1_200_000_000_000_000_000n, market: 1_190_000_000_000_000_000n } });
const chain =
  (active: bigint, slashable: bigint): Answer =>
  (c) =>
    c.functionName === 'activeBalanceOf' ? active : c.functionName === 'slashableBalanceOf' ? slashable : revert();

describe('symbioticReader', () => {
  test('active balance valued at the collateral rates; slashable balance is the exposure', () => {
    const [p] = runReader(symbioticReader([vault]), [alice], chain(3n * E, 4n * E), rates).positions;
    expect(p).toMatchObject({
      status: 'ok',
      amount: 3n * E,
      fairValueEth: 3_600_000_000_000_000_000n,
      marketValueEth: 3_570_000_000_000_000_000n,
    });
    expect(p!.slashing).toEqual({ worstCaseEth: 4_800_000_000_000_000_000n, method: 'symbiotic-slashable' });
    expect(p!.details).toMatchObject({ activeBalance: String(3n * E), slashableBalance: String(4n * E), pendingWithdrawals: String(E) });
  });
  test('nothing deposited: no position; unreadable devnet-only vault: nothing; unreadable listed vault: failed', () => {
    expect(runReader(symbioticReader([vault]), [alice], chain(0n, 0n), rates).positions).toEqual([]);
    const broken: Answer = () => revert('no code');
    expect(runReader(symbioticReader([{ ...vault, devnetOnly: true }]), [alice], broken, rates).positions).toEqual([]);
    expect(runReader(symbioticReader([vault]), [alice], broken, rates).positions).toEqual([
      expect.objectContaining({ status: 'failed', error: 'activeBalanceOf: no code' }),
    ]);
  });
});
