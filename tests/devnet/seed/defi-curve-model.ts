/**
 * Off-chain model of a 2-coin StableSwap pool used to plan the one swap that puts the pool at a target
 * price (depeg / repeg scenarios). Exact integer roots of 2A(x+y) + D = 2A·D + D³/(4xy); the planned
 * swap is then executed on-chain and the pool's own get_dy is what callers report.
 */
const WAD = 10n ** 18n;
const FEE_DEN = 10n ** 10n;

export type CurveModel = { A: bigint; fee: bigint; rates: readonly [bigint, bigint]; balances: readonly [bigint, bigint] };

function solveD(A: bigint, x: bigint, y: bigint): bigint {
  const f = (d: bigint) => 4n * x * y * (2n * A * (x + y) + d - 2n * A * d) - d ** 3n;
  let lo = 0n;
  let hi = x + y;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (f(mid) >= 0n) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const next = (x + n / x) / 2n;
    if (next >= x) return x;
    x = next;
  }
}

function solveY(A: bigint, D: bigint, x: bigint): bigint {
  const a = 8n * A * x;
  const b = 8n * A * x * x + 4n * x * D - 8n * A * x * D;
  return (isqrt(b * b + 4n * a * D ** 3n) - b) / (2n * a);
}

const xpOf = (m: CurveModel): [bigint, bigint] => [(m.balances[0] * m.rates[0]) / WAD, (m.balances[1] * m.rates[1]) / WAD];

/** get_dy(i, 1 − i, dx) in coin units, fee on output. */
export function modelDy(m: CurveModel, i: 0 | 1, dx: bigint): bigint {
  const xp = xpOf(m);
  const j = 1 - i;
  const y = solveY(m.A, solveD(m.A, xp[0], xp[1]), xp[i] + (dx * m.rates[i]) / WAD);
  const dy = xp[j]! - y;
  return ((dy - (dy * m.fee) / FEE_DEN) * WAD) / m.rates[j]!;
}

export function modelSwap(m: CurveModel, i: 0 | 1, dx: bigint): CurveModel {
  const dy = modelDy(m, i, dx);
  const balances: [bigint, bigint] = i === 0 ? [m.balances[0] + dx, m.balances[1] - dy] : [m.balances[0] - dy, m.balances[1] + dx];
  return { ...m, balances };
}

/** Price of 1 coin1 in coin0, as get_dy(1, 0, 1e18) quotes it. */
export const modelSpot = (m: CurveModel) => modelDy(m, 1, WAD);

/**
 * Smallest swap of coin i (by bisection, to 1e-6 of the size) after which `done(state)` holds; `done` must
 * be monotone in the swap size. Returns 0n when it already holds; throws when even 1000× the pool won't do.
 */
export function planSwap(m: CurveModel, i: 0 | 1, done: (after: CurveModel) => boolean): bigint {
  if (done(m)) return 0n;
  let hi = m.balances[i] > 0n ? m.balances[i] / 64n + 1n : WAD;
  while (!done(modelSwap(m, i, hi))) {
    hi *= 2n;
    if (hi > m.balances[i] * 1000n + 1000n * WAD) throw new Error('Curve model: target price out of reach for this pool');
  }
  let lo = 0n;
  while (hi - lo > hi / 1_000_000n + 1n) {
    const mid = (lo + hi) / 2n;
    if (done(modelSwap(m, i, mid))) hi = mid;
    else lo = mid;
  }
  return hi;
}
