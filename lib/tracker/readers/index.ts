import type { PositionReader } from './reader';
import { aaveReader } from './aave';
import { curveLpReader } from './curve';
import { eigenLayerReader } from './eigenlayer';
import { etherfiWithdrawalsReader } from './etherfi-withdrawals';
import { kelpWithdrawalsReader } from './kelp-withdrawals';
import { lidoWithdrawalsReader } from './lido-withdrawals';
import { lrtExposureReader } from './lrt-exposure';
import { pendleReader } from './pendle';
import { pufferWithdrawalsReader } from './puffer-withdrawals';
import { symbioticReader } from './symbiotic';
import { tokenReader } from './tokens';

/** Every family the tracker reads by default, in display order; the LRT exposure annotates the others last. */
export function defaultReaders(): PositionReader[] {
  return [
    tokenReader(),
    eigenLayerReader(),
    lidoWithdrawalsReader(),
    etherfiWithdrawalsReader(),
    kelpWithdrawalsReader(),
    pufferWithdrawalsReader(),
    symbioticReader(),
    aaveReader(),
    curveLpReader(),
    pendleReader(),
    lrtExposureReader(),
  ];
}
export {
  aaveReader,
  curveLpReader,
  eigenLayerReader,
  etherfiWithdrawalsReader,
  kelpWithdrawalsReader,
  lidoWithdrawalsReader,
  pufferWithdrawalsReader,
  lrtExposureReader,
  pendleReader,
  symbioticReader,
  tokenReader,
};
export { impliedApy, PENDLE_TWAP_SECONDS } from './pendle';
export type { PositionReader, RateBook, ReaderContext } from './reader';
