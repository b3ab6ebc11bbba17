import { formatPercent, formatWadPercent, shortAddress } from '../../lib/format';
import type { PositionView } from '../../lib/state/portfolio-model';
import { networkName } from '../../lib/state/exposure-model';
import { riskEthText } from './PositionRow';

function Row({ label, value, meaning }: { label: string; value: string; meaning: string }) {
  return (
    <div className="border-b border-line py-1.5 last:border-0">
      <dt className="flex items-center justify-between gap-2 text-xs">
        <span className="font-medium text-ink">{label}</span>
        <span className="tabular-nums text-ink">{value}</span>
      </dt>
      <dd className="text-[11px] text-ink-muted">{meaning}</dd>
    </div>
  );
}

/**
 * What stands behind an LRT the user holds (issue #15): the worst single operator set, the top operator,
 * concentration, and when the token's fair rate would show a slash. "Unknown" keeps its reason.
 */
export function LrtLookThrough({ position: p }: { position: PositionView }) {
  const d = p.details;
  if (d.lrtExposure === 'unknown')
    return (
      <section aria-label="LRT look-through" className="rounded-md border border-line p-2">
        <h2 className="mb-1 text-xs font-semibold">Look-through: unknown</h2>
        <p className="text-[11px] text-ink-muted">{d.lrtExposureWhy ?? d.lrtExposureReason}</p>
        {d.lrtExposureWhy && d.lrtExposureReason && (
          <details className="mt-1 text-[11px] text-ink-muted">
            <summary className="cursor-pointer">Technical reason</summary>
            <p className="break-words">{d.lrtExposureReason}</p>
          </details>
        )}
        {d.lrtRateShowsSlash && <p className="mt-1 text-[11px] text-ink-muted">Fair rate: {d.lrtRateShowsSlash}.</p>}
      </section>
    );
  if (d.lrtExposure !== 'known') return null;
  if (d.lrtProtocol === 'mellow') return <MellowLookThrough position={p} />;
  const [avs, id] = (d.lrtWorstSet ?? '').split(':');
  const [when, how] = (d.lrtRateShowsSlash ?? '').split(/: (.*)/s);
  return (
    <section aria-label="LRT look-through" className="rounded-md border border-line p-2">
      <h2 className="mb-1 text-xs font-semibold">
        Look-through · {d.lrtStakers} staker contracts, {d.lrtOperators} operators
      </h2>
      <dl>
        {d.lrtHolderWorstSetLossEth && (
          <Row
            label="Your largest single slash"
            value={riskEthText(d.lrtHolderWorstSetLossEth)}
            meaning={`If operator set ${id} of AVS ${shortAddress(avs ?? '')} slashed 100 %, the LRT loses ${riskEthText(d.lrtWorstSetLossEth ?? '0')} (${formatWadPercent(BigInt(d.lrtWorstSetShareOfBackingWad ?? '0'), { maxFractionDigits: 2 })} of its backing); your share follows your share of the supply.`}
          />
        )}
        {d.lrtTopOperator && (
          <Row
            label="Top operator"
            value={formatWadPercent(BigInt(d.lrtTopOperatorShareWad ?? '0'), { maxFractionDigits: 1 })}
            meaning={`${shortAddress(d.lrtTopOperator)} holds this share of the LRT’s delegated stake.`}
          />
        )}
        <Row
          label="Concentration (HHI)"
          value={formatPercent(Number(d.lrtHhi ?? '0'), { maxFractionDigits: 1 })}
          meaning="Σ of each operator’s share squared: 100 % means a single operator."
        />
        <Row label="Fair rate shows a slash" value={when === 'at-once' ? 'at once' : 'after an update'} meaning={`${how ?? ''}.`} />
        {d.lrtCoverage && (
          <Row
            label="Staker contracts read"
            value={`${d.lrtStakersRead ?? '?'} of ${d.lrtStakersFound ?? '?'}${d.lrtStakerScan === 'partial' ? ' (list partial)' : ''}`}
            meaning={`Found from the protocol’s own events, not a list view: ${d.lrtCoverage}.`}
          />
        )}
      </dl>
    </section>
  );
}

