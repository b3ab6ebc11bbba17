import type { Address } from 'viem';
import { CURVE } from '../../../lib/restaking/addresses';
import type { DevnetContext } from '../context';
import { acquireToken } from './acquire';
import { curveExchange, curveGetDy, curveNgAbi, curveStethAbi, isStethPool } from './defi-curve';
import { modelSpot, planSwap, type CurveModel } from './defi-curve-model';

const WAD = 10n ** 18n;
/** A depeg lands within 0.05 % of its target (in practice far closer: the plan is exact up to rounding). */
export const PEG_TOLERANCE_BPS = 5n;

/** Reads A, fee, rates and balances of a Curve double into the off-chain model. */
export async function readCurveModel(ctx: DevnetContext, pool: Address): Promise<CurveModel> {
  const abi = isStethPool(pool) ? curveStethAbi() : curveNgAbi();
  const read = (functionName: string, args: readonly unknown[] = []) =>
    ctx.client.readContract({ address: pool, abi, functionName, args }) as Promise<unknown>;
  const rates = isStethPool(pool) ? [WAD, WAD] : ((await read('stored_rates')) as bigint[]);
  return {
    A: (await read('A')) as bigint,
    fee: (await read('fee')) as bigint,
    rates: [rates[0]!, rates[1]!],
    balances: [(await read('balances', [0n])) as bigint, (await read('balances', [1n])) as bigint],
  };
}

const xp = (m: CurveModel, i: 0 | 1) => (m.balances[i] * m.rates[i]) / WAD;
const within = (a: bigint, b: bigint) => (a > b ? a - b : b - a) * 10_000n <= b * PEG_TOLERANCE_BPS;

/**
 * Swaps through `pool` from `from` until get_dy(1, 0, 1 token) is within 0.05 % of `spot` (or, with
 * `balanced`, until both sides are equal in ETH terms). The swap is planned on the off-chain invariant,
 * executed, and re-planned from on-chain state if it landed outside the tolerance (at most 4 rounds).
 * `from` pays with ETH (it must have plenty): tokens are bought through the protocols' deposit paths.
 */
export async function moveCurveSpot(
  ctx: DevnetContext,
  from: Address,
  pool: Address,
  token: 'stETH' | 'weETH',
  goal: { spot: bigint } | { balanced: true },
): Promise<void> {
  for (let round = 0; round < 4; round++) {
    const m = await readCurveModel(ctx, pool);
    let i: 0 | 1;
    let dx: bigint;
    if ('spot' in goal) {
      if (within(await curveGetDy(ctx, pool, 1n, 0n, WAD), goal.spot)) return;
      i = modelSpot(m) > goal.spot ? 1 : 0; // sell the token to push its price down, buy it to lift it
      dx = planSwap(m, i, (after) => (i === 1 ? modelSpot(after) <= goal.spot : modelSpot(after) >= goal.spot));
    } else {
      const gap = xp(m, 1) - xp(m, 0);
      if ((gap < 0n ? -gap : gap) * 10_000n <= xp(m, 0) * PEG_TOLERANCE_BPS) return;
      i = gap > 0n ? 0 : 1;
      dx = planSwap(m, i, (after) => xp(after, i) >= xp(after, (1 - i) as 0 | 1));
    }
    if (dx === 0n) return;
    await fundInput(ctx, from, pool, token, i, dx, m.rates[1]);
    await curveExchange(ctx, from, pool, BigInt(i), BigInt(1 - i), dx);
  }
  if ('spot' in goal && !within(await curveGetDy(ctx, pool, 1n, 0n, WAD), goal.spot)) {
    throw new Error(`Curve pool ${pool} did not reach get_dy(1,0,1e18) = ${goal.spot} within 0.05 %`);
  }
}

/** Makes sure `from` holds dx of coin i: native ETH needs nothing, WETH is wrapped, the token is minted via its protocol. */
async function fundInput(
  ctx: DevnetContext,
  from: Address,
  pool: Address,
  token: 'stETH' | 'weETH',
  i: 0 | 1,
  dx: bigint,
  tokenRate: bigint,
) {
  if (i === 0) {
    if (pool.toLowerCase() !== CURVE.stethPool.toLowerCase()) await acquireToken(ctx, 'WETH', from, dx);
    return;
  }
  // Deposit paths round against the depositor by a few wei of shares: spend a little more than dx is worth.
  const eth = (dx * tokenRate) / WAD;
  await acquireToken(ctx, token, from, eth + eth / 1_000_000n + 1_000_000n);
}
