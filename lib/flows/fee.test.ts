import { describe, expect, it } from 'vitest';
import { FLOW_GAS_LIMIT_PERCENT, stepFeeOf, stepGasLimit } from './fee';
import type { FlowFee } from './types';

const FEE: FlowFee = {
  type: 'eip1559',
  maxFeePerGas: '3000000000',
  maxPriorityFeePerGas: '1000000000',
  gasLimits: ['150000', '60000'],
  exactGas: false,
};

describe('a flow step signed within the fee shown', () => {
  it('takes its share of the flow fee', () => {
    expect(stepFeeOf(FEE, 1)).toEqual({
      type: 'eip1559',
      maxFeePerGas: '3000000000',
      maxPriorityFeePerGas: '1000000000',
      gasLimit: 60_000n,
      exactGas: false,
    });
    expect(stepFeeOf(FEE, 2)).toBeUndefined();
    expect(stepFeeOf(undefined, 0)).toBeUndefined();
    expect(stepFeeOf({ ...FEE, nonces: [7, 8] }, 1)).toMatchObject({ nonce: 8 });
  });

  it('gas: the estimate + 20 % when it fits, the limit when only the estimate fits, a stop above it', () => {
    const step = stepFeeOf(FEE, 0)!; // limit 150,000
    expect(stepGasLimit(step, 100_000n, 120n)).toBe(120_000n);
    expect(stepGasLimit(step, 130_000n, 120n)).toBe(150_000n); // 156,000 wanted, 130,000 needed
    expect(() => stepGasLimit(step, 150_001n, 120n)).toThrow(expect.objectContaining({ code: 'flow.step.fee-above-max' }));
    expect(stepGasLimit({ ...step, exactGas: true }, 10_000n, 120n)).toBe(150_000n);
  });

  it('limits are the simulated gas + 50 %', () => {
    expect(FLOW_GAS_LIMIT_PERCENT).toBe(150n);
  });
});
