import { BaseError, decodeErrorResult, hexToBigInt, numberToHex, type Abi, type Address, type Client, type Hex } from 'viem';
import { call, estimateGas } from 'viem/actions';
import { DECODE_ABIS } from './decode-families';
import type { CallOutcome, PreviewCall, PreviewSimulation } from './types';

export type SimulatedLog = { address: Address; topics: readonly Hex[]; data: Hex; callIndex: number };

export type SimulateReturnType = {
  simulation: PreviewSimulation;
  /** Every log of every call (ERC-20 Transfers and, with traceTransfers, ETH moves from 0xEeee…); undefined without a trace. */
  logs?: SimulatedLog[];
  checked: string[];
  notChecked: string[];
};

type SimCallResult = {
  status: Hex;
  gasUsed: Hex;
  returnData?: Hex;
  logs?: { address: Address; topics: Hex[]; data: Hex }[];
  error?: { message?: string; data?: Hex };
};

const ALL_ERRORS: Abi = DECODE_ABIS.flatMap(({ abi }) => abi.filter((item) => item.type === 'error'));

/** Decodes revert data with the known ABIs (Error(string), Panic, custom errors); undefined when it cannot. */
export function decodeRevert(data: Hex | undefined): string | undefined {
  if (!data || data === '0x') return undefined;
  try {
    const decoded = decodeErrorResult({ abi: ALL_ERRORS, data });
    if (decoded.errorName === 'Error') return String(decoded.args?.[0]);
    if (decoded.errorName === 'Panic') return `panic ${String(decoded.args?.[0])}`;
    return `${decoded.errorName}(${(decoded.args ?? []).map(String).join(', ')})`;
  } catch {
    return `custom error ${data.slice(0, 10)}`;
  }
}

function errorCode(error: unknown): number | undefined {
  if (error instanceof BaseError) {
    const found = error.walk((e) => typeof (e as { code?: unknown }).code === 'number') as { code?: number } | null;
    return found?.code;
  }
  return (error as { code?: number } | undefined)?.code;
}

/** Why a call failed, in one line: decoded revert data where there is some, else the node's message. */
export function reasonOf(error: unknown): string {
  if (error instanceof BaseError) {
    const withData = error.walk((e) => typeof (e as { data?: unknown }).data === 'string') as { data?: Hex } | null;
    const decoded = decodeRevert(withData?.data);
    if (decoded) return decoded;
    return (error.shortMessage || error.message).split('\n')[0] ?? 'unknown error';
  }
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : String(error);
}

const rpcCall = (from: Address, c: PreviewCall) => ({
  from: c.from ?? from,
  to: c.to,
  data: c.data ?? '0x',
  ...(c.value ? { value: numberToHex(c.value) } : {}),
  ...(c.gas ? { gas: numberToHex(c.gas) } : {}),
});

/** A revert carries revert data or says "revert"; anything else (HTTP, timeout, rate limit) is a node failure. */
function isRevert(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  const withData = error.walk((e) => typeof (e as { data?: unknown }).data === 'string' && (e as { data: string }).data.length > 2);
  return !!withData || /revert/i.test(error.message);
}

function summarise(outcomes: CallOutcome[], method: PreviewSimulation['method']): PreviewSimulation {
  const failed = outcomes.find((o) => o.status === 'unavailable');
  if (failed)
    return { status: 'unavailable', method, reason: `the node did not answer: ${failed.reason ?? 'unknown error'}`, calls: outcomes };
  const reverted = outcomes.find((o) => o.status === 'reverted');
  const gas = outcomes.reduce((sum, o) => sum + (o.gasUsed ? BigInt(o.gasUsed) : 0n), 0n);
  const label = outcomes.length > 1 && reverted ? `call ${reverted.index + 1} of ${outcomes.length} reverted: ` : '';
  return {
    status: reverted ? 'reverted' : 'ok',
    method,
    ...(reverted ? { reason: `${label}${reverted.reason ?? 'reverted'}`, revertedCall: reverted.index } : {}),
    ...(outcomes.every((o) => o.gasUsed) ? { gasUsed: gas.toString() } : {}),
    calls: outcomes,
  };
}

/**
 * Runs the calls in order in ONE simulated block (eth_simulateV1 with traceTransfers), so a batch's later
 * calls see the earlier ones. Nodes without eth_simulateV1 get eth_call + eth_estimateGas per call, and the
 * preview says what that could not show.
 */
export async function simulateCalls(client: Client, from: Address, calls: readonly PreviewCall[]): Promise<SimulateReturnType> {
  try {
    const blocks = (await client.request({
      method: 'eth_simulateV1',
      params: [{ blockStateCalls: [{ calls: calls.map((c) => rpcCall(from, c)) }], traceTransfers: true, validation: false }, 'latest'],
    } as never)) as { calls: SimCallResult[] }[];
    const results = blocks[0]?.calls ?? [];
    // An answer that does not cover every call is not "nothing happens": treat it as a failed simulation.
    if (results.length !== calls.length) throw new Error(`the node answered ${results.length} results for ${calls.length} calls`);
    const outcomes: CallOutcome[] = results.map((r, index) => {
      const ok = hexToBigInt(r.status) === 1n;
      return {
        index,
        status: ok ? 'ok' : 'reverted',
        gasUsed: hexToBigInt(r.gasUsed).toString(),
        ...(ok ? {} : { reason: decodeRevert(r.error?.data ?? r.returnData) ?? r.error?.message ?? 'reverted without a reason' }),
      };
    });
    const logs = results.flatMap((r, callIndex) =>
      (r.logs ?? []).map((l) => ({ address: l.address, topics: l.topics, data: l.data, callIndex })),
    );
    return {
      simulation: summarise(outcomes, 'eth_simulateV1'),
      logs,
      checked: [
        `simulated ${calls.length === 1 ? 'the call' : `${calls.length} calls in one block`} with eth_simulateV1 (traceTransfers) at the latest block`,
      ],
      notChecked: [],
    };
  } catch (error) {
    const code = errorCode(error);
    if (code !== -32601 && code !== -32004) {
      return {
        simulation: { status: 'unavailable', method: 'eth_simulateV1', reason: `the node did not simulate: ${reasonOf(error)}`, calls: [] },
        checked: [],
        notChecked: [`simulation: eth_simulateV1 failed (${reasonOf(error)}); outcome and balance changes unknown`],
      };
    }
  }
  return fallbackSimulate(client, from, calls);
}

async function fallbackSimulate(client: Client, from: Address, calls: readonly PreviewCall[]): Promise<SimulateReturnType> {
  const outcomes = await Promise.all(
    calls.map(async (c, index): Promise<CallOutcome> => {
      const request = { account: c.from ?? from, to: c.to, data: c.data, value: c.value };
      try {
        const [, gas] = await Promise.all([call(client, request as never), estimateGas(client, request as never)]);
        return { index, status: 'ok', gasUsed: gas.toString() };
      } catch (error) {
        return { index, status: isRevert(error) ? 'reverted' : 'unavailable', reason: reasonOf(error) };
      }
    }),
  );
  const notChecked = [
    'token balance changes: the node has no eth_simulateV1 (method not found), so eth_call and eth_estimateGas were used and transfers could not be traced',
  ];
  if (calls.length > 1) notChecked.push('batch order: each call was simulated alone; later calls did not see the effects of earlier ones');
  return {
    simulation: summarise(outcomes, 'eth_call'),
    checked: ['simulated with eth_call and eth_estimateGas (fallback: the node lacks eth_simulateV1)'],
    notChecked,
  };
}
