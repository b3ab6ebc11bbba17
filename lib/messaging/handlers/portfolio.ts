import { toJsonSafe } from '../insights-view';
import type { Handlers } from './context';

/** Reads for Portfolio, position insights, alerts and the approval window's preview. */
export const portfolioHandlers = {
  'portfolio:get': { handle: (_d, s) => s.portfolio.view() },
  'portfolio:refresh': { handle: (_d, s) => s.portfolio.refreshNow() },
  'balances:get': { handle: (_d, s) => s.balances.view() },
  'balances:ethOf': { handle: (d, s) => s.balances.ethOf(d.addresses) },
  'balances:refresh': { handle: (_d, s) => s.balances.refresh() },
  'balances:addToken': { userAction: true, handle: (d, s) => s.balances.addToken(d.address) },
  'balances:removeToken': { userAction: true, handle: (d, s) => s.balances.removeToken(d.address) },
  'insights:get': { handle: async (d, s) => toJsonSafe(await s.insights.read(d)) },
  'alerts:list': { handle: (_d, s) => s.alerts.list() },
  'alerts:markRead': { handle: (d, s) => s.alerts.markRead(d.ids) },
  'alerts:getSettings': { handle: (_d, s) => s.alerts.getSettings() },
  'alerts:updateSettings': { handle: (d, s) => s.alerts.updateSettings(d) },
  'preview:get': { handle: (d, s) => s.previews.get(d.id, d.wait === true) },
} satisfies Handlers;
