import { AppError } from '../errors';

/**
 * Impermanent loss of a 50/50 constant-product (Uniswap v2) position when the price ratio moves by r:
 * IL = 2√r / (1 + r) − 1 (fees and yield ignored). Negative numbers are losses; IL(r) = IL(1/r).
 * Float maths: |error| < 1e-15, plenty for a ratio shown to 4 decimals.
 */
export function ilConstantProduct(r: number): number {
  if (!(r > 0) || !Number.isFinite(r))
    throw new AppError('Price ratio must be a positive number', { details: `Got ${r}; pass new price ÷ entry price.` });
  return (2 * Math.sqrt(r)) / (1 + r) - 1;
}
