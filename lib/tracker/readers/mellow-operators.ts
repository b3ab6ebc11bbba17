import { isAddressEqual, type Address, type Hex } from 'viem';
import { symbioticOperatorStakeAbi } from '../../chain/abis';
import { operatorConcentration, type OperatorShare } from '../../risk/operator-concentration';
import type { SymbioticOperatorLists } from '../lookthrough/symbiotic-operators';
import type { ReadCall, Reads } from '../types';
import { mulWad } from '../valuation';
import { bigintOf, errorOf } from './reader';

/**
 * A Mellow LRT's restaked ETH by operator (issue #15): the Symbiotic vault's delegator gives each operator a stake in
 * each network (`stake(subnetwork, operator)`, the delegator's own formula); the LRT owns lrtActive / activeStake of the
 * vault's active stake, so that part of each operator's stake is the LRT's. An operator serving several networks
 * restakes the same collateral in each, so its ETH is the sum over networks capped at the LRT's active balance (all it
 * could lose through that operator). Top share and HHI come from operatorConcentration, as for EigenLayer LRTs.
 */
export type OperatorNetworkPart = { network: Address; operator: Address; stake: bigint; lrtPart: bigint };

export type MellowOperatorSplit =
  | {
      status: 'known';
      /** Per (network, operator) with stake: the operator's stake in the vault (wstETH wei) and the LRT's part of it. */
      perNetwork: OperatorNetworkPart[];
      /** ETH per operator (min(Σ parts, lrtActive) × wstETH's fair rate), largest first, with its share of the total. */
      byOperator: OperatorShare[];
      topOperator: OperatorShare | null;
      hhi: number;
    }
  | { status: 'unknown'; reason: string; plain: string };

const stakeKey = (delegator: Address, subnetwork: Hex, operator: Address) => `mellow:stake:${delegator}:${subnetwork}:${operator}`;

/** The pairs a scan found for the vault whose subnetwork is one of the networks (identifier 0), with that network. */
function pairsOf(vault: Address, networks: readonly { address: Address; subnetwork: Hex }[], lists?: SymbioticOperatorLists) {
  const list = lists?.get(vault.toLowerCase());
  if (!list) return { list, pairs: [] };
  const pairs = list.pairs.flatMap((p) => {
    const n = networks.find((x) => x.subnetwork.toLowerCase() === p.subnetwork.toLowerCase());
    return n ? [{ ...p, network: n.address }] : [];
  });
  return { list, pairs };
}

/** Phase 3: `stake(subnetwork, operator)` on the delegator for every pair the scan found (same batch as networkLimit). */
export function operatorStakeCalls(
  vault: Address,
  delegator: Address,
  networks: readonly { address: Address; subnetwork: Hex }[],
  lists?: SymbioticOperatorLists,
): ReadCall[] {
  const { list, pairs } = pairsOf(vault, networks, lists);
  if (!list || !isAddressEqual(list.delegator, delegator)) return [];
  return pairs.map((p) => ({
    key: stakeKey(delegator, p.subnetwork, p.operator),
    address: delegator,
    abi: symbioticOperatorStakeAbi,
    functionName: 'stake',
    args: [p.subnetwork, p.operator],
    // stake() reads the vault's activeStake, the limit and the shares (checkpoints and opt-ins on mainnet).
    gas: 60_000n,
  }));
}

export type MellowOperatorSplitParameters = {
  symbol: string;
  vault: Address;
  delegator: Address;
  networks: readonly { address: Address; subnetwork: Hex }[];
  lists?: SymbioticOperatorLists;
  reads: Reads;
  vaultActiveStake: bigint;
  lrtActive: bigint;
  wstEthRate: bigint;
};

export function mellowOperatorSplit(p: MellowOperatorSplitParameters): MellowOperatorSplit {
  const { list, pairs } = pairsOf(p.vault, p.networks, p.lists);
  const unknown = (reason: string, plain: string): MellowOperatorSplit => ({ status: 'unknown', reason, plain });
  if (!list)
    return unknown(
      `${p.symbol}: no operator scan of Symbiotic vault ${p.vault} yet (operators come from its delegator's events, scanned beside the refresh)`,
      `Ballast has not yet found the operators of ${p.symbol}'s Symbiotic vault; it looks them up before the next refresh.`,
    );
  if (list.status !== 'complete')
    return unknown(
      `${p.symbol}: the operator scan of vault ${p.vault} is partial: ${list.reason ?? 'no reason given'}`,
      `Ballast has not finished finding the operators of ${p.symbol}'s Symbiotic vault, so its split by operator is not known yet.`,
    );
  if (!isAddressEqual(list.delegator, p.delegator))
    return unknown(
      `${p.symbol}: vault ${p.vault} names delegator ${p.delegator}, the operator scan read ${list.delegator}`,
      `${p.symbol}'s Symbiotic vault changed how it delegates; Ballast finds its operators again before the next refresh.`,
    );
  const perNetwork: OperatorNetworkPart[] = [];
  for (const pair of pairs) {
    const key = stakeKey(p.delegator, pair.subnetwork, pair.operator);
    const stake = bigintOf(p.reads, key);
    if (stake === undefined)
      return unknown(
        `${p.symbol} stake(${pair.subnetwork}, ${pair.operator}) on delegator ${p.delegator}: ${errorOf(p.reads, key)}`,
        `The stake of an operator behind ${p.symbol} could not be read at this refresh; Ballast tries again at the next one.`,
      );
    if (stake === 0n) continue;
    const lrtPart = p.vaultActiveStake > 0n ? (stake * p.lrtActive) / p.vaultActiveStake : 0n;
    perNetwork.push({ network: pair.network, operator: pair.operator, stake, lrtPart });
  }
  const sums = new Map<string, { operator: Address; wst: bigint }>();
  for (const x of perNetwork) {
    const e = sums.get(x.operator.toLowerCase()) ?? { operator: x.operator, wst: 0n };
    e.wst += x.lrtPart;
    sums.set(x.operator.toLowerCase(), e);
  }
  const parts = [...sums.values()].map((e) => ({
    operator: e.operator,
    restakedEth: mulWad(e.wst < p.lrtActive ? e.wst : p.lrtActive, p.wstEthRate),
  }));
  const { byOperator, topOperator, hhi } = operatorConcentration(parts);
  return { status: 'known', perNetwork, byOperator, topOperator, hhi };
}
