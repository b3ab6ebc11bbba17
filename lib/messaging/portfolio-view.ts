/** Owned by lib/tracker; re-exported for the protocol. */
export type { PortfolioView } from '../tracker/portfolio-service';
