import { erc20Abi, formatUnits, isAddressEqual, zeroAddress, type Address, type Client, type Hex } from 'viem';
import { getBytecode, multicall } from 'viem/actions';
import {
  erc4626Abi,
  MELLOW_PROTOCOL_SYMBIOTIC,
  mellowMultiVaultAbi,
  mellowSymbioticVaultAbi,
  symbioticDelegatorAbi,
  symbioticEntityAbi,
  symbioticRegistryAbi,
  symbioticVaultAbi,
  symbioticVaultModulesAbi,
  symbioticVetoSlasherAbi,
} from '../../lib/chain/abis';
import {
  MELLOW_LRTS,
  MULTICALL3,
  RESTAKING_TOKENS,
  SYMBIOTIC_CORE,
  SYMBIOTIC_DELEGATOR_FACTORY,
  SYMBIOTIC_NETWORK_REGISTRY,
  SYMBIOTIC_NETWORKS,
  SYMBIOTIC_SLASHER_FACTORY,
  SYMBIOTIC_VAULT_FACTORY,
  SYMBIOTIC_VAULTS_MAINNET,
  type MellowLrt,
  type SymbioticVaultEntry,
} from '../../lib/restaking';
import type { CheckOutcome } from './check-registry';

type Check = CheckOutcome & { what: string };
export type SymbioticItemReport = {
  kind: 'core' | 'vault' | 'mellow-lrt' | 'network';
  name: string;
  address: Address;
  checks: Check[];
  ok: boolean;
};
export type SymbioticVaultReport = SymbioticItemReport & {
  /** activeStake() in wei of the collateral, when it answered. */
  activeStake?: string;
  /** Networks (SYMBIOTIC_NETWORKS) whose subnetwork 0 has a non-zero maxNetworkLimit on the vault's delegator. */
  networks: string[];
  /** Which view of the Mellow LRT named this vault, when one does. */
  lookThrough?: string;
};
export type SymbioticReport = {
  core: SymbioticItemReport[];
  vaults: SymbioticVaultReport[];
  lrts: SymbioticItemReport[];
  networks: SymbioticItemReport[];
  ok: boolean;
};

const DELEGATOR_TYPES = ['NetworkRestake', 'FullRestake', 'OperatorSpecific', 'OperatorNetworkSpecific'];
const SLASHER_TYPES = ['Slasher', 'VetoSlasher'];
const REGISTRIES = new Set(['VaultFactory', 'DelegatorFactory', 'SlasherFactory', 'NetworkRegistry', 'OperatorRegistry']);

/** Subnetwork id = network << 96 | identifier (symbioticfi/core v1.0.3 src/contracts/libraries/Subnetwork.sol). */
export const subnetwork = (network: Address, identifier = 0n): Hex =>
  `0x${network.slice(2).toLowerCase()}${identifier.toString(16).padStart(24, '0')}`;

const short = (e: unknown) => (e instanceof Error ? e.message.split('\n')[0]! : String(e));
type Result = { status: 'success'; result: unknown } | { status: 'failure'; error: Error };
const value = <T>(r: Result | undefined): T | undefined => (r?.status === 'success' ? (r.result as T) : undefined);
const sameAddress = (a: unknown, b: Address) => typeof a === 'string' && isAddressEqual(a as Address, b);

async function codeCheck(client: Client, address: Address, blockNumber: bigint, what = 'code'): Promise<Check> {
  try {
    const c = await getBytecode(client, { address, blockNumber });
    return c && c !== '0x'
      ? { what, ok: true, detail: `${(c.length - 2) / 2} bytes` }
      : { what, ok: false, detail: 'no code at this address' };
  } catch (e) {
    return { what, ok: false, detail: `eth_getCode failed: ${short(e)}` };
  }
}

/** Answers of one Multicall3 round, failures kept per call. */
async function round(client: Client, blockNumber: bigint, contracts: readonly object[]): Promise<Result[]> {
  if (contracts.length === 0) return [];
  return (await multicall(client, {
    contracts: contracts as Parameters<typeof multicall>[1]['contracts'],
    allowFailure: true,
    batchSize: 0,
    multicallAddress: MULTICALL3,
    blockNumber,
  })) as Result[];
}

const call = (address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[] = []) => ({
  address,
  abi,
  functionName,
  args,
});

