import { isAddressEqual, zeroAddress, type Address } from 'viem';
import {
  erc20Abi,
  erc4626Abi,
  mellowMultiVaultAbi,
  mellowSymbioticVaultAbi,
  symbioticDelegatorAbi,
  symbioticVaultAbi,
  symbioticVaultModulesAbi,
} from '../../chain/abis';
import { MELLOW_LRT_STRUCTURES, type MellowLrtStructure } from '../../restaking/lrt-structure';
import { SYMBIOTIC_NETWORKS } from '../../restaking/symbiotic-registry';
import { BALANCE_READ_GAS } from '../batch-reads';
import type { NetworkAtRisk, Position, ReadCall, Reads, TokenLookThrough, TokenMarket } from '../types';
import { lrtShareExposure, mulWad, WAD } from '../valuation';
import type { SymbioticOperatorLists } from '../lookthrough/symbiotic-operators';
import { mellowOperatorSplit, operatorStakeCalls, type MellowOperatorSplit } from './mellow-operators';
import { bigintOf, errorOf, positionId, valueOf, type PositionReader, type RateBook } from './reader';

/** Subvaults read per MultiVault LRT (Mellow's have an idle ERC-4626 one and the Symbiotic one). */
const SUBVAULTS = 2;
const COLLATERAL = 'wstETH';

const k = {
  bal: (l: Address, a: Address) => `mellow:bal:${l}:${a}`,
  supply: (l: Address) => `mellow:supply:${l}`,
  assets: (l: Address) => `mellow:totalAssets:${l}`,
  rate: (l: Address) => `mellow:convertToAssets:${l}`,
  direct: (l: Address) => `mellow:symbioticVault:${l}`,
  sub: (l: Address, i: number) => `mellow:subvaultAt:${l}:${i}`,
  active: (l: Address, v: Address) => `mellow:active:${v}:${l}`,
  stake: (v: Address) => `mellow:activeStake:${v}`,
  delegator: (v: Address) => `mellow:delegator:${v}`,
  limit: (d: Address, n: Address) => `mellow:networkLimit:${d}:${n}`,
};

/** Symbiotic's subnetwork id for identifier 0: network << 96 | 0 (core v1.0.3 src/contracts/libraries/Subnetwork.sol). */
export const subnetworkOf = (network: Address, identifier = 0n): `0x${string}` =>
  `0x${((BigInt(network) << 96n) | identifier).toString(16).padStart(64, '0')}`;

/** The look-through of one Mellow LRT, in collateral (wstETH wei) and in ETH at wstETH's fair rate. */
export type MellowView =
  | {
      symbol: string;
      lrt: Address;
      status: 'known';
      vault: Address;
      delegator: Address;
      supply: bigint;
      totalAssets: bigint;
      /** wstETH per 1e18 LRT: the LRT's own convertToAssets(1e18). */
      assetsPerShare: bigint;
      /** ETH per 1e18 LRT: assetsPerShare × wstETH's fair rate. */
      fairRate: bigint;
      lrtActive: bigint;
      vaultActiveStake: bigint;
      backingEth: bigint;
      restakedEth: bigint;
      /** Per network with a limit on the vault: what a full slash of it takes from the LRT (wstETH wei and ETH). */
      networks: (NetworkAtRisk & { name: string; vaultStake: bigint; lrtAtRisk: bigint })[];
      /** ETH the LRT loses if every network slashed in full: they restake the same stake, so at most its active balance. */
      worstCaseEth: bigint;
      worst: { network: Address; name: string; lrtAtRisk: bigint; atRiskEth: bigint; shareOfBackingWad: bigint } | null;
      rateShowsSlash: MellowLrtStructure['rateShowsSlash'];
      /** Restaked ETH by operator, or unknown with the reason (mellow-operators.ts). */
      operators: MellowOperatorSplit;
    }
  | {
      symbol: string;
      lrt: Address;
      status: 'unknown';
      reason: string;
      plain: string;
      rateShowsSlash: MellowLrtStructure['rateShowsSlash'];
    };

