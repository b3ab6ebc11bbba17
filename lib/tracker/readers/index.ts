import type { PositionReader } from './reader';
import { eigenLayerReader } from './eigenlayer';
import { tokenReader } from './tokens';

/** Every family the tracker reads by default, in display order. */
export function defaultReaders(): PositionReader[] {
  return [tokenReader(), eigenLayerReader()];
}
export { eigenLayerReader, tokenReader };
export type { PositionReader, RateBook, ReaderContext } from './reader';
