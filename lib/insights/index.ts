/**
 * "What a restaker asks next", per protocol, from the chain and the registry: yield from the fair
 * rate's growth, exit routes side by side, and a protocol profile with its risk flags.
 */
export { readYield, aprFromRates, measuredOn, YEAR_SECONDS, YIELD_WINDOWS_DAYS } from './yield';
export type { ReadYieldParameters, ReadYieldReturnType, TokenYield, WindowYield } from './yield';
export { findBlockAtTimestamp } from './find-block';
export type { BlockPoint, FindBlockParameters, FindBlockReturnType } from './find-block';
export { readExitRoutes } from './exit-routes';
export type { ExitRoutes, SellRoute, ProtocolExit, EigenLayerExit, ReadExitRoutesParameters } from './exit-routes';
export { readProtocolProfiles, DEFAULT_FEED_HEARTBEAT_SECONDS } from './profile';
export type {
  ProtocolProfileView,
  OracleUpdate,
  ProxyFact,
  ReadProtocolProfilesParameters,
  ReadProtocolProfilesReturnType,
} from './profile';
export { WITHDRAWAL_FACTS } from './withdrawal-facts';
export type { Sourced, WithdrawalFacts } from './withdrawal-facts';
export { readTokenInsights } from './token-insights';
export type { TokenInsights, ReadTokenInsightsParameters } from './token-insights';