const call = (
  key: string,
  address: Address,
  abi: ReadCall['abi'],
  functionName: string,
  args: readonly unknown[] = [],
  gas?: bigint,
): ReadCall => ({
  key,
  address,
  abi,
  functionName,
  args,
  ...(gas ? { gas } : {}),
});

/** Phase 2 (pinned to phase 1's block; phase 1's batch is full): balances, supply, rate, the vault the LRT names and its stake. */
export function mellowPhase2(structures: readonly MellowLrtStructure[], accounts: readonly Address[]): ReadCall[] {
  return structures.flatMap((s) => {
    const l = s.discovery.contract;
    const v = s.pairedVault.address;
    return [
      ...accounts.map((a) => call(k.bal(l, a), l, erc20Abi, 'balanceOf', [a], BALANCE_READ_GAS)),
      call(k.supply(l), l, erc20Abi, 'totalSupply', [], 10_000n),
      // totalAssets reads the Symbiotic vault's activeBalanceOf (and the MultiVault walks its subvaults).
      call(k.assets(l), l, erc4626Abi, 'totalAssets', [], 120_000n),
      call(k.rate(l), l, erc4626Abi, 'convertToAssets', [WAD], 120_000n),
      call(k.direct(l), l, mellowSymbioticVaultAbi, 'symbioticVault', [], 10_000n),
      ...Array.from({ length: SUBVAULTS }, (_, i) => call(k.sub(l, i), l, mellowMultiVaultAbi, 'subvaultAt', [BigInt(i)], 20_000n)),
      call(k.active(l, v), v, symbioticVaultAbi, 'activeBalanceOf', [l], 40_000n),
      call(k.stake(v), v, symbioticVaultModulesAbi, 'activeStake', [], 10_000n),
      call(k.delegator(v), v, symbioticVaultModulesAbi, 'delegator', [], 10_000n),
    ];
  });
}

const NETWORK_SUBNETS = SYMBIOTIC_NETWORKS.map((n) => ({ address: n.address, subnetwork: subnetworkOf(n.address) }));

/** Phase 3: each vault's delegator's networkLimit for every listed network (identifier 0) and its operators' stakes. */
export function mellowPhase3(structures: readonly MellowLrtStructure[], reads: Reads, lists?: SymbioticOperatorLists): ReadCall[] {
  const calls = new Map<string, ReadCall>();
  for (const s of structures) {
    const d = valueOf<Address>(reads, k.delegator(s.pairedVault.address));
    if (!d || d === zeroAddress) continue;
    // A delegator's networkLimit is a checkpointed value (a few cold SLOADs on mainnet).
    for (const n of SYMBIOTIC_NETWORKS)
      calls.set(
        k.limit(d, n.address),
        call(k.limit(d, n.address), d, symbioticDelegatorAbi, 'networkLimit', [subnetworkOf(n.address)], 15_000n),
      );
    for (const c of operatorStakeCalls(s.pairedVault.address, d, NETWORK_SUBNETS, lists)) calls.set(c.key, c);
  }
  return [...calls.values()];
}

/** The vault the LRT's own view names: `symbioticVault()`, else its first SYMBIOTIC subvault. */
function namedVault(s: MellowLrtStructure, reads: Reads): Address | undefined {
  const l = s.discovery.contract;
  const direct = valueOf<Address>(reads, k.direct(l));
  if (direct && direct !== zeroAddress) return direct;
  for (let i = 0; i < SUBVAULTS; i++) {
    const sub = valueOf<{ protocol: number; vault: Address }>(reads, k.sub(l, i));
    if (sub && Number(sub.protocol) === s.discovery.subvaults.symbioticProtocol && sub.vault !== zeroAddress) return sub.vault;
  }
  return undefined;
}

const minOf = (a: bigint, b: bigint) => (a < b ? a : b);

