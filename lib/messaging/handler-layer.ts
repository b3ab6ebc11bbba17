import type { z } from 'zod';
import { AppError, serializeError } from '../errors';
import { isExtensionPage, type ExtensionRuntime, type MessageSender } from './extension-api';
import type { BallastProtocol } from './protocol';
import { MESSAGE_NAMES, MESSAGE_SCHEMAS, type MessageName } from './schemas';
import type { Result } from './types';

type ParsedData<K extends MessageName> = z.output<(typeof MESSAGE_SCHEMAS)[K]>;
type ValueOf<K extends MessageName> = ReturnType<BallastProtocol[K]> extends Result<infer V> ? V : never;

/** What one message does once the layer has checked it. `S` is whatever services the table reads. */
export type HandlerSpec<K extends MessageName, S> = {
  /**
   * The user acted in a Ballast page: the auto-lock deadline moves back (and a deadline that passed
   * while the worker slept locks first, before the handler runs).
   */
  userAction?: boolean;
  handle: (data: ParsedData<K>, services: S) => Promise<ValueOf<K>>;
};

export type HandlerTable<S> = { [K in MessageName]: HandlerSpec<K, S> };

export type ProtocolLayerDeps<S> = {
  runtime: ExtensionRuntime;
  /** Services are built lazily by the worker; the layer asks for them per message. */
  services: () => S;
  touchAutoLock: (services: S) => Promise<unknown>;
};

/** "field "amountText": expected string, received number" — the first problem, named by its path. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the data does not match the message';
  const path = issue.path.map(String).join('.');
  return path ? `field "${path}": ${issue.message}` : issue.message;
}

/**
 * The one place where a UI protocol message is checked, in this order: the sender is one of our
 * extension pages (a content script or web page never acts as the popup), the data has the message's
 * shape, the auto-lock is touched for user actions, and the handler's answer or error is wrapped in a
 * Result so errors cross the boundary with their message intact.
 */
export async function dispatchMessage<K extends MessageName, S>(
  deps: ProtocolLayerDeps<S>,
  table: HandlerTable<S>,
  name: K,
  data: unknown,
  sender: MessageSender | undefined,
): Promise<Result<ValueOf<K>>> {
  try {
    if (!isExtensionPage(deps.runtime, sender)) {
      throw new AppError('Refused: not an extension page', {
        details: `Only Ballast's own pages may send "${name}".`,
        code: 'sender.forbidden',
      });
    }
    const parsed = MESSAGE_SCHEMAS[name].safeParse(data);
    if (!parsed.success) {
      throw new AppError(`Malformed "${name}" message`, { details: describeIssue(parsed.error), code: 'message.bad-shape' });
    }
    const spec = table[name] as HandlerSpec<K, S>;
    const services = deps.services();
    // Awaited: an auto-lock deadline that passed while the worker was stopped locks before the answer.
    if (spec.userAction) await deps.touchAutoLock(services).catch(() => undefined);
    return { ok: true, value: await spec.handle(parsed.data as ParsedData<K>, services) };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

/** The registration side of @webext-core/messaging's onMessage, as loosely as the layer needs it. */
export type OnMessage = (name: MessageName, handler: (message: { data: unknown; sender: MessageSender }) => Promise<unknown>) => unknown;

/** Registers every message of the protocol; a name without a handler cannot compile (HandlerTable is total). */
export function registerProtocolHandlers<S>(onMessage: OnMessage, deps: ProtocolLayerDeps<S>, table: HandlerTable<S>): void {
  for (const name of MESSAGE_NAMES) {
    onMessage(name, ({ data, sender }) => dispatchMessage(deps, table, name, data, sender));
  }
}
