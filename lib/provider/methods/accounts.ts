import type { Address } from 'viem';
import { sameAddress } from '../../format';
import { providerErrors } from '@metamask/rpc-errors';
import { rejectedByUser } from '../approvals';
import { accountsFor, type MethodHandler, type ProviderRouterDeps } from '../context';
import { noParams, permissionsRequestParams } from '../schemas';

/** Asks the user to unlock (if needed) and to connect; returns the accounts granted. */
async function connect(origin: string, deps: ProviderRouterDeps, dedupeKey: string | undefined, method: string): Promise<Address[]> {
  const status = await deps.wallet.status();
  if (status === 'uninitialized') {
    throw providerErrors.unauthorized({ message: 'Ballast has no accounts yet. Open the Ballast popup to create or import a wallet.' });
  }
  const chainId = (await deps.networks.active()).chainId;
  const decision = await deps.approvals.request({ origin, kind: 'connect', method, params: [{ eth_accounts: {} }], chainId, dedupeKey });
  if (!decision.approved) throw rejectedByUser('connection request');
  const all = await deps.wallet.accounts();
  const chosen = (decision.accounts ?? []).filter((a) => all.some((x) => sameAddress(x.address, a)));
  const selected = (await deps.wallet.meta()).selectedAddress;
  const granted = chosen.length > 0 ? chosen : selected ? [selected] : [];
  if (granted.length === 0) throw providerErrors.unauthorized({ message: 'No account was chosen to connect.' });
  await deps.permissions.grant(origin, granted);
  const visible = await accountsFor(origin, deps);
  deps.emit([origin], 'accountsChanged', visible);
  return visible;
}

function permissionView(origin: string, accounts: Address[], date: number) {
  return [{ invoker: origin, parentCapability: 'eth_accounts', caveats: [{ type: 'restrictReturnedAccounts', value: accounts }], date }];
}

export const accountMethods: Record<string, MethodHandler> = {
  async eth_accounts({ origin, params }, deps) {
    noParams.parse(params);
    return accountsFor(origin, deps);
  },

  async eth_requestAccounts({ origin, params, dedupeKey, method }, deps) {
    noParams.parse(params);
    const existing = await accountsFor(origin, deps);
    if (existing.length > 0) return existing;
    if (await deps.permissions.get(origin)) {
      // Connected but locked: only an unlock is needed.
      const chainId = (await deps.networks.active()).chainId;
      const decision = await deps.approvals.request({ origin, kind: 'unlock', method, params: [], chainId, dedupeKey });
      const accounts = await accountsFor(origin, deps);
      if (!decision.approved || accounts.length === 0)
        throw providerErrors.unauthorized({ message: 'The wallet is locked and the user did not unlock it.' });
      return accounts;
    }
    return connect(origin, deps, dedupeKey, method);
  },

  async wallet_requestPermissions({ origin, params, dedupeKey, method }, deps) {
    permissionsRequestParams.parse(params);
    const accounts = await connect(origin, deps, dedupeKey, method);
    const permission = await deps.permissions.get(origin);
    return permissionView(origin, accounts, permission?.connectedAt ?? Date.now());
  },

  async wallet_getPermissions({ origin, params }, deps) {
    noParams.parse(params);
    const permission = await deps.permissions.get(origin);
    if (!permission) return [];
    return permissionView(origin, await accountsFor(origin, deps), permission.connectedAt);
  },

  async wallet_revokePermissions({ origin, params }, deps) {
    permissionsRequestParams.parse(params);
    if (await deps.permissions.revoke(origin)) deps.emit([origin], 'accountsChanged', []);
    return null;
  },
};
