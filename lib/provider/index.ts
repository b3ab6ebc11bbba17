export { createProviderRouter, SUPPORTED_METHODS } from './router';
export type { ProviderRouter, ProviderResponse } from './router';
export { createApprovalQueue } from './approvals';
export type { ApprovalQueue, Decision } from './approvals';
export { accountsFor } from './context';
export type { ProviderRouterDeps, ProviderEvent, RequestContext } from './context';
export { siteNetwork, siteScope } from './site-network';