/** The vault views, the registries' isEntity, and each LRT's own views — in three Multicall3 rounds. */
export async function checkSymbiotic(client: Client, blockNumber: bigint): Promise<SymbioticReport> {
  const vaults = SYMBIOTIC_VAULTS_MAINNET;
  const VAULT_CALLS = 7;
  const LRT_CALLS = 4;
  const first = await round(client, blockNumber, [
    ...vaults.flatMap((v) => [
      call(v.address, symbioticVaultAbi, 'collateral'),
      call(v.address, symbioticVaultModulesAbi, 'delegator'),
      call(v.address, symbioticVaultModulesAbi, 'slasher'),
      call(v.address, symbioticVaultModulesAbi, 'burner'),
      call(v.address, symbioticVaultModulesAbi, 'activeStake'),
      call(v.address, symbioticVaultModulesAbi, 'epochDuration'),
      call(SYMBIOTIC_VAULT_FACTORY, symbioticRegistryAbi, 'isEntity', [v.address]),
    ]),
    ...MELLOW_LRTS.flatMap((l) => [
      call(l.address, erc20Abi, 'symbol'),
      call(l.address, erc4626Abi, 'asset'),
      call(l.address, mellowSymbioticVaultAbi, 'symbioticVault'),
      call(l.address, mellowMultiVaultAbi, 'subvaultsCount'),
    ]),
    ...SYMBIOTIC_NETWORKS.map((n) => call(SYMBIOTIC_NETWORK_REGISTRY, symbioticRegistryAbi, 'isEntity', [n.address])),
    ...SYMBIOTIC_CORE.map((c) => call(c.address, symbioticRegistryAbi, 'totalEntities')),
  ]);
  const vaultAnswer = (i: number, k: number) => first[i * VAULT_CALLS + k];
  const lrtBase = vaults.length * VAULT_CALLS;
  const lrtAnswer = (i: number, k: number) => first[lrtBase + i * LRT_CALLS + k];
  const netBase = lrtBase + MELLOW_LRTS.length * LRT_CALLS;
  const coreBase = netBase + SYMBIOTIC_NETWORKS.length;

  const delegators = vaults.map((_, i) => value<Address>(vaultAnswer(i, 1)));
  const slashers = vaults.map((_, i) => value<Address>(vaultAnswer(i, 2)));
  const live = (a: Address | undefined): a is Address => !!a && a !== zeroAddress;

  // Round two: the modules' own views and the registries that made them; the networks' limits; MultiVault subvaults.
  const DELEGATOR_CALLS = 3 + SYMBIOTIC_NETWORKS.length;
  const SLASHER_CALLS = 4;
  const subvaultCalls = MELLOW_LRTS.flatMap((l, i) => {
    const n = value<bigint>(lrtAnswer(i, 3)) ?? 0n;
    return Array.from({ length: Number(n > 8n ? 8n : n) }, (_, k) => ({
      lrt: i,
      call: call(l.address, mellowMultiVaultAbi, 'subvaultAt', [BigInt(k)]),
    }));
  });
  const second = await round(client, blockNumber, [
    ...delegators.flatMap((d) =>
      live(d)
        ? [
            call(d, symbioticEntityAbi, 'TYPE'),
            call(d, symbioticEntityAbi, 'vault'),
            call(SYMBIOTIC_DELEGATOR_FACTORY, symbioticRegistryAbi, 'isEntity', [d]),
            ...SYMBIOTIC_NETWORKS.map((n) => call(d, symbioticDelegatorAbi, 'maxNetworkLimit', [subnetwork(n.address)])),
          ]
        : [],
    ),
    ...slashers.flatMap((s) =>
      live(s)
        ? [
            call(s, symbioticEntityAbi, 'TYPE'),
            call(s, symbioticEntityAbi, 'vault'),
            call(SYMBIOTIC_SLASHER_FACTORY, symbioticRegistryAbi, 'isEntity', [s]),
            call(s, symbioticVetoSlasherAbi, 'vetoDuration'),
          ]
        : [],
    ),
    ...subvaultCalls.map((s) => s.call),
  ]);
  let cursor = 0;
  const take = (n: number) => {
    const part = second.slice(cursor, cursor + n);
    cursor += n;
    return part;
  };
  const delegatorAnswers = delegators.map((d) => (live(d) ? take(DELEGATOR_CALLS) : []));
  const slasherAnswers = slashers.map((s) => (live(s) ? take(SLASHER_CALLS) : []));
  const subvaults = subvaultCalls.map((s) => ({ lrt: s.lrt, answer: value<{ protocol: number; vault: Address }>(take(1)[0]) }));

  // Code at every address the registry holds, plus the modules the vaults named (one batched HTTP request).
  const codeOf = async (a: Address) => codeCheck(client, a, blockNumber);
  const [vaultCodes, lrtCodes, coreCodes, delegatorCodes, slasherCodes] = await Promise.all([
    Promise.all(vaults.map((v) => codeOf(v.address))),
    Promise.all(MELLOW_LRTS.map((l) => codeOf(l.address))),
    Promise.all(SYMBIOTIC_CORE.map((c) => codeOf(c.address))),
    Promise.all(delegators.map((d) => (live(d) ? codeCheck(client, d, blockNumber, 'delegator code') : undefined))),
    Promise.all(slashers.map((s) => (live(s) ? codeCheck(client, s, blockNumber, 'slasher code') : undefined))),
  ]);

  // Which LRT view named which vault.
  const lookThrough = MELLOW_LRTS.map((l, i) => {
    const direct = value<Address>(lrtAnswer(i, 2));
    if (direct) return { view: 'symbioticVault()', vaults: [direct] };
    const found = subvaults.filter((s) => s.lrt === i && s.answer && Number(s.answer.protocol) === MELLOW_PROTOCOL_SYMBIOTIC);
    if (found.length) return { view: 'subvaultAt(i).vault', vaults: found.map((s) => s.answer!.vault) };
    return { view: undefined, vaults: [] as Address[] };
  });

  const vaultReports = vaults.map((v, i): SymbioticVaultReport => {
    const checks: Check[] = [vaultCodes[i]!];
    const collateral = value<Address>(vaultAnswer(i, 0));
    const expected = RESTAKING_TOKENS[v.collateral].address;
    checks.push({
      what: 'collateral()',
      ok: sameAddress(collateral, expected),
      detail: collateral
        ? `${collateral}${sameAddress(collateral, expected) ? ` (${v.collateral})` : `, expected ${v.collateral} ${expected}`}`
        : 'did not answer',
    });
    checks.push({
      what: 'VaultFactory.isEntity(vault)',
      ok: value<boolean>(vaultAnswer(i, 6)) === true,
      detail: String(value(vaultAnswer(i, 6)) ?? 'did not answer'),
    });
    const d = delegators[i];
    const [dType, dVault, dEntity, ...limits] = delegatorAnswers[i]!;
    checks.push({ what: 'delegator()', ok: live(d), detail: d ?? 'did not answer' });
    if (live(d)) {
      checks.push(delegatorCodes[i]!);
      const t = value<bigint>(dType);
      checks.push({
        what: 'delegator TYPE() / vault() / DelegatorFactory.isEntity',
        ok: t !== undefined && sameAddress(value(dVault), v.address) && value<boolean>(dEntity) === true,
        detail: `${t === undefined ? '?' : (DELEGATOR_TYPES[Number(t)] ?? `type ${t}`)}, vault ${sameAddress(value(dVault), v.address) ? 'matches' : String(value(dVault))}, registered ${String(value(dEntity))}`,
      });
    }
    const s = slashers[i];
    if (s === undefined) checks.push({ what: 'slasher()', ok: false, detail: 'did not answer' });
    else if (!live(s)) checks.push({ what: 'slasher()', ok: true, detail: 'none: the vault cannot be slashed' });
    else {
      const [sType, sVault, sEntity, veto] = slasherAnswers[i]!;
      const t = value<bigint>(sType);
      const vetoDuration = value<number>(veto);
      checks.push(slasherCodes[i]!);
      checks.push({
        what: 'slasher TYPE() / vault() / SlasherFactory.isEntity',
        ok: t !== undefined && sameAddress(value(sVault), v.address) && value<boolean>(sEntity) === true,
        detail: `${s}: ${t === undefined ? '?' : (SLASHER_TYPES[Number(t)] ?? `type ${t}`)}${vetoDuration !== undefined && Number(t) === 1 ? `, veto ${vetoDuration} s` : ''}, vault ${sameAddress(value(sVault), v.address) ? 'matches' : String(value(sVault))}, registered ${String(value(sEntity))}`,
      });
    }
    if (v.modules) {
      const burner = value<Address>(vaultAnswer(i, 3));
      const same = sameAddress(d, v.modules.delegator) && sameAddress(s, v.modules.slasher) && sameAddress(burner, v.modules.burner);
      checks.push({
        what: 'recorded delegator/slasher/burner [3P]',
        ok: same,
        detail: same ? 'all three match the vault' : `vault has ${d}/${s}/${burner}`,
      });
    }
    const stake = value<bigint>(vaultAnswer(i, 4));
    const epoch = value<number>(vaultAnswer(i, 5));
    checks.push({
      what: 'activeStake() / epochDuration()',
      ok: stake !== undefined && epoch !== undefined && epoch > 0,
      detail: stake === undefined ? 'did not answer' : `${formatUnits(stake, 18)} ${v.collateral}, epoch ${epoch} s`,
    });
    const networks = limits.flatMap((r, k) => ((value<bigint>(r) ?? 0n) > 0n ? [SYMBIOTIC_NETWORKS[k]!.name] : []));
    // The LRT whose own view named this vault (not merely the registry's pairing).
    const lrtIndex = lookThrough.findIndex((seen) => seen.vaults.some((a) => isAddressEqual(a, v.address)));
    return {
      kind: 'vault',
      name: v.name,
      address: v.address,
      checks,
      ok: checks.every((c) => c.ok),
      ...(stake !== undefined ? { activeStake: stake.toString() } : {}),
      networks,
      ...(lrtIndex >= 0 && lookThrough[lrtIndex]!.view
        ? { lookThrough: `${MELLOW_LRTS[lrtIndex]!.symbol}.${lookThrough[lrtIndex]!.view}` }
        : {}),
    };
  });

  const lrtReports = MELLOW_LRTS.map((l: MellowLrt, i): SymbioticItemReport => {
    const symbol = value<string>(lrtAnswer(i, 0));
    const asset = value<Address>(lrtAnswer(i, 1));
    const wsteth = RESTAKING_TOKENS.wstETH.address;
    const seen = lookThrough[i]!;
    const names = seen.vaults.some((a) => isAddressEqual(a, l.symbioticVault));
    const checks: Check[] = [
      lrtCodes[i]!,
      {
        what: 'symbol()',
        ok: symbol === l.symbol,
        detail: symbol === undefined ? 'did not answer' : symbol === l.symbol ? symbol : `"${symbol}", expected "${l.symbol}"`,
      },
      {
        what: 'asset()',
        ok: sameAddress(asset, wsteth),
        detail: asset ? (sameAddress(asset, wsteth) ? 'wstETH' : `${asset}, expected wstETH`) : 'did not answer',
      },
      {
        what: 'its Symbiotic vault',
        ok: names,
        detail: seen.view
          ? `${seen.view} → ${seen.vaults.join(', ')}${names ? '' : `, expected ${l.symbioticVault}`}`
          : 'neither symbioticVault() nor subvaultAt(i) answered',
      },
    ];
    return { kind: 'mellow-lrt', name: l.symbol, address: l.address, checks, ok: checks.every((c) => c.ok) };
  });

  const networkReports = SYMBIOTIC_NETWORKS.map((n, k): SymbioticItemReport => {
    const registered = value<boolean>(first[netBase + k]);
    const checks = [{ what: 'NetworkRegistry.isEntity', ok: registered === true, detail: String(registered ?? 'did not answer') }];
    return { kind: 'network', name: n.name, address: n.address, checks, ok: registered === true };
  });

  const coreReports = SYMBIOTIC_CORE.map((c, k): SymbioticItemReport => {
    const checks: Check[] = [coreCodes[k]!];
    if (REGISTRIES.has(c.name)) {
      const n = value<bigint>(first[coreBase + k]);
      checks.push({ what: 'totalEntities()', ok: n !== undefined && n > 0n, detail: n === undefined ? 'did not answer' : String(n) });
    }
    return { kind: 'core', name: c.name, address: c.address, checks, ok: checks.every((x) => x.ok) };
  });

  const all = [...coreReports, ...vaultReports, ...lrtReports, ...networkReports];
  return { core: coreReports, vaults: vaultReports, lrts: lrtReports, networks: networkReports, ok: all.every((r) => r.ok) };
}

