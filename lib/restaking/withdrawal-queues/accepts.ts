import { AppError } from '../../errors';
import type { RestakingSymbol } from '../types';
import type { WithdrawalQueue } from './types';

/** Throws `queue.token.not-accepted` when the queue does not take this token. */
export function assertAccepted(queue: Pick<WithdrawalQueue, 'name' | 'accepts'>, symbol: RestakingSymbol): void {
  if (!queue.accepts.includes(symbol))
    throw new AppError(`${queue.name} does not take ${symbol}`, {
      details: `It takes ${queue.accepts.join(', ')}.`,
      code: 'queue.token.not-accepted',
    });
}
