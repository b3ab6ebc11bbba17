import type { ErrorCode } from './codes';

/**
 * The one error type inside Ballast. `shortMessage` is what a user reads; `details` says what to do
 * or what was seen; `cause` keeps the original error for logs. Modeled on viem's BaseError.
 */
export type AppErrorParameters = {
  details?: string;
  cause?: unknown;
  /** What a caller may switch on; the catalogue is lib/errors/codes.ts. */
  code?: ErrorCode;
};

export class AppError extends Error {
  override name = 'AppError';
  readonly shortMessage: string;
  readonly details?: string;
  readonly code?: ErrorCode;

  constructor(shortMessage: string, { details, cause, code }: AppErrorParameters = {}) {
    super(details ? `${shortMessage}\n\nDetails: ${details}` : shortMessage, { cause });
    this.shortMessage = shortMessage;
    this.details = details;
    this.code = code;
  }
}

/**
 * A plain, structured-clone-safe view of any error, for crossing a message boundary. `code` is an
 * AppError's catalogue code or an EIP-1193 / JSON-RPC number. Stored flows keep this shape too: one
 * written by an older version may carry a code that has since been renamed (flow.* names did not change,
 * and nothing compares the others), so a reader that must trust the name checks it with isErrorCode.
 */
export type SerializedError = { message: string; details?: string; code?: ErrorCode | number; data?: unknown };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return { message: error.shortMessage, details: error.details, code: error.code };
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'number') {
    const e = error as { code: number; message?: unknown; data?: unknown };
    return { message: String(e.message ?? 'Error'), code: e.code, data: e.data };
  }
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}
