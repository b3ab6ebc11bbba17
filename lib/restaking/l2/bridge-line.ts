import type { Address } from 'viem';
import { sameAddress } from '../../format';
import { hasBacking, l2Chain, type L2Token } from './registry';

/**
 * The bridge line (issue #18, item 4): what holds the backing of a bridged LST/LRT and on which chain, in words, from
 * the registry's backing entry with its source. Shown on a Portfolio holding, in the protocol profile and in the
 * preview of a request that touches the token on an L2.
 */
export type BridgeLine = {
  chainId: number;
  symbol: string;
  /** One sentence: "weETH on Base is backed on Ethereum by …". */
  text: string;
  /** How the token reaches the L2 (registry `bridge`). */
  bridge: string;
  /** The L1 contract holding the backing; absent when no public source named it (`text` says so). */
  holder?: Address;
  holderChainId?: 1;
  /** Further L1 holders (Kelp's native-minting vault), each with its own source. */
  others: { holder: Address; description: string; source: string }[];
  source: string;
};

export function bridgeLineOf(token: L2Token, chainName: string, chainId: number): BridgeLine {
  const others = (token.otherBacking ?? []).map((b) => ({ holder: b.holder, description: b.description, source: b.source }));
  const base = { chainId, symbol: token.symbol, bridge: token.bridge, others };
  if (hasBacking(token))
    return {
      ...base,
      text: `${token.symbol} on ${chainName} is backed on Ethereum: ${token.backing.description}.`,
      holder: token.backing.holder,
      holderChainId: 1,
      source: token.backing.source,
    };
  return {
    ...base,
    text: `${token.symbol} on ${chainName}: what holds its backing on Ethereum is not known to Ballast (no public source named it).`,
    source: 'missing' in token.backing ? token.backing.missing : '',
  };
}

/** The bridge line of a token address (or symbol) on an L2 of the registry; undefined elsewhere. */
export function bridgeLineFor(chainId: number, ref: { address?: string; symbol?: string }): BridgeLine | undefined {
  const chain = l2Chain(chainId);
  const token = chain?.tokens.find((t) => (ref.address !== undefined ? sameAddress(t.address, ref.address) : t.symbol === ref.symbol));
  return chain && token ? bridgeLineOf(token, chain.name, chainId) : undefined;
}
