import { describe, expect, it } from 'vitest';
import { callsStatusOf, planFromCalls } from './calls';
import type { FlowState, StepState } from './types';

const FROM = '0x00000000000000000000000000000000000000a1';
const TO = '0x00000000000000000000000000000000000000b2';

function flowOf(status: FlowState['status'], steps: StepState['status'][]): FlowState {
  const plan = planFromCalls({ from: FROM, chainId: 1, calls: steps.map(() => ({ to: TO, value: 1n })), title: 't', now: 0 });
  return { version: 1, id: 'f', plan, status, steps: steps.map((s) => ({ status: s })), createdAt: 0, updatedAt: 0 };
}
const ok = { status: 'success' as const };
const bad = { status: 'reverted' as const };

// EIP-5792 v2.0.0 status table: 1xx pending, 200 confirmed, 400 offchain failure, 500 complete revert, 600 partial revert.
describe('callsStatusOf', () => {
  it('a running or planned batch is pending (100) until every call has a successful receipt', () => {
    expect(callsStatusOf(flowOf('running', ['mined', 'sent']), [ok, undefined])).toBe(100);
    expect(callsStatusOf(flowOf('running', ['mined', 'sent']), [ok, ok])).toBe(200);
    expect(callsStatusOf(flowOf('planned', ['planned']), [undefined])).toBe(100);
  });
  it('done with every receipt successful is 200; a receipt not yet readable keeps it pending', () => {
    expect(callsStatusOf(flowOf('done', ['mined', 'mined']), [ok, ok])).toBe(200);
    expect(callsStatusOf(flowOf('done', ['mined', 'mined']), [ok, undefined])).toBe(100);
  });
  it('stopped before anything reached the chain is 400; the first call reverting on-chain is 500', () => {
    expect(callsStatusOf(flowOf('failed', ['failed', 'planned']), [undefined, undefined])).toBe(400);
    expect(callsStatusOf(flowOf('failed', ['failed', 'planned']), [bad, undefined])).toBe(500);
  });
  it('some calls confirmed, then a stop or a revert, is a partial failure (600)', () => {
    expect(callsStatusOf(flowOf('failed', ['mined', 'failed']), [ok, undefined])).toBe(600);
    expect(callsStatusOf(flowOf('failed', ['mined', 'failed']), [ok, bad])).toBe(600);
  });
  it('plans each call as a call step sent as the dApp wrote it', () => {
    const plan = planFromCalls({ from: FROM, chainId: 1, calls: [{ to: TO, data: '0x1234', value: 5n }], title: 't', now: 0 });
    expect(plan.recipeId).toBe('wallet_sendCalls');
    expect(plan.steps[0]).toMatchObject({
      spec: { kind: 'call', to: TO, data: '0x1234', value: '5' },
      tx: { from: FROM, to: TO, data: '0x1234', value: '5' },
    });
  });
});
