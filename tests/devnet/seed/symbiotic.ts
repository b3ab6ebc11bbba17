import { getAddress, toHex, zeroAddress, type Address } from 'viem';
import { RESTAKING_TOKENS } from '../../../lib/restaking/tokens';
import {
  MELLOW_LRTS,
  SYMBIOTIC_CORE,
  SYMBIOTIC_NETWORKS,
  SYMBIOTIC_VAULTS_MAINNET,
  type SymbioticVaultEntry,
} from '../../../lib/restaking/symbiotic-registry';
import { artifact, type DevnetContext } from '../context';
import { writeMany, type BatchCall } from './batch';

/** The registries and factories among Symbiotic's core contracts (the others only need code). */
const REGISTRIES = ['VaultFactory', 'DelegatorFactory', 'SlasherFactory', 'NetworkRegistry', 'OperatorRegistry'];
const EPOCH = 7 * 24 * 3600;
const VETO = 3 * 24 * 3600;

/** Devnet-only module addresses where no source records them: 0x5b10 + role + vault index. */
const devnetModule = (role: 'de1e' | '5a5e' | 'b0b0', index: number): Address =>
  getAddress(`0x5b10${role}${toHex(index + 1, { size: 16 }).slice(2)}`);

export type SymbioticModulesSeed = { vault: Address; delegator: Address; slasher: Address; burner: Address };

/**
 * Places a double at every address of lib/restaking/symbiotic-registry.ts, consistent the way mainnet is:
 * each vault with its collateral, a NetworkRestake delegator and a VetoSlasher registered by the factories
 * (at the recorded [3P] addresses where the registry has them), each Mellow LRT naming its vault through
 * `symbioticVault()` (or, for the symbols in `multiVault`, through a MultiVault's SYMBIOTIC subvault), every
 * listed network registered. No stake and no network limits: scenarios add those.
 */
export async function seedSymbioticRegistry(
  ctx: DevnetContext,
  { multiVault = [] }: { multiVault?: readonly string[] } = {},
): Promise<SymbioticModulesSeed[]> {
  const abi = (name: string) => artifact(name).abi;
  const core = Object.fromEntries(SYMBIOTIC_CORE.map((c) => [c.name, c.address])) as Record<string, Address>;
  const modules = SYMBIOTIC_VAULTS_MAINNET.map((v: SymbioticVaultEntry, i): SymbioticModulesSeed => ({
    vault: v.address,
    delegator: v.modules?.delegator ?? devnetModule('de1e', i),
    slasher: v.modules?.slasher ?? devnetModule('5a5e', i),
    burner: v.modules?.burner ?? devnetModule('b0b0', i),
  }));
  await Promise.all([
    ...SYMBIOTIC_CORE.map((c) => ctx.place('SymbioticRegistry', c.address)),
    ...modules.flatMap((m) => [
      ctx.place('SymbioticVault', m.vault),
      ctx.place('SymbioticDelegator', m.delegator),
      ctx.place('SymbioticVetoSlasher', m.slasher),
    ]),
    ...MELLOW_LRTS.map((l) => ctx.place(multiVault.includes(l.symbol) ? 'MellowMultiVault' : 'MellowSymbioticVault', l.address)),
  ]);
  const registry = abi('SymbioticRegistry');
  const add = (name: string, entity: Address): BatchCall => ({ address: core[name]!, abi: registry, functionName: 'add', args: [entity] });
  const calls: BatchCall[] = [
    ...REGISTRIES.map((name): BatchCall => ({ address: core[name]!, abi: registry, functionName: 'initialize' })),
    ...modules.flatMap((m, i): BatchCall[] => [
      {
        address: m.vault,
        abi: abi('SymbioticVault'),
        functionName: 'initialize',
        args: [ctx.admin, RESTAKING_TOKENS[SYMBIOTIC_VAULTS_MAINNET[i]!.collateral].address, m.burner, EPOCH],
      },
      { address: m.vault, abi: abi('SymbioticVault'), functionName: 'setDelegator', args: [m.delegator] },
      { address: m.vault, abi: abi('SymbioticVault'), functionName: 'setSlasher', args: [m.slasher] },
      { address: m.delegator, abi: abi('SymbioticDelegator'), functionName: 'initialize', args: [m.vault, core.DelegatorFactory, 0n] },
      { address: m.slasher, abi: abi('SymbioticVetoSlasher'), functionName: 'initialize', args: [m.vault, core.SlasherFactory, VETO] },
      add('VaultFactory', m.vault),
      add('DelegatorFactory', m.delegator),
      add('SlasherFactory', m.slasher),
    ]),
    ...MELLOW_LRTS.flatMap((l): BatchCall[] =>
      multiVault.includes(l.symbol)
        ? [
            // The MultiVault shape: an idle ERC-4626 subvault (protocol 2) first, then the Symbiotic one (protocol 0).
            {
              address: l.address,
              abi: abi('MellowMultiVault'),
              functionName: 'initialize',
              args: [l.symbol, RESTAKING_TOKENS.wstETH.address],
            },
            {
              address: l.address,
              abi: abi('MellowMultiVault'),
              functionName: 'addSubvault',
              args: [2, RESTAKING_TOKENS.wstETH.address, zeroAddress],
            },
            { address: l.address, abi: abi('MellowMultiVault'), functionName: 'addSubvault', args: [0, l.symbioticVault, zeroAddress] },
          ]
        : [
            {
              address: l.address,
              abi: abi('MellowSymbioticVault'),
              functionName: 'initialize',
              args: [l.symbol, RESTAKING_TOKENS.wstETH.address, l.symbioticVault],
            },
          ],
    ),
    ...SYMBIOTIC_NETWORKS.map((n) => add('NetworkRegistry', n.address)),
    // An operator, so the OperatorRegistry has an entity like mainnet's.
    add('OperatorRegistry', devnetModule('de1e', 999)),
  ];
  await writeMany(ctx, calls);
  return modules;
}
