import type { Address } from 'viem';
import { MELLOW_LRTS, SYMBIOTIC_NETWORKS } from '../../restaking/symbiotic-registry';
import { formatAmount, formatEth, sameAddress } from '../../format';
import { shortAddress } from '../labels';
import { emptyOutput, lookThroughUnknown, type Rule } from './context';

const nameOf = (a: Address) => SYMBIOTIC_NETWORKS.find((n) => sameAddress(n.address, a))?.name ?? shortAddress(a);

/**
 * Receiving a Mellow LRT (a deposit into its vault, a transfer, a swap: whatever the simulation shows arriving)
 * adds amount / supply of what each Symbiotic network behind its vault could slash (the LRT's look-through at
 * the portfolio's last refresh) to what those networks already reach in this account. The flag names the network
 * whose full slash would cost the account most afterwards, before → after (issue #15, Symbiotic side of item 5).
 */
export const mellowNetworksRule: Rule = async (ctx) => {
  const out = emptyOutput();
  const sim = await ctx.simulation;
  const received = [...(sim.deltas ?? [])].flatMap(([asset, amount]) => {
    const lrt = asset !== 'ETH' && amount > 0n ? MELLOW_LRTS.find((l) => sameAddress(l.address, asset)) : undefined;
    return lrt ? [{ lrt, amount }] : [];
  });
  if (received.length === 0) return out;
  const exposure = ctx.exposure;
  const names = received.map((r) => r.lrt.symbol).join(', ');
  if (!exposure) {
    out.notChecked.push(`which Symbiotic networks ${names} adds: the portfolio has no snapshot of this account yet`);
    return out;
  }
  const after = new Map<string, { network: Address; before: bigint; after: bigint }>();
  for (const n of exposure.byNetwork ?? []) after.set(n.network.toLowerCase(), { network: n.network, before: n.lossEth, after: n.lossEth });
  const known: typeof received = [];
  for (const r of received) {
    const mix = exposure.lrtNetworks?.[r.lrt.symbol];
    if (!mix || mix.supply <= 0n) {
      lookThroughUnknown(
        out,
        { symbol: r.lrt.symbol, amount: r.amount },
        {
          behind: 'Networks',
          reason: exposure.lrtsUnknown[r.lrt.symbol] ?? 'no look-through in the last portfolio snapshot',
          why: 'Ballast cannot see which Symbiotic networks can slash this token’s vault, so its slashing exposure is not counted.',
        },
      );
      continue;
    }
    known.push(r);
    for (const n of mix.byNetwork) {
      const e = after.get(n.network.toLowerCase()) ?? { network: n.network, before: 0n, after: 0n };
      e.after += (r.amount * n.atRiskEth) / mix.supply; // floor, as the tracker's holder share
      after.set(n.network.toLowerCase(), e);
    }
  }
  if (known.length === 0) return out;
  const receivedText = known.map((r) => formatAmount(r.amount, 18, r.lrt.symbol, { maxFractionDigits: 6 })).join(' + ');
  const top = [...after.values()].sort((a, b) => (b.after > a.after ? 1 : b.after < a.after ? -1 : 0))[0];
  if (!top || top.after === 0n) {
    out.checked.push(`Symbiotic networks behind ${receivedText}: none has a limit on the vault`);
    return out;
  }
  const loss = (wei: bigint) => formatEth(wei, { maxFractionDigits: 4, rounding: 'expand' });
  out.flags.push({
    id: 'lrt.symbiotic-network',
    severity: 'info',
    title: `After this, a full slash by Symbiotic network ${nameOf(top.network)} would cost this account ${loss(top.after)}`,
    numbers: { received: receivedText, network: top.network, before: loss(top.before), after: loss(top.after) },
    why: 'A Mellow LRT restakes in one Symbiotic vault; each network with a limit on that vault can slash up to min(active stake, its limit), and your share of the LRT carries your part of it.',
    source: {
      contract: known[0]!.lrt.address,
      block: exposure.blockNumber,
      method: 'look-through LRT → Symbiotic vault (activeBalanceOf, activeStake) → delegator networkLimit, at the portfolio’s last refresh',
    },
  });
  out.checked.push(`largest Symbiotic network slash after receiving ${receivedText}: ${loss(top.before)} → ${loss(top.after)}`);
  out.facts = {
    mellowNetworks: [
      {
        received: known.map((r) => ({ symbol: r.lrt.symbol, amount: r.amount.toString() })),
        network: top.network,
        beforeEth: top.before.toString(),
        afterEth: top.after.toString(),
        block: exposure.blockNumber.toString(),
      },
    ],
  };
  return out;
};
