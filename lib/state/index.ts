export { call, setSender, toErrorView } from './call';
export type { ErrorView, MessageData, MessageType, MessageValue, Sender } from './call';
export { createResourceStore, invalidateTopic } from './resource';
export type { ResourceState, ResourceStore } from './resource';
export { listenToUiEvents } from './ui-events';
export type { ConnectUiPort, UiPort } from './ui-events';
export { activityStore, devicesStore, networksStore, pendingStore, settingsStore, sitesStore, walletStore } from './stores';
export { explorerFor, explorerTxUrl } from '../chain/explorer';
export { checkRpcUrlRule } from '../chain/rpc-url';
