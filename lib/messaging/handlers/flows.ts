import type { Handlers } from './context';

/** Stake & deploy: plans, the one click on a stored plan, progress, retry and unwind. */
export const flowsHandlers = {
  'flows:recipes': { handle: (_d, s) => s.flows.recipes() },
  'flows:yields': { handle: (_d, s) => s.flows.yields() },
  'flows:account': { handle: (_d, s) => s.flows.account() },
  'flows:plan': { handle: (d, s) => s.flows.plan(d) },
  'flows:start': { handle: (d, s) => s.flows.start(d.previewId, { acceptFeeDanger: d.acceptFeeDanger === true }) },
  'flows:get': { handle: (d, s) => s.flows.get(d.id) },
  'flows:list': { handle: (_d, s) => s.flows.list() },
  'flows:retry': {
    handle: (d, s) =>
      s.flows.retry(d.id, {
        ...(d.acceptFee !== undefined ? { acceptFee: d.acceptFee } : {}),
        acceptFeeDanger: d.acceptFeeDanger === true,
      }),
  },
  'flows:unwind': { handle: (d, s) => s.flows.unwind(d.id) },
  'flows:withdraw': { handle: (d, s) => s.flows.withdraw(d) },
} satisfies Handlers;
