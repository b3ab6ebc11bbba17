import { JsonRpcError, rpcErrors } from '@metamask/rpc-errors';
import { ZodError } from 'zod';
import { AppError } from '../errors';

export type RpcErrorShape = { code: number; message: string; data?: unknown };

/** Any failure inside a handler becomes a well-formed EIP-1193 / EIP-1474 error object. */
export function toRpcError(error: unknown): RpcErrorShape {
  if (error instanceof JsonRpcError)
    return { code: error.code, message: error.message, ...(error.data !== undefined ? { data: jsonSafe(error.data) } : {}) };
  if (error instanceof ZodError) return { code: -32602, message: describeZodError(error) };
  // Rejected on a hardware wallet is the user's refusal like a click on Reject: EIP-1193 4001, so dApps handle it as one.
  if (error instanceof AppError && error.code === 'hardware.rejected')
    return { code: 4001, message: error.details ? `${error.shortMessage}. ${error.details}` : error.shortMessage };
  if (error instanceof AppError)
    return { code: -32603, message: error.details ? `${error.shortMessage}. ${error.details}` : error.shortMessage };
  // Node errors forwarded from the RPC carry their own JSON-RPC code.
  const rpc = error as { code?: unknown; message?: unknown; details?: unknown; shortMessage?: unknown; cause?: unknown };
  const cause = rpc?.cause as { code?: unknown; message?: unknown } | undefined;
  if (cause && typeof cause.code === 'number' && Number.isInteger(cause.code)) {
    return { code: cause.code, message: String(cause.message ?? rpc.shortMessage ?? 'RPC error') };
  }
  if (rpc && typeof rpc.code === 'number' && Number.isInteger(rpc.code)) {
    return { code: rpc.code, message: String(rpc.shortMessage ?? rpc.message ?? 'RPC error') };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: rpcErrors.internal().code, message: `Internal error: ${message}` };
}

export function describeZodError(error: ZodError): string {
  const first = error.issues[0];
  if (!first) return 'Invalid params.';
  const where = 'params' + first.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `Invalid params: ${where}: ${first.message}`;
}

function jsonSafe(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
  } catch {
    return undefined;
  }
}

/** Errors with codes outside the 1000–4999 provider range (EIP-5792's 57xx, 4902 is inside). */
export function walletError(code: number, message: string): JsonRpcError<never> {
  return new JsonRpcError(code, message);
}
