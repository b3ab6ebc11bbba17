import type { QueueIdsLink } from '../queue-ids/link';
import type { PositionReader } from './reader';
import { aaveReader } from './aave';
import { curveLpReader } from './curve';
import { eigenLayerReader } from './eigenlayer';
import { etherfiWithdrawalsReader } from './etherfi-withdrawals';
import { kelpWithdrawalsReader } from './kelp-withdrawals';
import { lidoWithdrawalsReader } from './lido-withdrawals';
import { lrtExposureReader } from './lrt-exposure';
import { mantleWithdrawalsReader } from './mantle-withdrawals';
import { mellowReader } from './mellow';
import { pendleReader } from './pendle';
import { pufferWithdrawalsReader } from './puffer-withdrawals';
import { renzoWithdrawalsReader } from './renzo-withdrawals';
import { symbioticReader } from './symbiotic';
import { tokenReader } from './tokens';

/**
 * Every family the tracker reads by default, in display order; the LRT exposure annotates the others last.
 * With a link, the ether.fi, Puffer and Mantle readers also look up the known request ids (issue #16).
 */
export function defaultReaders(queueIds?: Pick<QueueIdsLink, 'optionsFor'>): PositionReader[] {
  return [
    tokenReader(),
    eigenLayerReader(),
    lidoWithdrawalsReader(),
    etherfiWithdrawalsReader(queueIds?.optionsFor('etherfi')),
    kelpWithdrawalsReader(),
    renzoWithdrawalsReader(),
    pufferWithdrawalsReader(queueIds?.optionsFor('puffer')),
    mantleWithdrawalsReader(queueIds?.optionsFor('mantle')),
    symbioticReader(),
    mellowReader(),
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
  renzoWithdrawalsReader,
  mantleWithdrawalsReader,
  mellowReader,
  lrtExposureReader,
  pendleReader,
  symbioticReader,
  tokenReader,
};
export { impliedApy, PENDLE_TWAP_SECONDS } from './pendle';
export type { PositionReader, RateBook, ReaderContext } from './reader';
