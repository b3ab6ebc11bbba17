import type { Devnet } from '../devnet/devnet';
import type { Ballast } from '../e2e/harness';

/** What every benchmark part gets: one devnet and one Ballast (onboarded, pointed at the devnet). */
export type BenchContext = {
  devnet: Devnet;
  ballast: Ballast;
  /** Password of the onboarded vault. */
  password: string;
  /** Root of the repository (for reading .output). */
  root: string;
};

/** One benchmark part: measures something and returns the keys it owns in bench/results.json. */
export type BenchPart = {
  name: string;
  /** Parts that only read build output say so, and run without a browser. */
  needsBrowser: boolean;
  run(ctx: BenchContext): Promise<Record<string, number>>;
};

export const median = (values: number[]): number => {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const RUNS = 7;
