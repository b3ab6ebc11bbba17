import type { Preview } from '../preview/types';

/**
 * A request's risk preview as the approval window and the page card read it. Type-only import:
 * messaging has no runtime dependency on the preview pipeline. `preview` is absent while the
 * simulation runs; a preview that failed is still a preview (it says what could not be checked).
 */
export type PreviewView = {
  /** Host of the RPC the simulation runs on ("Simulating on 127.0.0.1:8545…"). */
  rpcHost: string;
  preview?: Preview;
};
