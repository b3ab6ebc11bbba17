import type { RateLagCheck } from '../restaking/l2';
import { L2_CHAINS } from '../restaking/l2';
import { formatAmount, formatBps, formatWadPercent } from '../format';
import type { RiskFlag } from './flag';

const formatAge = (seconds: bigint) => {
  const hours = Number(seconds) / 3600;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} days`;
};

/**
 * The rate-lag flag of one L2 token (lib/restaking/l2/rate-lag.ts decides; this words it). warn for either reason;
 * danger when both hold (a stale copy that also trails L1: the L2 market has not seen the last rate for a while).
 */
export function rateLagFlags(check: RateLagCheck): RiskFlag[] {
  if (check.status !== 'lagging') return [];
  const chain = L2_CHAINS[check.chainId].name;
  const stale = check.reasons.includes('stale');
  const below = check.reasons.includes('below-l1');
  const numbers: Record<string, string> = {};
  if (check.l2Rate !== null) numbers[`${chain} rate`] = formatAmount(check.l2Rate, 18, `ETH per ${check.symbol}`, { maxFractionDigits: 6 });
  if (check.l1Rate !== null)
    numbers['Ethereum fair rate'] = formatAmount(check.l1Rate, 18, `ETH per ${check.l1Symbol}`, { maxFractionDigits: 6 });
  if (check.shortfallWad !== null) numbers.shortfall = formatWadPercent(check.shortfallWad);
  if (check.ageSeconds !== null) numbers.age = formatAge(check.ageSeconds);
  numbers.thresholds = `${formatAge(check.thresholds.maxAgeSeconds)} / ${formatBps(check.thresholds.maxShortfallBps)}`;
  const title =
    stale && below
      ? `${check.symbol} on ${chain}: rate is stale and below Ethereum's`
      : stale
        ? `${check.symbol} on ${chain}: rate not updated for ${numbers.age}`
        : `${check.symbol} on ${chain}: rate ${numbers.shortfall} below Ethereum's`;
  return [
    {
      id: stale && below ? 'l2.rate-lag' : stale ? 'l2.rate-lag.stale' : 'l2.rate-lag.below-l1',
      severity: stale && below ? 'danger' : 'warn',
      title,
      numbers,
      why: `${chain} values ${check.symbol} with a copy of the Ethereum rate that has fallen behind. Lending markets and pools there may misprice it: a loan against it can be liquidated early, and selling it there can get less than its value on Ethereum.`,
      source: {
        contract: check.sources.l2.kind === 'l1-fair-rate' ? undefined : check.sources.l2.address,
        reference: `${check.sources.l2.description}; L1: ${check.sources.l1.description}`,
      },
    },
  ];
}
