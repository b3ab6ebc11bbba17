import type { Handlers } from './context';

/** Send: options for the form, the recipient as typed, and the start that opens the approval window. */
export const sendHandlers = {
  'send:options': { userAction: true, handle: (_d, s) => s.send.options() },
  'send:resolve': { userAction: true, handle: (d, s) => s.send.resolveRecipient(d.to) },
  'send:start': { userAction: true, handle: (d, s) => s.send.start(d) },
} satisfies Handlers;
