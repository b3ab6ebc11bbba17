import { decodeFunctionResult, encodeFunctionData, hexToBigInt, numberToHex, type Abi, type Address, type Client, type Hex } from 'viem';
import { erc20Abi, multicall3Abi } from '../chain/abis';
import { AppError } from '../errors';
import { buildPreview, decodeRevert } from '../preview';
import { readFeeMarket } from '../preview/fee-quote';
import { MULTICALL3 } from '../restaking';
import type { FlowTx } from './types';

/** A view call placed in the simulated block after step `after` (-1: before the first step). */
export type FlowProbe = { key: string; after: number; address: Address; abi: Abi; functionName: string; args: readonly unknown[] };

export type SimulatedStep = { status: 'ok' | 'reverted'; gasUsed: bigint; reason?: string };

export type SimulateFlowReturnType = {
  steps: SimulatedStep[];
  /** Decoded probe results by key; a probe that reverted is absent. */
  probes: Map<string, unknown>;
  firstReverted?: number;
};

type SimCallResult = { status: Hex; gasUsed: Hex; returnData?: Hex; error?: { message?: string; data?: Hex } };

export const balanceProbe = (key: string, after: number, token: Address | 'ETH', owner: Address): FlowProbe =>
  token === 'ETH'
    ? { key, after, address: MULTICALL3, abi: multicall3Abi, functionName: 'getEthBalance', args: [owner] }
    : { key, after, address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] };

/**
 * Runs the flow's transactions in order in ONE eth_simulateV1 block, with read-only probes between
 * them, so step n sees step n-1's output and the probes see the balances in between. No signature,
 * no fees (validation off): the point is what each step does, not whether the account can pay gas.
 */
export async function simulateFlow(
  client: Client,
  from: Address,
  txs: readonly FlowTx[],
  probes: readonly FlowProbe[] = [],
): Promise<SimulateFlowReturnType> {
  type Slot = { kind: 'step'; index: number } | { kind: 'probe'; probe: FlowProbe };
  const slots: Slot[] = [];
  const calls: Record<string, Hex>[] = [];
  const addProbes = (after: number) => {
    for (const probe of probes.filter((p) => p.after === after)) {
      slots.push({ kind: 'probe', probe });
      calls.push({
        from,
        to: probe.address,
        data: encodeFunctionData({ abi: probe.abi, functionName: probe.functionName, args: probe.args } as never),
      });
    }
  };
  addProbes(-1);
  txs.forEach((tx, index) => {
    slots.push({ kind: 'step', index });
    calls.push({ from, to: tx.to, data: tx.data, ...(BigInt(tx.value) > 0n ? { value: numberToHex(BigInt(tx.value)) } : {}) });
    addProbes(index);
  });

  let results: SimCallResult[];
  try {
    const blocks = (await client.request({
      method: 'eth_simulateV1',
      params: [{ blockStateCalls: [{ calls }], validation: false }, 'latest'],
    } as never)) as { calls: SimCallResult[] }[];
    results = blocks[0]?.calls ?? [];
  } catch (error) {
    throw new AppError('Could not simulate the flow', {
      code: 'flow.simulation.unavailable',
      cause: error,
      details:
        'The node did not run eth_simulateV1. Nothing was sent. Use an RPC that supports eth_simulateV1 (Settings → Networks) and retry.',
    });
  }

  const steps: SimulatedStep[] = [];
  const probeValues = new Map<string, unknown>();
  slots.forEach((slot, i) => {
    const r = results[i];
    if (!r) return;
    const ok = hexToBigInt(r.status) === 1n;
    if (slot.kind === 'step') {
      steps[slot.index] = {
        status: ok ? 'ok' : 'reverted',
        gasUsed: hexToBigInt(r.gasUsed),
        ...(ok ? {} : { reason: decodeRevert(r.error?.data ?? r.returnData) ?? r.error?.message ?? 'reverted without a reason' }),
      };
    } else if (ok && r.returnData) {
      const { probe } = slot;
      probeValues.set(probe.key, decodeFunctionResult({ abi: probe.abi, functionName: probe.functionName, data: r.returnData } as never));
    }
  });
  const firstReverted = steps.findIndex((s) => s?.status === 'reverted');
  return { steps, probes: probeValues, ...(firstReverted >= 0 ? { firstReverted } : {}) };
}

/**
 * What a whole-flow preview (a recipe or an unwind) reads at once, in the same round trip: the step by
 * step simulation, the risk analysis of the whole batch (skipped when `riskRules` is off) and the fee
 * market the flow's fee is shown from (undefined when it could not be read).
 */
export function readWholeFlow(
  deps: { client: Client; chainId: number; now(): number },
  { from, txs, probes, riskRules }: { from: Address; txs: readonly FlowTx[]; probes: FlowProbe[]; riskRules: boolean },
) {
  return Promise.all([
    simulateFlow(deps.client, from, txs, probes),
    riskRules
      ? buildPreview(
          { client: deps.client, chainId: deps.chainId, now: deps.now },
          { kind: 'batch', from, calls: txs.map((t) => ({ from, to: t.to, data: t.data, value: BigInt(t.value) })) },
        )
      : undefined,
    readFeeMarket(deps.client, deps.chainId).catch(() => undefined),
  ] as const);
}
