import { isAddress, type Address } from 'viem';
import { bridgeLineFor, l2Chain, type BridgeLine } from '../../restaking/l2';
import type { RiskFlag } from '../../risk';
import { emptyOutput, type Rule } from './context';

/** The bridge line as a preview flag: info, what holds the backing and on which chain, the registry's source. */
export function bridgeFlag(line: BridgeLine): RiskFlag {
  return {
    id: 'l2.bridge',
    severity: 'info',
    title: line.holder ? `${line.symbol}: backing held on Ethereum` : `${line.symbol}: backing holder not known`,
    numbers: {
      'held by': line.holder ?? 'not known (no public source)',
      'on chain': line.holder ? 'Ethereum (chain id 1)' : 'n/a',
      bridge: line.bridge,
    },
    why: `${line.text} If that contract or the bridge fails, the ${line.symbol} here loses its claim on the token on Ethereum.`,
    source: { ...(line.holder ? { contract: line.holder } : {}), reference: line.source },
  };
}

const addressesIn = (value: unknown): string[] =>
  typeof value === 'string' && isAddress(value, { strict: false })
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(addressesIn)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(addressesIn)
        : [];

/**
 * Issue #18 item 4: a request on an L2 that touches a bridged LST/LRT of the registry (the call's target, an address
 * argument, or a token the simulation moves) gets the token's bridge line, once per token.
 */
export const bridgeRule: Rule = async (ctx) => {
  const out = emptyOutput();
  if (!l2Chain(ctx.chainId)) return out;
  const direct = ctx.calls.flatMap((c) => [...(c.call.to ? [c.call.to] : []), ...addressesIn(c.rawArgs)]);
  const sim = await ctx.simulation.catch(() => undefined);
  const moved = [...(sim?.deltas?.keys() ?? [])].filter((k) => k !== 'ETH');
  const seen = new Set<string>();
  for (const a of [...direct, ...moved]) {
    const line = bridgeLineFor(ctx.chainId, { address: a as Address });
    if (!line || seen.has(line.symbol)) continue;
    seen.add(line.symbol);
    out.flags.push(bridgeFlag(line));
    out.checked.push(`bridge of ${line.symbol}: registry backing entry`);
  }
  return out;
};