/** One LRT's look-through from phase 2 and 3's answers; `unknown` with the reason where a read fails. */
export function mellowView(s: MellowLrtStructure, reads: Reads, wstEthRate: bigint | null, lists?: SymbioticOperatorLists): MellowView {
  const l = s.discovery.contract;
  const v = s.pairedVault.address;
  const fail = (reason: string, plain?: string): MellowView => ({
    symbol: s.symbol,
    lrt: l,
    status: 'unknown',
    reason,
    plain: plain ?? `The ${s.symbol} and Symbiotic contracts could not be read at this refresh; Ballast tries again at the next one.`,
    rateShowsSlash: s.rateShowsSlash,
  });
  const named = namedVault(s, reads);
  if (!named) return fail(`${s.symbol}: neither symbioticVault() nor a SYMBIOTIC subvaultAt(0..${SUBVAULTS - 1}) answered`);
  if (!isAddressEqual(named, v))
    return fail(
      `${s.symbol} names Symbiotic vault ${named}, not ${v} that Ballast's registry pairs it with`,
      `${s.symbol} moved its stake to a Symbiotic vault Ballast does not know yet, so the networks behind it are not shown.`,
    );
  const supply = bigintOf(reads, k.supply(l));
  const totalAssets = bigintOf(reads, k.assets(l));
  const assetsPerShare = bigintOf(reads, k.rate(l));
  const lrtActive = bigintOf(reads, k.active(l, v));
  const vaultActiveStake = bigintOf(reads, k.stake(v));
  const delegator = valueOf<Address>(reads, k.delegator(v));
  const missing = (
    [
      ['totalSupply', supply, k.supply(l)],
      ['totalAssets', totalAssets, k.assets(l)],
      ['convertToAssets(1e18)', assetsPerShare, k.rate(l)],
      [`activeBalanceOf on ${v}`, lrtActive, k.active(l, v)],
      [`activeStake of ${v}`, vaultActiveStake, k.stake(v)],
      [`delegator of ${v}`, delegator, k.delegator(v)],
    ] as const
  ).find(([, value]) => value === undefined);
  if (missing) return fail(`${s.symbol} ${missing[0]}: ${errorOf(reads, missing[2])}`);
  if (wstEthRate === null) return fail(`${s.symbol}: the fair rate of ${COLLATERAL} (its collateral) could not be read`);
  const networks: Extract<MellowView, { status: 'known' }>['networks'] = [];
  for (const n of SYMBIOTIC_NETWORKS) {
    const limit = bigintOf(reads, k.limit(delegator!, n.address));
    if (limit === undefined)
      return fail(`${s.symbol} networkLimit(${n.name}) on delegator ${delegator}: ${errorOf(reads, k.limit(delegator!, n.address))}`);
    if (limit === 0n) continue;
    const vaultStake = minOf(vaultActiveStake!, limit);
    const lrtAtRisk = vaultActiveStake! > 0n ? (vaultStake * lrtActive!) / vaultActiveStake! : 0n;
    networks.push({ network: n.address, name: n.name, vault: v, vaultStake, lrtAtRisk, atRiskEth: mulWad(lrtAtRisk, wstEthRate) });
  }
  networks.sort((a, b) => (b.lrtAtRisk > a.lrtAtRisk ? 1 : b.lrtAtRisk < a.lrtAtRisk ? -1 : 0));
  const top = networks[0];
  const allAtRisk = minOf(
    networks.reduce((t, n) => t + n.lrtAtRisk, 0n),
    lrtActive!,
  );
  return {
    symbol: s.symbol,
    lrt: l,
    status: 'known',
    vault: v,
    delegator: delegator!,
    supply: supply!,
    totalAssets: totalAssets!,
    assetsPerShare: assetsPerShare!,
    fairRate: mulWad(assetsPerShare!, wstEthRate),
    lrtActive: lrtActive!,
    vaultActiveStake: vaultActiveStake!,
    backingEth: mulWad(totalAssets!, wstEthRate),
    restakedEth: mulWad(lrtActive!, wstEthRate),
    networks,
    worstCaseEth: mulWad(allAtRisk, wstEthRate),
    worst: top
      ? {
          network: top.network,
          name: top.name,
          lrtAtRisk: top.lrtAtRisk,
          atRiskEth: top.atRiskEth,
          shareOfBackingWad: totalAssets! > 0n ? (top.lrtAtRisk * WAD) / totalAssets! : 0n,
        }
      : null,
    rateShowsSlash: s.rateShowsSlash,
    operators: mellowOperatorSplit({
      symbol: s.symbol,
      vault: v,
      delegator: delegator!,
      networks: NETWORK_SUBNETS,
      ...(lists ? { lists } : {}),
      reads,
      vaultActiveStake: vaultActiveStake!,
      lrtActive: lrtActive!,
      wstEthRate,
    }),
  };
}

