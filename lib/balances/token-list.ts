import { getAddress, type Address } from 'viem';
import { RESTAKING_SYMBOLS, RESTAKING_TOKENS, TOKENS } from '../restaking';
import type { WatchedAsset } from '../storage';
import type { BalanceSource, StoredCustomToken } from '../storage/balances';

/** One token Home reads a balance of. `rateSymbol` names the registry entry whose rates price it. */
export type HomeToken = {
  address: Address;
  symbol: string;
  decimals: number;
  name?: string;
  source: Exclude<BalanceSource, 'native'>;
  kind?: 'lst' | 'lrt';
  /** A registry LST/LRT: priced by the tracker's rate book under this symbol. */
  rateSymbol?: string;
  /** WETH: 1 ETH per token by contract. */
  pegged?: boolean;
};

/** The registry's tokens apply on chain 1 only (mainnet and the devnet share its addresses). */
export function registryTokens(chainId: number): HomeToken[] {
  if (chainId !== 1) return [];
  return [
    { address: TOKENS.WETH, symbol: 'WETH', decimals: 18, name: 'Wrapped Ether', source: 'registry', pegged: true },
    ...RESTAKING_SYMBOLS.map((s): HomeToken => {
      const t = RESTAKING_TOKENS[s];
      return { address: t.address, symbol: s, decimals: t.decimals, name: t.name, source: 'registry', kind: t.kind, rateSymbol: s };
    }),
  ];
}

/**
 * Every token Home lists for a chain, once each (by address, any case): the registry first, then the tokens
 * the user added by address, then the ones dApps added with wallet_watchAsset. A dApp's or the user's entry for
 * a registry token is the registry token (priced, with its own symbol): a site cannot rename stETH.
 */
export function homeTokens(chainId: number, watched: readonly WatchedAsset[], custom: readonly StoredCustomToken[]): HomeToken[] {
  const out = new Map<string, HomeToken>();
  const add = (t: HomeToken) => {
    const key = t.address.toLowerCase();
    if (!out.has(key)) out.set(key, t);
  };
  registryTokens(chainId).forEach(add);
  for (const c of custom)
    if (c.chainId === chainId)
      add({
        address: getAddress(c.address),
        symbol: c.symbol,
        decimals: c.decimals,
        source: 'custom',
        ...(c.name ? { name: c.name } : {}),
      });
  for (const w of watched)
    if (w.chainId === chainId) add({ address: getAddress(w.address), symbol: w.symbol, decimals: w.decimals, source: 'watched' });
  return [...out.values()];
}

/** Where a token is already listed, in words for the "already listed" error; undefined when it is not. */
export function listedAs(tokens: readonly HomeToken[], address: string): string | undefined {
  const t = tokens.find((x) => x.address.toLowerCase() === address.toLowerCase());
  if (!t) return undefined;
  const where = { registry: "in Ballast's token list", watched: 'added by a site', custom: 'added by you' }[t.source];
  return `${t.symbol} (${where})`;
}
