import type { Client } from 'viem';
import { RESTAKING_TOKENS, type RestakingSymbol } from '../restaking';
import { readExitRoutes, type ExitRoutes } from './exit-routes';
import { readProtocolProfiles, type ProtocolProfileView } from './profile';
import { readYield, type TokenYield } from './yield';

export type TokenInsights = { symbol: RestakingSymbol; amount: bigint; yield: TokenYield; exits: ExitRoutes; profile: ProtocolProfileView };
export type ReadTokenInsightsParameters = { symbol: RestakingSymbol; amount: bigint; includeEigenLayer?: boolean };

/** Everything the position detail shows for one holding, the three reads in parallel. */
export async function readTokenInsights(
  client: Client,
  { symbol, amount, includeEigenLayer }: ReadTokenInsightsParameters,
): Promise<TokenInsights> {
  const protocol = RESTAKING_TOKENS[symbol].protocol;
  const [y, exits, profiles] = await Promise.all([
    readYield(client, { symbols: [symbol] }),
    readExitRoutes(client, { symbol, amount, includeEigenLayer }),
    readProtocolProfiles(client, { protocols: [protocol] }),
  ]);
  return { symbol, amount, yield: y.tokens[0]!, exits, profile: profiles.profiles[0]! };
}