/** Vaults largest stake first (the ranking no source gives), then every item with its checks. */
export function formatSymbioticTable(report: SymbioticReport): string {
  const ranked = [...report.vaults].sort((a, b) => {
    const x = BigInt(a.activeStake ?? '0');
    const y = BigInt(b.activeStake ?? '0');
    return x === y ? 0 : x > y ? -1 : 1;
  });
  const vaultOf = (v: SymbioticVaultReport) => SYMBIOTIC_VAULTS_MAINNET.find((e: SymbioticVaultEntry) => e.address === v.address)!;
  const lines = (items: readonly SymbioticItemReport[]) =>
    items.flatMap((r) => [
      `${r.name} ${r.address}${r.ok ? '' : ' — FAILED'}`,
      ...r.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.what}: ${c.detail}`),
    ]);
  const count = (items: readonly SymbioticItemReport[]) => `${items.filter((i) => i.ok).length}/${items.length}`;
  return [
    'Symbiotic (lib/restaking/symbiotic-registry.ts)',
    'Vaults by active stake:',
    ...ranked.map(
      (v, i) =>
        `  ${i + 1}. ${v.name}: ${v.activeStake === undefined ? '?' : formatUnits(BigInt(v.activeStake), 18)} ${vaultOf(v).collateral}` +
        `${v.lookThrough ? ` ← ${v.lookThrough}` : ''}${v.networks.length ? `; networks: ${v.networks.join(', ')}` : ''}`,
    ),
    ...lines(report.core),
    ...lines(report.vaults),
    ...lines(report.lrts),
    ...lines(report.networks),
    `core ${count(report.core)}, vaults ${count(report.vaults)}, Mellow LRTs ${count(report.lrts)}, networks ${count(report.networks)} pass`,
  ].join('\n');
}
