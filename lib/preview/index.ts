export { buildPreview } from './build-preview';
export { decodeCall } from './decode';
export { simulateCalls, decodeRevert } from './simulate';
export { netDeltas } from './balance-changes';
export { createBatchReader } from './reader';
export { PERMIT2, defaultRegistry } from './labels';
export { IL_DEPEGS } from './rules/curve';
export type {
  Preview,
  PreviewRequest,
  PreviewDeps,
  PreviewCall,
  PreviewRegistry,
  PreviewSimulation,
  PreviewFacts,
  DecodedCall,
  DecodedArg,
  BalanceChange,
  CallOutcome,
  TypedDataJson,
} from './types';
