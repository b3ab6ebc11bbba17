import { providerErrors, rpcErrors } from '@metamask/rpc-errors';
import { validateRpcUrl } from '../../chain/networks';
import { AppError } from '../../errors';
import { rejectedByUser } from '../approvals';
import { toHexQuantity, type MethodHandler, type ProviderRouterDeps } from '../context';
import { addChainParams, noParams, switchChainParams, watchAssetParams } from '../schemas';

async function switchAndAnnounce(chainId: number, deps: ProviderRouterDeps) {
  const changed = await deps.networks.switchTo({ chainId });
  // Every connected site follows the wallet's chain.
  if (changed) deps.emit('*', 'chainChanged', toHexQuantity(chainId));
}

export const chainMethods: Record<string, MethodHandler> = {
  async eth_chainId({ params }, deps) {
    noParams.parse(params);
    return toHexQuantity((await deps.networks.active()).chainId);
  },

  async net_version({ params }, deps) {
    noParams.parse(params);
    return String((await deps.networks.active()).chainId);
  },

  async wallet_switchEthereumChain({ origin, params, dedupeKey, method }, deps) {
    const [{ chainId }] = switchChainParams.parse(params);
    const active = await deps.networks.active();
    if (active.chainId === chainId) return null;
    const target = await deps.networks.findByChainId(chainId);
    if (!target) {
      throw providerErrors.custom({
        code: 4902,
        message: `Unrecognized chain ID ${toHexQuantity(chainId)}. Add it first with wallet_addEthereumChain.`,
      });
    }
    const decision = await deps.approvals.request({
      origin,
      kind: 'switchChain',
      method,
      params: [{ chainId: toHexQuantity(chainId), name: target.name }],
      chainId: active.chainId,
      dedupeKey,
    });
    if (!decision.approved) throw rejectedByUser('chain switch');
    await switchAndAnnounce(chainId, deps);
    return null;
  },

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
    const active = await deps.networks.active();
    const existing = await deps.networks.findByChainId(chain.chainId);
    if (existing && active.chainId === chain.chainId) return null;
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
      chainId: active.chainId,
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
    await switchAndAnnounce(chain.chainId, deps);
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
