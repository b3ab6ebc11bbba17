import { formatAmountExact, formatHealthFactor } from '../format';
import type { RiskFlag } from '../risk';
import type { StepKind, StepSpec } from './types';

/** Which step kinds a lib/preview flag belongs to, by the flag id's family. */
const FLAG_FAMILIES: { prefix: string; kinds: readonly StepKind[] }[] = [
  { prefix: 'depeg.', kinds: ['stake', 'wrap'] },
  { prefix: 'deposit.', kinds: ['stake'] },
  { prefix: 'exit.', kinds: ['stake', 'wrap'] },
  { prefix: 'protocol.', kinds: ['stake'] },
  { prefix: 'eigen.', kinds: ['eigen-delegate', 'eigen-deposit'] },
  { prefix: 'curve.', kinds: ['curve-add'] },
  { prefix: 'approval.', kinds: ['approve'] },
];

/**
 * Splits the whole-batch preview's flags over the steps they are about: a depeg flag goes to the
 * step that mints the token, an exposure flag to the delegation, an IL flag to the LP step. Flags
 * with no family (e.g. "could not check") stay with the flow.
 */
export function attributeFlags(
  flags: readonly RiskFlag[],
  specs: readonly StepSpec[],
  revertedStep?: number,
): { perStep: RiskFlag[][]; flow: RiskFlag[] } {
  const perStep: RiskFlag[][] = specs.map(() => []);
  const flow: RiskFlag[] = [];
  for (const flag of flags) {
    // The flow reads the Aave account after its last step itself (aave.health-factor, aave.liquidation-distance).
    if (flag.id === 'aave.health-after') continue;
    if (flag.id === 'simulation.reverted' && revertedStep !== undefined) {
      perStep[revertedStep]?.push(flag);
      continue;
    }
    const family = FLAG_FAMILIES.find((f) => flag.id.startsWith(f.prefix));
    const index = family
      ? Math.max(
          -1,
          ...family.kinds
            .map((kind) => specs.findIndex((s) => s.kind === kind))
            .filter((i) => i >= 0)
            .slice(0, 1),
        )
      : -1;
    if (index >= 0) perStep[index]?.push(flag);
    else flow.push(flag);
  }
  return { perStep, flow };
}

const WAD = 10n ** 18n;
const NO_DEBT = 2n ** 255n;

/** Aave's health factor after the supply: infinite without debt; under 1 the position is liquidatable. */
export function healthFactorFlag(healthFactor: bigint): RiskFlag {
  if (healthFactor >= NO_DEBT) {
    return {
      id: 'aave.health-factor',
      severity: 'info',
      title: 'No debt: health factor stays infinite',
      numbers: { healthFactor: '∞' },
      why: 'Supplying alone cannot be liquidated. Borrowing against it later lowers the health factor; below 1 the position is liquidated.',
    };
  }
  const shown = formatHealthFactor(healthFactor);
  const severity = healthFactor < (WAD * 11n) / 10n ? 'danger' : healthFactor < (WAD * 15n) / 10n ? 'warn' : 'info';
  return {
    id: 'aave.health-factor',
    severity,
    title: `Health factor after supply: ${shown}`,
    numbers: { healthFactor: shown },
    why: 'Below 1 the position is liquidated. A depeg of the collateral lowers it; keep a margin.',
  };
}

/** A mint without an on-chain minimum: Ballast checks it before sending and after mining instead. */
export function walletMinOutFlag(symbol: string, minOut: bigint, source: string): RiskFlag {
  return {
    id: 'flow.min-out.wallet',
    severity: 'info',
    title: `Minimum ${symbol} checked by Ballast, not by the contract`,
    numbers: { minimum: `${formatAmountExact(minOut)} ${symbol}`, quote: source },
    why: 'This deposit has no minimum-out parameter. Ballast re-reads the quote right before sending and stops the flow if it fell below the minimum.',
  };
}
