import {
  accountsItem,
  activityItem,
  callBundlesItem,
  networksItem,
  pendingItem,
  permissionsItem,
  sessionSecretsItem,
  vaultItem,
  walletMetaItem,
  watchedAssetsItem,
} from '../../lib/storage';
import type { HarnessItems } from './provider-harness';

/** The real @wxt-dev/storage items over WXT's fake browser. */
export const browserItems = (): HarnessItems => ({
  vault: vaultItem,
  accounts: accountsItem,
  meta: walletMetaItem,
  session: sessionSecretsItem,
  networks: networksItem,
  permissions: permissionsItem,
  activity: activityItem,
  pending: pendingItem,
  callBundles: callBundlesItem,
  watchedAssets: watchedAssetsItem,
});
