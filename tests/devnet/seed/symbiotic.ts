import { getAddress, pad, toHex, zeroAddress, type Address, type Hex } from 'viem';
import { RESTAKING_TOKENS } from '../../../lib/restaking/tokens';
import {
  MELLOW_LRTS,
  SYMBIOTIC_CORE,
  SYMBIOTIC_NETWORKS,
  SYMBIOTIC_VAULTS_MAINNET,
  type SymbioticVaultEntry,
} from '../../../lib/restaking/symbiotic-registry';
import { artifact, type DevnetContext } from '../context';
import { acquireToken } from './acquire';
import { writeMany, type BatchCall } from './batch';
import { LRT_DEVNET_OPERATORS } from './lrt';

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

/** Symbiotic's subnetwork id for identifier 0 (core v1.0.3 Subnetwork.sol: network << 96 | identifier), computed here on its own. */
export const devnetSubnetwork = (network: Address): Hex => pad(toHex(BigInt(network) << 96n), { size: 32 });

const read = <T>(ctx: DevnetContext, address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
  ctx.client.readContract({ address, abi: artifact(name).abi, functionName, args }) as Promise<T>;

/**
 * Deposits `ethAmount` of ETH into a Mellow LRT for `account` the way a user does: wstETH (ETH sent to the wstETH
 * double mints it), approve, `deposit(assets, receiver)`; the LRT pushes it into its Symbiotic vault. Returns the shares minted.
 */
export async function depositToMellow(ctx: DevnetContext, lrt: Address, account: Address, ethAmount: bigint): Promise<bigint> {
  const wst = RESTAKING_TOKENS.wstETH.address;
  const assets = await acquireToken(ctx, 'wstETH', account, ethAmount);
  await ctx.write({ address: wst, abi: artifact('WstETH').abi, functionName: 'approve', args: [lrt, assets], from: account });
  const shares = await read<bigint>(ctx, lrt, 'MellowSymbioticVault', 'balanceOf', [account]);
  await ctx.write({
    address: lrt,
    abi: artifact('MellowSymbioticVault').abi,
    functionName: 'deposit',
    args: [assets, account],
    from: account,
  });
  return (await read<bigint>(ctx, lrt, 'MellowSymbioticVault', 'balanceOf', [account])) - shares;
}

/**
 * The operators the devnet's NetworkRestake delegators split a network's stake among. `lrt-a` also runs the EigenLayer
 * operator behind the devnet LRTs (seed/lrt.ts), as one node operator serves both protocols on mainnet; the other two
 * are Symbiotic-only (0x5b10 0e7a + index).
 */
export const SYMBIOTIC_DEVNET_OPERATORS = {
  'lrt-a': LRT_DEVNET_OPERATORS['lrt-a'],
  'sym-b': getAddress(`0x5b100e7a${toHex(2, { size: 16 }).slice(2)}`),
  'sym-c': getAddress(`0x5b100e7a${toHex(3, { size: 16 }).slice(2)}`),
} as const;

/** Shares per operator for the i-th listed network: rotated so every network splits its stake differently. */
export function devnetOperatorShares(network: Address): { operator: Address; shares: bigint }[] {
  const i = SYMBIOTIC_NETWORKS.findIndex((n) => n.address.toLowerCase() === network.toLowerCase());
  const base = [5n, 3n, 2n].map((x) => x * 10n ** 18n + BigInt(i + 1));
  const ops = Object.values(SYMBIOTIC_DEVNET_OPERATORS);
  return ops.map((operator, j) => ({ operator, shares: base[(j + Math.max(i, 0)) % base.length]! }));
}

/**
 * The vault's curator gives a network a limit (and the network its max): how much of the vault it can slash. The first
 * time a network gets a limit on a NetworkRestake delegator, the curator also splits it among the devnet operators
 * (setOperatorNetworkShares, as mainnet curators do): several operators per network, each with its shares.
 */
export async function setNetworkLimit(ctx: DevnetContext, vault: Address, network: Address, amount: bigint): Promise<void> {
  const delegator = await read<Address>(ctx, vault, 'SymbioticVault', 'delegator');
  const sub = devnetSubnetwork(network);
  const a = artifact('SymbioticDelegator').abi;
  await ctx.write({ address: delegator, abi: a, functionName: 'setMaxNetworkLimit', args: [sub, amount] });
  await ctx.write({ address: delegator, abi: a, functionName: 'setNetworkLimit', args: [sub, amount] });
  const type = await read<bigint>(ctx, delegator, 'SymbioticDelegator', 'TYPE');
  const total = await read<bigint>(ctx, delegator, 'SymbioticDelegator', 'totalOperatorNetworkShares', [sub]);
  if (type !== 0n || total > 0n) return;
  await writeMany(
    ctx,
    devnetOperatorShares(network).map((o): BatchCall => ({
      address: delegator,
      abi: a,
      functionName: 'setOperatorNetworkShares',
      args: [sub, o.operator, o.shares],
    })),
  );
}

/**
 * A network slashes a vault through its VetoSlasher: requestSlash (capped at the operator's stake(subnetwork, operator),
 * or for no operator at the network's min(activeStake, networkLimit), a devnet shortcut), then executeSlash, which calls
 * the vault's onSlash (capture time: the latest block). Returns the vault's active stake before and after and the
 * transaction of the ExecuteSlash.
 */
export async function slashSymbioticVault(
  ctx: DevnetContext,
  vault: Address,
  network: Address,
  amount: bigint,
  operator: Address = zeroAddress,
): Promise<{ slasher: Address; activeStakeBefore: bigint; activeStakeAfter: bigint; requested: bigint; executeTx: Hex }> {
  const slasher = await read<Address>(ctx, vault, 'SymbioticVault', 'slasher');
  const activeStakeBefore = await read<bigint>(ctx, vault, 'SymbioticVault', 'activeStake');
  const a = artifact('SymbioticVetoSlasher').abi;
  const index = await read<bigint>(ctx, slasher, 'SymbioticVetoSlasher', 'slashRequestsLength');
  const { timestamp } = await ctx.client.getBlock();
  await ctx.write({
    address: slasher,
    abi: a,
    functionName: 'requestSlash',
    args: [devnetSubnetwork(network), operator, amount, Number(timestamp), '0x'],
  });
  const request = await read<readonly [Hex, Address, bigint]>(ctx, slasher, 'SymbioticVetoSlasher', 'slashRequests', [index]);
  const executeTx = await ctx.write({ address: slasher, abi: a, functionName: 'executeSlash', args: [index, '0x'] });
  const activeStakeAfter = await read<bigint>(ctx, vault, 'SymbioticVault', 'activeStake');
  return { slasher, activeStakeBefore, activeStakeAfter, requested: request[2], executeTx };
}
