import { decodeFunctionData, size, slice, type Abi, type AbiFunction, type Address, type Hex } from 'viem';
import { formatEth } from '../format';
import { DECODE_ABIS } from './decode-families';
import { shortAddress } from './labels';
import type { DecodedArg, DecodedCall, PreviewCall, PreviewRegistry } from './types';

/** A decoded call with the raw values the risk rules read (bigints stay bigints here). */
export type CallAnalysis = { call: PreviewCall; decoded: DecodedCall; family?: string; rawArgs: readonly unknown[] };

function formatValue(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (value && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(', ')} }`;
  return String(value);
}

function tryDecode(abi: Abi, data: Hex) {
  try {
    return decodeFunctionData({ abi, data });
  } catch {
    return undefined;
  }
}

/** Turns one call into what the approval window shows: target label, function, formatted args, selector. */
export function decodeCall(call: PreviewCall, registry: PreviewRegistry): CallAnalysis {
  const to = call.to ?? null;
  const value = call.value ?? 0n;
  const data = call.data && call.data !== '0x' ? call.data : undefined;
  const targetLabel = to ? (registry.labelOf(to) ?? shortAddress(to)) : 'new contract';
  // ETH that leaves the wallet: away from zero, never shown smaller.
  const base = { to, targetLabel, value: formatEth(value, { maxFractionDigits: 6, rounding: 'expand' }) };
  if (!to) return { call, decoded: { ...base, functionName: 'deploy contract', selector: null, args: [], known: false }, rawArgs: [] };
  if (!data) return { call, decoded: { ...base, functionName: 'transfer ETH', selector: null, args: [], known: true }, rawArgs: [] };
  const selector = size(data) >= 4 ? slice(data, 0, 4) : data;

  for (const { family, abi } of DECODE_ABIS) {
    const result = tryDecode(abi, data);
    if (!result) continue;
    const item = abi.find(
      (x): x is AbiFunction => x.type === 'function' && x.name === result.functionName && x.inputs.length === (result.args?.length ?? 0),
    );
    const rawArgs = result.args ?? [];
    const args: DecodedArg[] = rawArgs.map((arg, i) => ({
      name: item?.inputs[i]?.name || `arg${i}`,
      type: item?.inputs[i]?.type ?? 'unknown',
      value: formatValue(arg),
    }));
    return { call, family, rawArgs, decoded: { ...base, functionName: result.functionName, selector, args, known: true } };
  }
  return {
    call,
    rawArgs: [],
    decoded: {
      ...base,
      functionName: `unknown function ${selector}`,
      selector,
      args: [{ name: 'calldata', type: 'bytes', value: data }],
      known: false,
    },
  };
}

export const callTo = (analysis: CallAnalysis): Address | undefined => analysis.call.to;