/**
 * A Mellow LRT (issue #15, Symbiotic side): the Symbiotic vault it stakes in, what each network with a limit on
 * that vault could slash from your position, the worst one as a share of the LRT's backing, and when the rate shows it.
 */
function MellowLookThrough({ position: p }: { position: PositionView }) {
  const d = p.details;
  const [when, how] = (d.lrtRateShowsSlash ?? '').split(/: (.*)/s);
  const networks = [...(p.slashing?.perNetwork ?? [])].sort((a, b) => (BigInt(b.atRiskEth) > BigInt(a.atRiskEth) ? 1 : -1));
  return (
    <section aria-label="LRT look-through" className="rounded-md border border-line p-2">
      <h2 className="mb-1 text-xs font-semibold">
        Look-through · Symbiotic vault {shortAddress(d.symbioticVault ?? '')}, {d.lrtNetworks ?? '0'} networks
      </h2>
      <dl>
        <Row
          label="Restaked in the vault"
          value={riskEthText(d.lrtRestakedEth ?? '0')}
          meaning={`The LRT’s activeBalanceOf in Symbiotic vault ${shortAddress(d.symbioticVault ?? '')}, of ${riskEthText(d.lrtBackingEth ?? '0')} backing (totalAssets × wstETH’s rate).`}
        />
        {d.lrtHolderWorstSetLossEth && d.lrtWorstNetwork ? (
          <Row
            label="Your largest single slash"
            value={riskEthText(d.lrtHolderWorstSetLossEth)}
            meaning={`If network ${d.lrtWorstNetworkName ?? shortAddress(d.lrtWorstNetwork)} slashed its whole stake in the vault, the LRT loses ${riskEthText(d.lrtWorstSetLossEth ?? '0')} (${formatWadPercent(BigInt(d.lrtWorstSetShareOfBackingWad ?? '0'), { maxFractionDigits: 2 })} of its backing); your share follows your share of the supply.`}
          />
        ) : (
          <Row
            label="Your largest single slash"
            value="none"
            meaning="No listed Symbiotic network has a limit on this vault, so none can slash it."
          />
        )}
        {networks.map((n) => (
          <Row
            key={n.network}
            label={`Network ${networkName(n.network)}`}
            value={riskEthText(n.atRiskEth)}
            meaning={`Your part of its stake in the vault: min(activeStake, networkLimit) × the LRT’s share of the vault × your share of the LRT.`}
          />
        ))}
        {d.lrtOperatorSplit === 'unknown' && (
          <Row label="Operators" value="unknown" meaning={d.lrtOperatorSplitWhy ?? d.lrtOperatorSplitReason ?? 'Not known.'} />
        )}
        {d.lrtOperatorSplit === 'known' && d.lrtTopOperator && (
          <Row
            label="Top operator"
            value={formatWadPercent(BigInt(d.lrtTopOperatorShareWad ?? '0'), { maxFractionDigits: 1 })}
            meaning={`${shortAddress(d.lrtTopOperator)} holds this share of the LRT’s stake by operator (its stake in each network, the LRT’s part, of ${d.lrtOperators ?? '?'} operators).`}
          />
        )}
        {d.lrtOperatorSplit === 'known' && (
          <Row
            label="Concentration (HHI)"
            value={formatPercent(Number(d.lrtHhi ?? '0'), { maxFractionDigits: 1 })}
            meaning="Σ of each operator’s share squared: 100 % means a single operator."
          />
        )}
        <Row label="Fair rate shows a slash" value={when === 'at-once' ? 'at once' : 'after an update'} meaning={`${how ?? ''}.`} />
      </dl>
    </section>
  );
}
