import { call } from './call';
import { createResourceStore } from './resource';

/** The background state the popup and the approval window show, one store per topic. */
export const walletStore = createResourceStore('wallet', () => call('wallet:getState'));
export const pendingStore = createResourceStore('pending', () => call('pending:list'));
export const sitesStore = createResourceStore('sites', () => call('sites:list'));
export const networksStore = createResourceStore('networks', () => call('networks:list'));
export const activityStore = createResourceStore('activity', () => call('activity:list'));
export const settingsStore = createResourceStore('settings', () => call('settings:get'));
export const devicesStore = createResourceStore('devices', () => call('devices:pending'));
