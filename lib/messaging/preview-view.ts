/** Owned by lib/preview; re-exported for the protocol. */
export type { PreviewView } from '../preview/service';