export const mellowViews = (
  structures: readonly MellowLrtStructure[],
  reads: Reads,
  rates: RateBook,
  lists?: SymbioticOperatorLists,
): MellowView[] => structures.map((s) => mellowView(s, reads, rates.get(COLLATERAL)?.fairRate ?? null, lists));

/**
 * Mellow LRT holdings (issue #15, Symbiotic side): each account's balance of every Mellow LRT the registry pairs
 * with a Symbiotic vault, valued at the LRT's own convertToAssets(1e18) × wstETH's fair rate, with the look-through
 * LRT → Symbiotic vault → network: what each network could slash (min(activeStake, networkLimit) × the LRT's part
 * of the vault's active stake), the worst single network as a share of the backing, and the holder's part of it
 * (balance / supply). All reads sit in phases 2 and 3 (pinned to phase 1's block): phase 1's batch is already full.
 * No market source: Mellow LRTs exit through Mellow's withdrawal queue, which Ballast does not quote.
 */
export function mellowReader(structures: readonly MellowLrtStructure[] = MELLOW_LRT_STRUCTURES): PositionReader {
  return {
    family: 'mellow-lrt',
    phase1: () => [],
    phase2: ({ accounts }) => mellowPhase2(structures, accounts),
    phase3: (ctx, reads) => mellowPhase3(structures, reads, ctx.symbioticOperators),
    positions: (ctx, reads, rates) => {
      const { accounts } = ctx;
      const views = mellowViews(structures, reads, rates, ctx.symbioticOperators);
      return structures.flatMap((s, i) =>
        accounts.flatMap((a): Position[] => {
          const l = s.discovery.contract;
          const amount = bigintOf(reads, k.bal(l, a));
          const base = {
            id: positionId('mellow-lrt', a, s.symbol),
            family: 'mellow-lrt' as const,
            account: a,
            asset: s.symbol,
            sources: [
              { contract: l, call: 'balanceOf' },
              { contract: l, call: 'convertToAssets(1e18)' },
              { contract: s.pairedVault.address, call: 'activeBalanceOf' },
            ],
          };
          // No code at a registry address (a devnet without the Symbiotic doubles): nothing held, nothing to say.
          if (amount === undefined || amount === 0n) return [];
          return [holding(base, amount, views[i]!)];
        }),
      );
    },
    annotateTokens: (ctx, reads, tokens) => {
      const wst = tokens.find((t) => t.symbol === COLLATERAL)?.fairRate ?? null;
      const views = structures.map((s) => mellowView(s, reads, wst, ctx.symbioticOperators));
      // Only LRTs whose contracts answered: on a chain without them they would be noise in every list.
      const answered = views.filter((v) => v.status === 'known' || reads.get(k.supply(v.lrt))?.ok);
      return [...tokens, ...answered.map(tokenMarketOf)];
    },
  };
}

function tokenMarketOf(v: MellowView): TokenMarket {
  if (v.status === 'unknown')
    return {
      symbol: v.symbol,
      fairRate: null,
      marketRate: null,
      depegWad: null,
      error: v.reason,
      lookThrough: { status: 'unknown', reason: v.reason },
    };
  const lookThrough: TokenLookThrough = {
    status: 'known',
    supply: v.supply,
    restakedEth: v.restakedEth,
    byOperator:
      v.operators.status === 'known' ? v.operators.byOperator.map((o) => ({ operator: o.operator, restakedEth: o.restakedEth })) : [],
    bySet: [],
    byNetwork: v.networks.map((n) => ({ network: n.network, vault: n.vault, atRiskEth: n.atRiskEth })),
  };
  return { symbol: v.symbol, fairRate: v.fairRate, marketRate: null, depegWad: null, lookThrough };
}

type Base = Pick<Position, 'id' | 'family' | 'account' | 'asset' | 'sources'>;

