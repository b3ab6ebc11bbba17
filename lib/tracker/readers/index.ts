import type { PositionReader } from './reader';
import { tokenReader } from './tokens';

/** Every family the tracker reads by default, in display order. */
export function defaultReaders(): PositionReader[] {
  return [tokenReader()];
}
export { tokenReader };
export type { PositionReader, RateBook, ReaderContext } from './reader';
