import { describe, expect, it } from 'vitest';
import { ERROR_CODES, FLOW_ERROR_CODES } from '../errors';
import { stakeFieldOfError } from './stake-field-of-error';

describe('stakeFieldOfError', () => {
  it('puts what the user typed under its field', () => {
    expect(stakeFieldOfError('flow.amount.above-balance')).toBe('amount');
    expect(stakeFieldOfError('flow.amount.unresolved')).toBe('amount');
    expect(stakeFieldOfError('flow.slippage.range')).toBe('slippage');
    expect(stakeFieldOfError('flow.operator.not-registered')).toBe('operator');
    expect(stakeFieldOfError('flow.operator.already-delegated')).toBe('operator');
  });

  it('puts everything else above the form', () => {
    expect(stakeFieldOfError(undefined)).toBeUndefined();
    expect(stakeFieldOfError('flow.simulation.reverted')).toBeUndefined();
    expect(stakeFieldOfError('flow.wallet.locked')).toBeUndefined();
    expect(stakeFieldOfError('rpc.none')).toBeUndefined();
    expect(stakeFieldOfError('wallet.locked')).toBeUndefined();
  });

  it('gives a field exactly to the amount, slippage and operator codes (the rule the form used before the catalogue)', () => {
    const expected = (code: string) =>
      code.startsWith('flow.amount.')
        ? 'amount'
        : code.startsWith('flow.slippage.')
          ? 'slippage'
          : code.startsWith('flow.operator.')
            ? 'operator'
            : undefined;
    for (const code of ERROR_CODES) expect(stakeFieldOfError(code), code).toBe(expected(code));
    expect(FLOW_ERROR_CODES.length).toBeGreaterThan(20);
  });
});
