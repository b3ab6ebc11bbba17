import type { Address } from 'viem';
import { RESTAKING_TOKENS } from '../../restaking';
import { MELLOW_LRTS } from '../../restaking/symbiotic-registry';
import { formatAmount, formatEth, formatWadPercent, sameAddress } from '../../format';
import { concentrationChange, lrtAmountByOperator, WAD, type RiskFlag } from '../../risk';
import { shortAddress } from '../labels';
import { emptyOutput, lookThroughUnknown, type Rule } from './context';

/** Above this share of the sender's restaked ETH on one operator, the flag warns (issue #15 item 5). */
export const CONCENTRATION_WARN_WAD = WAD / 2n;

const pct = (wad: bigint) => formatWadPercent(wad, { maxFractionDigits: 1 });

/**
 * Receiving an LRT (a mint, a deposit, a swap on a pool: whatever the simulation shows arriving) adds
 * the LRT's operators to the sender's restaked ETH: amount / supply × each operator's delegated ETH,
 * from the look-through of the portfolio's last refresh. The flag names the operator the sender depends
 * on most afterwards and its share before → after; over 50 % it warns.
 */
export const lrtConcentrationRule: Rule = async (ctx) => {
  const out = emptyOutput();
  const sim = await ctx.simulation;
  // EigenLayer LRTs of the registry, and Mellow LRTs (Symbiotic operators, when their vault's operators were scanned).
  type Received = { token: { symbol: string; address: Address }; amount: bigint; mellow?: true };
  const received = [...(sim.deltas ?? [])]
    .filter(([asset, delta]) => asset !== 'ETH' && delta > 0n)
    .flatMap(([asset, amount]): Received[] => {
      const token = ctx.registry.tokenByAddress(asset);
      if (token && RESTAKING_TOKENS[token.symbol]?.kind === 'lrt')
        return [{ token: { symbol: token.symbol, address: token.address }, amount }];
      const mellow = MELLOW_LRTS.find((l) => sameAddress(l.address, asset as Address));
      return mellow ? [{ token: { symbol: mellow.symbol, address: mellow.address }, amount, mellow: true as const }] : [];
    });
  if (received.length === 0) return out;
  const names = received.map((r) => r.token.symbol).join(', ');
  const exposure = ctx.exposure;
  if (!exposure) {
    out.notChecked.push(`how ${names} changes your operator concentration: the portfolio has no snapshot of this account yet`);
    return out;
  }
  const added: { operator: Address; restakedEth: bigint }[] = [];
  const known: typeof received = [];
  for (const r of received) {
    const mix = exposure.lrts[r.token.symbol];
    // A Mellow LRT without any look-through is already reported by the networks rule (mellow-networks.ts); one whose
    // networks are known but whose vault's operators were not scanned yet has no split to add.
    if (!mix && r.mellow) continue;
    const noSplit = mix && r.mellow && mix.byOperator.length === 0;
    if (!mix || noSplit) {
      lookThroughUnknown(
        out,
        { symbol: r.token.symbol, amount: r.amount },
        {
          behind: 'Operators',
          reason: noSplit
            ? 'the operators behind its Symbiotic vault have not been scanned yet'
            : (exposure.lrtsUnknown[r.token.symbol] ?? 'no look-through in the last portfolio snapshot'),
          why: 'Ballast cannot see which operators and AVSs this token’s ETH is restaked with, so its slashing exposure is not counted.',
        },
      );
      continue;
    }
    known.push(r);
    added.push(...lrtAmountByOperator(r.amount, mix));
  }
  if (known.length === 0) return out;
  const change = concentrationChange(exposure.byOperator, added);
  if (!change) return out;
  const receivedText = known.map((r) => formatAmount(r.amount, 18, r.token.symbol, { maxFractionDigits: 6 })).join(' + ');
  const mixText = known
    .map((r) => {
      const mix = exposure.lrts[r.token.symbol]!;
      const total = mix.byOperator.reduce((s, o) => s + o.restakedEth, 0n);
      const parts = mix.byOperator.map((o) => `${shortAddress(o.operator)} ${pct(total > 0n ? (o.restakedEth * WAD) / total : 0n)}`);
      return `${r.token.symbol}: ${parts.join(', ')}`;
    })
    .join('; ');
  const flag: RiskFlag = {
    id: 'lrt.concentration',
    severity: change.afterShareWad > CONCENTRATION_WARN_WAD ? 'warn' : 'info',
    title: `After this, ${pct(change.afterShareWad)} of this account’s restaked ETH depends on operator ${shortAddress(change.operator)}`,
    numbers: {
      received: receivedText,
      operator: change.operator,
      before: `${pct(change.beforeShareWad)} (${formatEth(change.beforeEth, { maxFractionDigits: 4 })} of ${formatEth(change.totalBeforeEth, { maxFractionDigits: 4 })})`,
      after: `${pct(change.afterShareWad)} (${formatEth(change.afterEth, { maxFractionDigits: 4 })} of ${formatEth(change.totalAfterEth, { maxFractionDigits: 4 })})`,
      lookThrough: mixText,
    },
    why:
      change.afterShareWad > CONCENTRATION_WARN_WAD
        ? 'More than half of this account’s restaked ETH would sit with one operator: one slash of it reaches every LRT and deposit it backs.'
        : 'What the received LRT is restaked with, added to what this account already holds directly and through other LRTs.',
    source: {
      contract: known[0]!.token.address,
      block: exposure.blockNumber,
      method: known.some((r) => r.mellow)
        ? 'look-through of the LRT’s staker contracts (EigenLayer: delegatedTo, getWithdrawableShares; Mellow: the Symbiotic vault’s delegator stake per operator) at the portfolio’s last refresh'
        : 'look-through of the LRT’s staker contracts (delegatedTo, getWithdrawableShares) at the portfolio’s last refresh',
    },
  };
  out.flags.push(flag);
  out.checked.push(`operator concentration after receiving ${receivedText}: ${pct(change.beforeShareWad)} → ${pct(change.afterShareWad)}`);
  out.facts = {
    lrtConcentration: [
      {
        received: known.map((r) => ({ symbol: r.token.symbol, amount: r.amount.toString() })),
        operator: change.operator,
        beforeEth: change.beforeEth.toString(),
        afterEth: change.afterEth.toString(),
        totalBeforeEth: change.totalBeforeEth.toString(),
        totalAfterEth: change.totalAfterEth.toString(),
        beforeShareWad: change.beforeShareWad.toString(),
        afterShareWad: change.afterShareWad.toString(),
        block: exposure.blockNumber.toString(),
      },
    ],
  };
  return out;
};
