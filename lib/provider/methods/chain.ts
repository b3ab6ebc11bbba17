import { providerErrors, rpcErrors } from '@metamask/rpc-errors';
import { validateRpcUrl } from '../../chain/networks';
import { AppError } from '../../errors';
import { rejectedByUser } from '../approvals';
import { toHexQuantity, type MethodHandler, type ProviderRouterDeps } from '../context';
import { addChainParams, noParams, switchChainParams, watchAssetParams } from '../schemas';

/** Gives the site its own chain, kept with its connection, and tells that site only. */
async function switchSite(origin: string, chainId: number, deps: ProviderRouterDeps) {
  await deps.permissions.setChainId(origin, chainId);
  deps.emit([origin], 'chainChanged', toHexQuantity(chainId));
}

/** A site's chain is kept with its connection: a site that has not connected follows the wallet's network. */
async function requireConnected(origin: string, deps: ProviderRouterDeps) {
  if (await deps.permissions.get(origin)) return;
  throw providerErrors.unauthorized({
    message: `${origin} is not connected: connect first (eth_requestAccounts), then switch chains. Until then it uses the wallet's network.`,
  });
}

/**
 * Every method here works on the site's own chain: the router hands it `deps` scoped to the site (site-network.ts),
 * so `deps.networks.active()` is the chain this site switched to, else the wallet's.
 */
export const chainMethods: Record<string, MethodHandler> = {
  async eth_chainId({ params }, deps) {
    noParams.parse(params);
    return toHexQuantity((await deps.networks.active()).chainId);
  },

  async net_version({ params }, deps) {
    noParams.parse(params);
    return String((await deps.networks.active()).chainId);
  },

  /** EIP-3326, between configured networks (built in or added); the switch is this site's only. */
  async wallet_switchEthereumChain({ origin, params, dedupeKey, method }, deps) {
    const [{ chainId }] = switchChainParams.parse(params);
    const current = await deps.networks.active();
    if (current.chainId === chainId) return null;
    const target = await deps.networks.findByChainId(chainId);
    if (!target) {
      throw providerErrors.custom({
        code: 4902,
        message: `Unrecognized chain ID ${toHexQuantity(chainId)}. Add it first with wallet_addEthereumChain.`,
      });
    }
    await requireConnected(origin, deps);
    const decision = await deps.approvals.request({
      origin,
      kind: 'switchChain',
      method,
      params: [{ chainId: toHexQuantity(chainId), name: target.name }],
      chainId: current.chainId,
      dedupeKey,
    });
    if (!decision.approved) throw rejectedByUser('chain switch');
    await switchSite(origin, chainId, deps);
    return null;
  },

  /** EIP-3085: a network not configured yet is added for the whole wallet; the switch to it is this site's only. */
  async wallet_addEthereumChain({ origin, params, dedupeKey, method }, deps) {
    const [chain] = addChainParams.parse(params);
    let rpcUrls: string[];
    try {
      rpcUrls = chain.rpcUrls.map(validateRpcUrl);
    } catch (error) {
      throw rpcErrors.invalidParams({
        message: `Invalid params: rpcUrls: ${error instanceof AppError ? error.details : 'use http(s) URLs'}`,
      });
    }
    const current = await deps.networks.active();
    const existing = await deps.networks.findByChainId(chain.chainId);
    if (existing && current.chainId === chain.chainId) return null;
    const connected = Boolean(await deps.permissions.get(origin));
    // Known already: this is a switch, which needs a connection to keep it with.
    if (existing) await requireConnected(origin, deps);
    const decision = await deps.approvals.request({
      origin,
      kind: existing ? 'switchChain' : 'addChain',
      method,
      params: [
        {
          chainId: toHexQuantity(chain.chainId),
          chainName: chain.chainName,
          rpcUrls,
          nativeCurrency: chain.nativeCurrency,
          blockExplorerUrls: chain.blockExplorerUrls ?? [],
        },
      ],
      chainId: current.chainId,
      dedupeKey,
    });
    if (!decision.approved) throw rejectedByUser(existing ? 'chain switch' : 'request to add a chain');
    if (!existing) {
      await deps.networks.add({
        chainId: chain.chainId,
        name: chain.chainName,
        rpcUrls,
        nativeSymbol: chain.nativeCurrency.symbol,
        explorerUrl: chain.blockExplorerUrls?.[0] ?? undefined,
      });
    }
    // A site that has not connected gets the network added and keeps following the wallet's (EIP-3085 lets a wallet not switch).
    if (connected) await switchSite(origin, chain.chainId, deps);
    return null;
  },

  async wallet_watchAsset({ origin, params, dedupeKey, method }, deps) {
    const parsed = watchAssetParams.parse(params);
    const asset = Array.isArray(parsed) ? parsed[0] : parsed;
    const chainId = (await deps.networks.active()).chainId;
    const decision = await deps.approvals.request({ origin, kind: 'watchAsset', method, params: [asset], chainId, dedupeKey });
    if (!decision.approved) throw rejectedByUser('request to watch an asset');
    const list = await deps.watchedAssets.getValue();
    const rest = list.filter((a) => !(a.chainId === chainId && a.address === asset.options.address));
    await deps.watchedAssets.setValue([...rest, { chainId, ...asset.options }]);
    return true;
  },
};
