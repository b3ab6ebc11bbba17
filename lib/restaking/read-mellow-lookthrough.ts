import { isAddressEqual, zeroAddress, type Address, type Client } from 'viem';
import { multicall } from 'viem/actions';
import { symbioticVaultAbi, symbioticVaultModulesAbi } from '../chain/abis';
import { AppError } from '../errors';
import { MULTICALL3 } from './addresses';
import { MELLOW_LRT_STRUCTURES, type MellowLrtStructure } from './lrt-structure';
import type { MellowLookThrough } from './symbiotic-registry';

/** A MultiVault has a handful of subvaults; reading more than this many would be a wrong contract. */
const MAX_SUBVAULTS = 8;

export type MellowLookThroughResult =
  | {
      symbol: string;
      lrt: Address;
      ok: true;
      /** Which of the LRT's views named the vault. */
      via: MellowLookThrough;
      symbioticVault: Address;
      /** Whether it is the vault the registry's sources pair the LRT with. */
      matchesPairing: boolean;
      collateral: Address;
      /** The LRT vault's active stake in the Symbiotic vault (collateral wei): what a slash of the vault reaches. */
      lrtActiveBalance: bigint;
      /** The Symbiotic vault's whole active stake (collateral wei). */
      vaultActiveStake: bigint;
    }
  | { symbol: string; lrt: Address; ok: false; error: string };

type Result = { status: 'success' | 'failure'; result?: unknown; error?: Error };
const answer = <T>(r: Result | undefined): T | undefined => (r?.status === 'success' ? (r.result as T) : undefined);

/**
 * For each Mellow LRT: the Symbiotic vault its own view names (simple-lrt's `symbioticVault()`, else the
 * MultiVault's first SYMBIOTIC subvault), then the LRT's active balance in it and the vault's active stake.
 * At most three Multicall3 eth_calls (the subvault round only when an LRT is a MultiVault).
 */
export async function readMellowLookThrough(
  client: Client,
  {
    structures = MELLOW_LRT_STRUCTURES,
    blockNumber,
    multicallAddress = MULTICALL3,
  }: { structures?: readonly MellowLrtStructure[]; blockNumber?: bigint; multicallAddress?: Address } = {},
): Promise<MellowLookThroughResult[]> {
  const round = async (contracts: readonly object[]): Promise<Result[]> => {
    if (contracts.length === 0) return [];
    try {
      return (await multicall(client, {
        contracts: contracts as never,
        allowFailure: true,
        batchSize: 0,
        multicallAddress,
        blockNumber,
      })) as Result[];
    } catch (cause) {
      throw new AppError('Could not read the Mellow vaults', {
        details: 'The RPC did not answer the Multicall3 read. Check the network settings, or that Multicall3 exists on this chain.',
        cause,
      });
    }
  };

  const first = await round(
    structures.flatMap((s) => {
      const d = s.discovery;
      return [
        { address: d.contract, abi: d.direct.abi, functionName: d.direct.functionName },
        { address: d.contract, abi: d.subvaults.abi, functionName: d.subvaults.countFunction },
      ];
    }),
  );
  const direct = structures.map((_, i) => answer<Address>(first[2 * i]));
  const counts = structures.map((_, i) => answer<bigint>(first[2 * i + 1]));

  const subvaultReads = structures.flatMap((s, i) => {
    const n = direct[i] ? 0n : (counts[i] ?? 0n);
    const take = Number(n > BigInt(MAX_SUBVAULTS) ? BigInt(MAX_SUBVAULTS) : n);
    const d = s.discovery.subvaults;
    return Array.from({ length: take }, (_, k) => ({
      lrt: i,
      call: { address: s.discovery.contract, abi: d.abi, functionName: d.itemFunction, args: [BigInt(k)] },
    }));
  });
  const second = await round(subvaultReads.map((r) => r.call));
  const found = structures.map((s, i): { via: MellowLookThrough; vault: Address } | undefined => {
    const d = direct[i];
    if (d && d !== zeroAddress) return { via: 'symbioticVault()', vault: d };
    const sub = subvaultReads
      .map((r, k) => ({ lrt: r.lrt, item: answer<{ protocol: number; vault: Address }>(second[k]) }))
      .find(
        (r) => r.lrt === i && r.item && Number(r.item.protocol) === s.discovery.subvaults.symbioticProtocol && r.item.vault !== zeroAddress,
      );
    return sub ? { via: 'subvaultAt(i).vault', vault: sub.item!.vault } : undefined;
  });

  const third = await round(
    structures.flatMap((s, i) => {
      const f = found[i];
      if (!f) return [];
      return [
        { address: f.vault, abi: symbioticVaultAbi, functionName: 'collateral' },
        { address: f.vault, abi: symbioticVaultAbi, functionName: 'activeBalanceOf', args: [s.discovery.contract] },
        { address: f.vault, abi: symbioticVaultModulesAbi, functionName: 'activeStake' },
      ];
    }),
  );
  let next = 0;
  return structures.map((s, i): MellowLookThroughResult => {
    const lrt = s.discovery.contract;
    const f = found[i];
    if (!f) return { symbol: s.symbol, lrt, ok: false, error: 'neither symbioticVault() nor a SYMBIOTIC subvaultAt(i) answered' };
    const [collateral, balance, stake] = third.slice(next, next + 3);
    next += 3;
    const c = answer<Address>(collateral);
    const b = answer<bigint>(balance);
    const st = answer<bigint>(stake);
    if (c === undefined || b === undefined || st === undefined)
      return {
        symbol: s.symbol,
        lrt,
        ok: false,
        error: `the Symbiotic vault ${f.vault} did not answer collateral/activeBalanceOf/activeStake`,
      };
    return {
      symbol: s.symbol,
      lrt,
      ok: true,
      via: f.via,
      symbioticVault: f.vault,
      matchesPairing: isAddressEqual(f.vault, s.pairedVault.address),
      collateral: c,
      lrtActiveBalance: b,
      vaultActiveStake: st,
    };
  });
}