function holding(base: Base, amount: bigint, v: MellowView): Position {
  const common = {
    ...base,
    amount,
    marketValueEth: null,
    depegWad: null,
    marketSource: 'none: Mellow LRTs exit through Mellow’s withdrawal queue',
  };
  const tag = {
    lrtSymbol: v.symbol,
    lrtProtocol: 'mellow',
    lrtAmount: String(amount),
    lrtRateShowsSlash: `${v.rateShowsSlash.when}: ${v.rateShowsSlash.how}`,
  };
  if (v.status === 'unknown')
    return {
      ...common,
      status: 'failed',
      error: v.reason,
      fairValueEth: null,
      details: { ...tag, lrtExposure: 'unknown', lrtExposureReason: v.reason, lrtExposureWhy: v.plain },
    };
  const share = lrtShareExposure(amount, v.supply, v.worstCaseEth);
  const fairValueEth = mulWad(amount, v.fairRate);
  const facts = {
    ...tag,
    fairRate: String(v.fairRate),
    lrtAssetsPerShare: String(v.assetsPerShare),
    symbioticVault: v.vault,
    symbioticDelegator: v.delegator,
    lrtTotalSupply: String(v.supply),
    lrtTotalAssets: String(v.totalAssets),
    lrtActiveBalance: String(v.lrtActive),
    vaultActiveStake: String(v.vaultActiveStake),
    lrtBackingEth: String(v.backingEth),
    lrtRestakedEth: String(v.restakedEth),
    lrtNetworks: String(v.networks.length),
  };
  if (!share)
    return {
      ...common,
      status: 'ok',
      fairValueEth,
      details: {
        ...facts,
        lrtExposure: 'unknown',
        lrtExposureReason: `${v.symbol} totalSupply ${v.supply} cannot be split for a balance of ${amount}`,
        lrtExposureWhy: `This position is larger than all ${v.symbol} in circulation as read, so its share cannot be worked out.`,
      },
    };
  const holder = (eth: bigint) => lrtShareExposure(amount, v.supply, eth)?.holderAtRiskEth ?? 0n;
  const w = v.worst;
  const ops = v.operators;
  return {
    ...common,
    status: 'ok',
    fairValueEth,
    slashing: {
      worstCaseEth: share.holderAtRiskEth,
      method: 'mellow-share',
      perNetwork: v.networks.map((n) => ({ network: n.network, vault: n.vault, atRiskEth: holder(n.atRiskEth) })),
      ...(ops.status === 'known'
        ? { perOperator: ops.byOperator.map((o) => ({ operator: o.operator, restakedEth: holder(o.restakedEth) })) }
        : {}),
    },
    details: {
      ...facts,
      lrtExposure: 'known',
      lrtShareOfSupplyWad: String(share.shareOfSupplyWad),
      lrtProtocolAtRiskEth: String(v.worstCaseEth),
      // The holder's part of the LRT's active balance in the vault: what a slash of the vault reaches (alerts).
      lrtHolderRestakedEth: String(holder(v.restakedEth)),
      ...operatorFacts(ops),
      ...(w
        ? {
            lrtWorstNetwork: w.network,
            lrtWorstNetworkName: w.name,
            lrtWorstNetworkLossWstEth: String(w.lrtAtRisk),
            lrtWorstSetLossEth: String(w.atRiskEth),
            lrtWorstSetShareOfBackingWad: String(w.shareOfBackingWad),
            lrtHolderWorstSetLossEth: String(holder(w.atRiskEth)),
          }
        : {}),
    },
  };
}

/** The split by operator as details, in the EigenLayer LRTs' keys (lrtOperators, lrtTopOperator…), or why it is unknown. */
function operatorFacts(ops: MellowOperatorSplit): Record<string, string> {
  if (ops.status === 'unknown') return { lrtOperatorSplit: 'unknown', lrtOperatorSplitReason: ops.reason, lrtOperatorSplitWhy: ops.plain };
  return {
    lrtOperatorSplit: 'known',
    lrtOperators: String(ops.byOperator.length),
    ...(ops.topOperator ? { lrtTopOperator: ops.topOperator.operator, lrtTopOperatorShareWad: String(ops.topOperator.shareWad) } : {}),
    // Full precision (EigenLayer LRTs show 6 decimals): the figure is compared, not only shown.
    lrtHhi: String(ops.hhi),
  };
}
