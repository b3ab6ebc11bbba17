/**
 * Test-only StableSwap reference (2 coins): exact integer roots of the invariant as Curve's code
 * writes it, 2A(x+y) + D = 2A·D + D³/(4xy) (reference §5c; A = pool.A()), with no Newton iterations.
 * Tests check the pools and the wallet's quotes against it. It is deliberately separate from the
 * seed's model (tests/devnet/seed/defi-curve-model.ts): a test must not agree with the seed by
 * sharing its code.
 */

/** Largest integer D with f(D) = 4xy·(2A(x+y) + D − 2A·D) − D³ ≥ 0 (f is strictly decreasing on [0, x+y]). */
export function solveD(A: bigint, x: bigint, y: bigint): bigint {
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

/** ⌊√n⌋ for bigints. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton from above: start at a power of two ≥ √n, then decrease monotonically to ⌊√n⌋.
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const next = (x + n / x) / 2n;
    if (next >= x) return x;
    x = next;
  }
}

/** y with the other balance x fixed at invariant D: the positive root (floor) of 8Ax·y² + (8Ax² + 4xD − 8AxD)·y − D³ = 0. */
export function solveY(A: bigint, D: bigint, x: bigint): bigint {
  const a = 8n * A * x;
  const b = 8n * A * x * x + 4n * x * D - 8n * A * x * D;
  return (isqrt(b * b + 4n * a * D ** 3n) - b) / (2n * a);
}
