import { describe, expect, it } from 'vitest';
import { parseEther, zeroAddress } from 'viem';
import { AppError } from '../errors';
import type { RiskFlag } from '../risk';
import { failureOptions } from './failure';
import { attributeFlags, healthFactorFlag } from './flags';
import { applySlippage, resolveAmount } from './resolve';
import { createItemFlowStore, createMemoryFlowStore } from './store';
import type { FlowState, StepSpec } from './types';
import { validateAmount, validateOperatorAddress, validateSlippageBps } from './validate';

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'accepted';
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
};

describe('validateAmount', () => {
  const balance = parseEther('2');
  it('parses decimals exactly (viem parseEther as the reference)', () => {
    for (const text of ['1', '1.5', '.25', '0.000000000000000001', ' 2 ', '2.000000000000000000'])
      expect(validateAmount({ text, balance })).toBe(parseEther(text.trim()));
  });
  it('refuses what cannot be sent, each with its own code', () => {
    expect(codeOf(() => validateAmount({ text: '2.000000000000000001', balance }))).toBe('flow.amount.above-balance');
    expect(codeOf(() => validateAmount({ text: '0', balance }))).toBe('flow.amount.zero');
    expect(codeOf(() => validateAmount({ text: '0.1234567', balance, decimals: 6, symbol: 'USDC' }))).toBe('flow.amount.too-many-decimals');
    for (const text of ['', '.', 'abc', '1e18', '-1', '1.2.3', '0x10', '1,5'])
      expect(codeOf(() => validateAmount({ text, balance }))).toBe('flow.amount.not-a-number');
  });
  it('slippage and operator address forms', () => {
    expect(validateSlippageBps(50)).toBe(50);
    expect(codeOf(() => validateSlippageBps(0))).toBe('flow.slippage.range');
    expect(codeOf(() => validateSlippageBps(5001))).toBe('flow.slippage.range');
    expect(codeOf(() => validateOperatorAddress('0x123'))).toBe('flow.operator.not-address');
    expect(validateOperatorAddress('0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc')).toBe('0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc');
  });
});

describe('amounts', () => {
  it('minimum = quote × (1 − slippage), rounded down', () => {
    expect(applySlippage(1000n, 50)).toBe(995n);
    expect(applySlippage(1999n, 50)).toBe(1989n); // 1989.005 floors
  });
  it('resolves input, earlier outputs and fixed amounts; an unmeasured output is an error', () => {
    expect(resolveAmount({ from: 'input' }, 7n, [])).toBe(7n);
    expect(resolveAmount({ from: 'step', step: 1 }, 7n, [1n, 5n])).toBe(5n);
    expect(resolveAmount({ from: 'fixed', wei: '9' }, 7n, [])).toBe(9n);
    expect(() => resolveAmount({ from: 'step', step: 2 }, 7n, [1n])).toThrow(AppError);
  });
});

describe('flags per step', () => {
  const flag = (id: string): RiskFlag => ({ id, severity: 'warn', title: id, numbers: {}, why: '' });
  const specs: StepSpec[] = [
    { kind: 'stake', symbol: 'stETH', amount: { from: 'input' } },
    { kind: 'approve', token: zeroAddress, symbol: 'stETH', spender: zeroAddress, spenderLabel: 'x', amount: { from: 'step', step: 0 } },
    { kind: 'eigen-deposit', strategy: zeroAddress, token: zeroAddress, symbol: 'stETH', amount: { from: 'step', step: 0 } },
    { kind: 'eigen-delegate', operator: zeroAddress },
  ];
  it('depeg to the mint, exposure to the delegation, unknown families to the flow', () => {
    const { perStep, flow } = attributeFlags(
      [flag('depeg.discount'), flag('eigen.slashable'), flag('approval.unlimited'), flag('preview.unchecked.code')],
      specs,
    );
    expect(perStep.map((f) => f.map((x) => x.id))).toEqual([['depeg.discount'], ['approval.unlimited'], [], ['eigen.slashable']]);
    expect(flow.map((f) => f.id)).toEqual(['preview.unchecked.code']);
  });
  it('health factor: infinite without debt, danger under 1.1', () => {
    expect(healthFactorFlag(2n ** 256n - 1n).numbers.healthFactor).toBe('∞');
    expect(healthFactorFlag(parseEther('1.05')).severity).toBe('danger');
    expect(healthFactorFlag(parseEther('1.3')).severity).toBe('warn');
    expect(healthFactorFlag(parseEther('2')).severity).toBe('info');
  });
});

const state = (statuses: FlowState['steps'][number]['status'][], specs: StepSpec[]): FlowState => ({
  version: 1,
  id: 'f1',
  status: 'failed',
  createdAt: 0,
  updatedAt: 0,
  plan: {
    recipeId: 'x',
    title: 'x',
    from: zeroAddress,
    chainId: 1,
    inputWei: '1',
    slippageBps: 50,
    createdAt: 0,
    steps: specs.map((spec, index) => ({
      index,
      spec,
      label: `s${index}`,
      tx: { from: zeroAddress, to: zeroAddress, data: '0x', value: '0' },
      amountIn: '1',
    })),
  },
  steps: statuses.map((status) => ({ status, actualOut: '42' })),
});

describe('failure options', () => {
  it('retry first; unwrap and revoke what finished steps left, newest first', () => {
    const specs: StepSpec[] = [
      { kind: 'stake', symbol: 'eETH', amount: { from: 'input' } },
      {
        kind: 'approve',
        token: zeroAddress,
        symbol: 'eETH',
        spender: zeroAddress,
        spenderLabel: 'weETH',
        amount: { from: 'step', step: 0 },
      },
      { kind: 'wrap', wrapper: 'weETH', amount: { from: 'step', step: 0 } },
      { kind: 'curve-add', pool: zeroAddress, label: 'c', coinIndex: 1, dynamicArray: true, amount: { from: 'step', step: 2 } },
    ];
    const options = failureOptions(state(['mined', 'mined', 'mined', 'failed'], specs), 3);
    expect(options[0]).toEqual({ kind: 'retry', step: 3, label: 'Retry step 4: s3' });
    expect(options[1]).toMatchObject({
      kind: 'unwind',
      steps: [
        { kind: 'unwrap', wrapper: 'weETH', amount: { from: 'fixed', wei: '42' } },
        { kind: 'approve', amount: { from: 'fixed', wei: '0' } },
      ],
    });
  });
});

describe('stores', () => {
  it('memory store returns copies', async () => {
    const store = createMemoryFlowStore();
    const s = state(['planned'], [{ kind: 'eigen-delegate', operator: zeroAddress }]);
    await store.put(s);
    s.status = 'done';
    expect((await store.get('f1'))?.status).toBe('failed');
    await store.remove('f1');
    expect(await store.list()).toEqual([]);
  });
  it('item store serialises concurrent writes (no lost update)', async () => {
    let value: Record<string, FlowState> = {};
    const item = { getValue: async () => value, setValue: async (v: Record<string, FlowState>) => void (value = v) };
    const store = createItemFlowStore(item);
    const a = { ...state(['planned'], []), id: 'a' };
    const b = { ...state(['planned'], []), id: 'b' };
    await Promise.all([store.put(a), store.put(b)]);
    expect(Object.keys(value).sort()).toEqual(['a', 'b']);
  });
});
