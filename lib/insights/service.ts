import { createClient, parseUnits } from 'viem';
import { chainOf } from '../chain/clients';
import { createNetworkTransport } from '../chain/transport';
import { AppError } from '../errors';
import { RESTAKING_SYMBOLS, type RestakingSymbol } from '../restaking';
import type { StoredNetwork } from '../storage/items';
import { readTokenInsights, type TokenInsights } from './token-insights';

function parseHolding(data: { symbol: string; amount: string }): { symbol: RestakingSymbol; amount: bigint } {
  const symbol = RESTAKING_SYMBOLS.find((s) => s === data.symbol);
  if (!symbol)
    throw new AppError(`No insights for "${data.symbol}"`, {
      details: `Insights cover the registry's tokens: ${RESTAKING_SYMBOLS.join(', ')}.`,
      code: 'insights.symbol.unknown',
    });
  if (!/^\d+(\.\d+)?$/.test(data.amount)) {
    throw new AppError('The amount is not a decimal number', {
      details: `Got ${JSON.stringify(data.amount)}; send the token amount as a decimal string such as "1.5".`,
      code: 'insights.amount.not-a-number',
    });
  }
  return { symbol, amount: parseUnits(data.amount, 18) };
}

/** Yield, exit routes and the protocol profile of one holding, read from the active network when asked. */
export function createInsightsService(deps: { network: () => Promise<StoredNetwork> }) {
  return {
    async read(data: { symbol: string; amount: string }): Promise<TokenInsights> {
      const holding = parseHolding(data);
      const network = await deps.network();
      // 'interactive': someone waits on the position detail; its reads share HTTP batches.
      const client = createClient({ chain: chainOf(network), transport: createNetworkTransport(network, { purpose: 'interactive' }) });
      return readTokenInsights(client, holding);
    },
  };
}

export type InsightsService = ReturnType<typeof createInsightsService>;
