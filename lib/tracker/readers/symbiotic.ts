import type { Address } from 'viem';
import { symbioticVaultAbi } from '../../chain/abis';
import { SYMBIOTIC_VAULTS, type SymbioticVault } from '../../restaking/deployments';
import type { Position, ReadCall } from '../types';
import { mulWad } from '../valuation';
import { bigintOf, errorOf, positionId, type PositionReader } from './reader';
import { valueIn } from './value';

const k = {
  active: (v: SymbioticVault, a: Address) => `symbiotic:${v.vault}:active:${a}`,
  slashable: (v: SymbioticVault, a: Address) => `symbiotic:${v.vault}:slashable:${a}`,
};

/**
 * Symbiotic v1 vault deposits (reference §2.2): the active balance (collateral units) valued at the
 * collateral's fair and market rate, and the slashable balance (active + withdrawals of the current
 * and next epoch, Vault.sol L80) as the slashing exposure: a slash takes from all of it pro rata.
 * Devnet-only vaults whose reads fail are skipped: on mainnet they have no code.
 */
export function symbioticReader(vaults: readonly SymbioticVault[] = SYMBIOTIC_VAULTS): PositionReader {
  return {
    family: 'symbiotic',
    phase1: ({ accounts }) =>
      vaults.flatMap((v) =>
        accounts.flatMap((a): ReadCall[] => [
          { key: k.active(v, a), address: v.vault, abi: symbioticVaultAbi, functionName: 'activeBalanceOf', args: [a], gas: 40_000n },
          { key: k.slashable(v, a), address: v.vault, abi: symbioticVaultAbi, functionName: 'slashableBalanceOf', args: [a], gas: 80_000n },
        ]),
      ),
    positions: ({ accounts }, reads, rates) =>
      vaults.flatMap((v) =>
        accounts.flatMap((a): Position[] => {
          const base = {
            id: positionId('symbiotic', a, v.vault),
            family: 'symbiotic' as const,
            account: a,
            asset: v.label,
            sources: [
              { contract: v.vault, call: 'activeBalanceOf' },
              { contract: v.vault, call: 'slashableBalanceOf' },
            ],
          };
          const active = bigintOf(reads, k.active(v, a));
          const slashable = bigintOf(reads, k.slashable(v, a));
          if (active === undefined || slashable === undefined) {
            if (v.devnetOnly) return [];
            const which = active === undefined ? k.active(v, a) : k.slashable(v, a);
            return [
              {
                ...base,
                status: 'failed',
                error: `${active === undefined ? 'activeBalanceOf' : 'slashableBalanceOf'}: ${errorOf(reads, which)}`,
                amount: active ?? 0n,
                fairValueEth: null,
                marketValueEth: null,
                depegWad: null,
                details: {},
              },
            ];
          }
          if (active === 0n && slashable === 0n) return [];
          const value = valueIn(v.collateral, active, rates);
          const fair = value.rates.fairRate;
          const slashableEth = fair === null ? null : mulWad(slashable, fair);
          const error = fair === null ? `fair rate of ${v.collateral}: ${value.rates.error ?? 'unknown'}` : undefined;
          return [
            {
              ...base,
              status: error ? 'failed' : 'ok',
              ...(error ? { error } : {}),
              amount: active,
              fairValueEth: value.fairValueEth,
              marketValueEth: value.marketValueEth,
              depegWad: value.depegWad,
              marketSource: `${v.collateral} 1-token market rate (${value.rates.marketSource ?? 'none'})`,
              ...(slashableEth !== null ? { slashing: { worstCaseEth: slashableEth, method: 'symbiotic-slashable' as const } } : {}),
              details: {
                vault: v.vault,
                collateral: v.collateral,
                activeBalance: String(active),
                slashableBalance: String(slashable),
                pendingWithdrawals: String(slashable - active),
                activeValueEth: String(value.fairValueEth ?? ''),
                slashableValueEth: String(slashableEth ?? ''),
              },
            },
          ];
        }),
      ),
  };
}
