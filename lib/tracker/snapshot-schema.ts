import { z } from 'zod';
import type { TrackerSnapshot } from './types';

/** bigint ⇄ decimal string: chrome.storage holds JSON, and amounts must survive exactly. */
export const bigintString = z.codec(z.string().regex(/^-?\d+$/), z.bigint(), {
  decode: (s) => BigInt(s),
  encode: (b) => b.toString(),
});
const address = z.custom<`0x${string}`>((v) => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v));
const nullableBig = bigintString.nullable();
const networkAtRisk = z.object({ network: address, vault: address, atRiskEth: bigintString });

const position = z.object({
  id: z.string(),
  family: z.enum([
    'token',
    'eigenlayer',
    'eigenlayer-queued',
    'lido-withdrawal',
    'etherfi-withdrawal',
    'kelp-withdrawal',
    'renzo-withdrawal',
    'puffer-withdrawal',
    'mantle-withdrawal',
    'symbiotic',
    'mellow-lrt',
    'aave',
    'curve-lp',
    'pendle-pt',
  ]),
  account: address,
  asset: z.string(),
  status: z.enum(['ok', 'failed']),
  error: z.string().optional(),
  amount: bigintString,
  fairValueEth: nullableBig,
  marketValueEth: nullableBig,
  depegWad: nullableBig,
  marketSource: z.string().optional(),
  slashing: z
    .object({
      worstCaseEth: bigintString,
      perSet: z.array(z.object({ avs: address, id: z.number(), magnitude: bigintString, atRiskEth: bigintString })).optional(),
      operator: address.optional(),
      perOperator: z.array(z.object({ operator: address, restakedEth: bigintString })).optional(),
      perNetwork: z.array(networkAtRisk).optional(),
      method: z.enum(['eigenlayer-magnitudes', 'lrt-share', 'symbiotic-slashable', 'mellow-share']),
    })
    .optional(),
  il: z
    .object({
      ilWad: bigintString,
      lpValueEth: bigintString,
      hodlValueEth: bigintString,
      basis: z.enum(['balanced-entry-at-peg', 'recorded-entry']),
      underlying: z.array(z.object({ asset: z.string(), amount: bigintString })),
    })
    .optional(),
  details: z.record(z.string(), z.string()),
  sources: z.array(z.object({ contract: address, call: z.string() })),
});

const tokenMarket = z.object({
  symbol: z.string(),
  fairRate: nullableBig,
  marketRate: nullableBig,
  depegWad: nullableBig,
  marketSource: z.string().optional(),
  error: z.string().optional(),
  lookThrough: z
    .discriminatedUnion('status', [
      z.object({
        status: z.literal('known'),
        supply: bigintString,
        restakedEth: bigintString,
        byOperator: z.array(z.object({ operator: address, restakedEth: bigintString })),
        bySet: z.array(z.object({ avs: address, id: z.number(), atRiskEth: bigintString })),
        byNetwork: z.array(networkAtRisk).optional(),
      }),
      z.object({ status: z.literal('unknown'), reason: z.string() }),
    ])
    .optional(),
});

/** A stored RiskFlag (the rate-lag flag of an L2 token): numbers already formatted, source to re-check it. */
const riskFlag = z.object({
  id: z.string(),
  severity: z.enum(['info', 'warn', 'danger']),
  title: z.string(),
  numbers: z.record(z.string(), z.string()),
  why: z.string(),
  source: z
    .object({
      contract: address.optional(),
      block: z.union([bigintString, z.string()]).optional(),
      method: z.string().optional(),
      reference: z.string().optional(),
    })
    .optional(),
});

/** lib/tracker/l2-aave.ts's ChainAave. */
const chainAave = z.object({
  status: z.enum(['ok', 'failed']),
  error: z.string().optional(),
  pool: address,
  positions: z.array(
    z.object({
      account: address,
      status: z.enum(['ok', 'failed']),
      error: z.string().optional(),
      healthFactorWad: nullableBig,
      totalCollateralBase: nullableBig,
      totalDebtBase: nullableBig,
      debtEth: nullableBig,
      eModeId: z.number().nullable(),
      collaterals: z.array(
        z.object({
          symbol: z.string(),
          aToken: address,
          amount: bigintString,
          valueEth: nullableBig,
          liquidation: z.record(z.string(), z.string()),
        }),
      ),
    }),
  ),
});

const chainBreakdown = z.object({
  chainId: z.number(),
  name: z.string().optional(),
  status: z.enum(['ok', 'failed', 'not-read']),
  error: z.string().optional(),
  blockNumber: nullableBig,
  requestCount: z.number(),
  totalEth: bigintString,
  holdings: z.array(
    z.object({
      account: address,
      symbol: z.string(),
      l1Symbol: z.string(),
      token: address,
      amount: bigintString,
      rate: nullableBig,
      valueEth: nullableBig,
      marketValueEth: nullableBig.optional(),
      marketQuotedSize: bigintString.optional(),
      marketBeyondQuotes: z.boolean().optional(),
    }),
  ),
  rateLags: z.array(
    z.object({
      symbol: z.string(),
      status: z.enum(['ok', 'lagging', 'unknown']),
      reasons: z.array(z.enum(['stale', 'below-l1'])),
      l2Rate: nullableBig,
      l1Rate: nullableBig,
      shortfallWad: nullableBig,
      ageSeconds: nullableBig,
      source: address.optional(),
      flag: riskFlag.optional(),
    }),
  ),
  aave: chainAave.optional(),
  depegs: z
    .array(
      z.object({
        symbol: z.string(),
        status: z.enum(['ok', 'not-checked']),
        marketRate: nullableBig,
        fairRate: nullableBig,
        fairSource: z.enum(['l1-fair-rate', 'l2-rate-source']).nullable(),
        depegWad: nullableBig,
        marketSource: z.string().optional(),
        pool: address.optional(),
        reference: z.string().optional(),
        error: z.string().optional(),
        flag: riskFlag.optional(),
      }),
    )
    .optional(),
});

export const snapshotSchema = z.object({
  chainId: z.number(),
  blockNumber: bigintString,
  blockTimestamp: bigintString,
  takenAt: z.number(),
  requestCount: z.number(),
  source: z.string().optional(),
  accounts: z.array(address),
  tokens: z.array(tokenMarket),
  positions: z.array(position),
  chains: z.array(chainBreakdown).optional(),
});

export type StoredSnapshot = z.input<typeof snapshotSchema>;

export const encodeSnapshot = (s: TrackerSnapshot): StoredSnapshot => z.encode(snapshotSchema, s);
/** Null when the stored value does not match the schema (a corrupt or foreign value is dropped, not trusted). */
export function decodeSnapshot(stored: unknown): TrackerSnapshot | null {
  const parsed = snapshotSchema.safeParse(stored);
  return parsed.success ? (parsed.data as TrackerSnapshot) : null;
}
