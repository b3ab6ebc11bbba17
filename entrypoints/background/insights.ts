import { createClient, fallback, http, parseUnits, type Transport } from 'viem';
import { chainOf } from '../../lib/chain';
import { AppError, serializeError } from '../../lib/errors';
import { readTokenInsights } from '../../lib/insights';
import { onMessage, type Result } from '../../lib/messaging';
import { toJsonSafe, type InsightsView } from '../../lib/messaging/insights-view';
import { RESTAKING_SYMBOLS, type RestakingSymbol } from '../../lib/restaking';
import type { BrowserApi, MessageSender } from './browser-api';
import { isExtensionPage } from './ports';
import type { Services } from './services';

function transportOf(rpcUrls: string[]): Transport {
  if (rpcUrls.length === 0)
    throw new AppError('No RPC URL set for the active network', {
      details: 'Add the URL of an Ethereum node in More → Networks, then open the position again.',
      code: 'no_rpc',
    });
  const transports = rpcUrls.map((url) => http(url, { batch: true, retryCount: 1, timeout: 15_000 }));
  return transports.length === 1 ? transports[0]! : fallback(transports);
}

function parseRequest(data: { symbol?: unknown; amount?: unknown }): { symbol: RestakingSymbol; amount: bigint } {
  const symbol = RESTAKING_SYMBOLS.find((s) => s === data.symbol);
  if (!symbol)
    throw new AppError(`No insights for "${String(data.symbol)}"`, {
      details: `Insights cover the registry's tokens: ${RESTAKING_SYMBOLS.join(', ')}.`,
      code: 'bad_symbol',
    });
  if (typeof data.amount !== 'string' || !/^\d+(\.\d+)?$/.test(data.amount)) {
    throw new AppError('The amount is not a decimal number', {
      details: `Got ${JSON.stringify(data.amount)}; send the token amount as a decimal string such as "1.5".`,
      code: 'bad_amount',
    });
  }
  return { symbol, amount: parseUnits(data.amount, 18) };
}

/**
 * 'insights:get': yield, exit routes and the protocol profile of one holding, read from the active
 * network at the moment of asking (the position detail opens it). Extension pages only.
 */
export function registerInsights(browser: BrowserApi, services: () => Services) {
  onMessage('insights:get', (async ({
    data,
    sender,
  }: {
    data: { symbol: string; amount: string };
    sender: MessageSender;
  }): Promise<Result<InsightsView>> => {
    try {
      if (!isExtensionPage(browser, sender)) {
        throw new AppError('Refused: not an extension page', {
          details: 'Only Ballast pages may read insights.',
          code: 'forbidden_sender',
        });
      }
      const { symbol, amount } = parseRequest(data ?? {});
      const network = await services().networks.active();
      const client = createClient({ chain: chainOf(network), transport: transportOf(network.rpcUrls) });
      const insights = await readTokenInsights(client, { symbol, amount });
      return { ok: true, value: toJsonSafe(insights) };
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  }) as never);
}
