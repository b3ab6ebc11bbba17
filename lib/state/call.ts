import { AppError, isErrorCode } from '../errors';
import { sendMessage } from '../messaging/protocol';
import type { BallastProtocol } from '../messaging/protocol';
import type { Result } from '../messaging/types';

type Protocol = BallastProtocol;
export type MessageType = keyof Protocol;
export type MessageData<K extends MessageType> = Parameters<Protocol[K]>[0];
export type MessageValue<K extends MessageType> = ReturnType<Protocol[K]> extends Result<infer T> ? T : never;

/** The transport the UI uses; swapped in tests so stores can run without a browser. */
export type Sender = (type: MessageType, data: unknown) => Promise<unknown>;

const defaultSender: Sender = (type, data) => (sendMessage as unknown as (t: string, d: unknown) => Promise<unknown>)(type, data);

let sender: Sender = defaultSender;

export function setSender(next: Sender | undefined): void {
  sender = next ?? defaultSender;
}

/**
 * Sends one protocol message and unwraps its Result: the value, or an AppError carrying the
 * background's message and details. A background that does not answer becomes an error that
 * says so, instead of a raw "Could not establish connection".
 */
export async function call<K extends MessageType>(
  type: K,
  ...args: MessageData<K> extends undefined ? [] : [MessageData<K>]
): Promise<MessageValue<K>> {
  let answer: unknown;
  try {
    answer = await sender(type, args[0]);
  } catch (cause) {
    throw new AppError('The wallet background did not answer.', {
      details: `"${type}" could not reach the background worker. Close and reopen this window; if it persists, reload the extension.`,
      cause,
      code: 'background.unavailable',
    });
  }
  if (!isResult(answer)) {
    throw new AppError('The wallet background gave no answer.', {
      details: `"${type}" has no handler yet or returned an unexpected value. Update or reload the extension.`,
      code: 'background.no-handler',
    });
  }
  if (answer.ok) return answer.value as MessageValue<K>;
  // A catalogue code survives the trip; a JSON-RPC number (nothing in the UI switches on one) stays in `cause`.
  throw new AppError(answer.error.message, {
    details: answer.error.details,
    code: isErrorCode(answer.error.code) ? answer.error.code : undefined,
    ...(typeof answer.error.code === 'number' ? { cause: answer.error } : {}),
  });
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof (value as { ok: unknown }).ok === 'boolean';
}

/** A UI-friendly view of any thrown error. */
export type ErrorView = { message: string; details?: string };

export function toErrorView(error: unknown): ErrorView {
  if (error instanceof AppError) return { message: error.shortMessage, details: error.details };
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}
