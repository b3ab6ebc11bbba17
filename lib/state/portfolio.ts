import { call } from './call';
import { createResourceStore } from './resource';

/**
 * The Portfolio screen's data. `portfolio:get` answers from storage at once (no chain wait), and the
 * background announces topic 'portfolio' when a refresh starts and ends, so the store re-reads then.
 */
export const portfolioStore = createResourceStore('portfolio', () => call('portfolio:get'));

/** Asks for a refresh (popup open, Refresh button). Its result arrives through the store. */
export async function refreshPortfolio(): Promise<void> {
  await call('portfolio:refresh');
}
