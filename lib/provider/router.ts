import { providerErrors } from '@metamask/rpc-errors';
import type { ProviderRouterDeps, MethodHandler, RequestContext } from './context';
import { toRpcError, type RpcErrorShape } from './errors';
import { accountMethods } from './methods/accounts';
import { callsMethods } from './methods/calls';
import { chainMethods } from './methods/chain';
import { readOnlyMethods } from './methods/read-only';
import { signMethods } from './methods/sign';
import { transactionMethods } from './methods/transaction';
import { siteScope } from './site-network';

export type ProviderResponse = { result: unknown } | { error: RpcErrorShape };

const HANDLERS: Record<string, MethodHandler> = {
  ...readOnlyMethods,
  ...accountMethods,
  ...chainMethods,
  ...signMethods,
  ...transactionMethods,
  ...callsMethods,
};

export const SUPPORTED_METHODS = Object.keys(HANDLERS);

/**
 * The background side of EIP-1193: one handler per method, params validated by each handler,
 * every failure turned into an EIP-1193 / EIP-1474 error. Never throws.
 */
export function createProviderRouter(deps: ProviderRouterDeps) {
  return {
    async handle(ctx: RequestContext): Promise<ProviderResponse> {
      try {
        const handler = typeof ctx.method === 'string' && Object.hasOwn(HANDLERS, ctx.method) ? HANDLERS[ctx.method] : undefined;
        if (!handler) {
          throw providerErrors.unsupportedMethod({
            message: `The method "${String(ctx.method).slice(0, 100)}" is not supported by Ballast.`,
          });
        }
        // Each site talks to its own chain (the one it switched to, else the wallet's).
        const result = await handler(ctx, siteScope(ctx.origin, deps));
        return { result: result === undefined ? null : result };
      } catch (error) {
        return { error: toRpcError(error) };
      }
    },
  };
}

export type ProviderRouter = ReturnType<typeof createProviderRouter>;
