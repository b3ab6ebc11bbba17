import type { RiskFlag } from '../flag';

/**
 * Chains a site could impersonate in wallet_addEthereumChain, with their real chain ids (each chain's own
 * documentation; chainlist.org agrees). `names` are what a name reduces to once generic words are dropped
 * (see nameKey): "Ethereum Mainnet" → "ethereum", "BNB Smart Chain" → "bnb", "Arbitrum One" → "arbitrum".
 * `symbols` are native symbols only this chain family uses, with the ids where each is genuine (a testnet, an
 * L2 that pays gas in it). ETH is not one: it is the native symbol of most L2s, so "ETH" alone claims nothing.
 */
export const WELL_KNOWN_CHAINS: readonly WellKnownChain[] = [
  { name: 'Ethereum', chainId: 1, names: ['ethereum', 'eth', 'mainnet', 'ether'], symbols: {} },
  { name: 'OP Mainnet', chainId: 10, names: ['op', 'optimism'], symbols: {} },
  { name: 'Arbitrum One', chainId: 42161, names: ['arbitrum', 'arb'], symbols: {} },
  { name: 'Base', chainId: 8453, names: ['base'], symbols: {} },
  { name: 'Linea', chainId: 59144, names: ['linea'], symbols: {} },
  // Amoy (80002) pays gas in POL, the retired Mumbai (80001) in MATIC.
  { name: 'Polygon', chainId: 137, names: ['polygon', 'matic'], symbols: { POL: [137, 80002], MATIC: [137, 80001, 80002] } },
  // opBNB (204) pays gas in BNB too.
  { name: 'BNB Smart Chain', chainId: 56, names: ['bnb', 'bsc', 'binance'], symbols: { BNB: [56, 204] } },
  // Chiado (10200) is Gnosis' testnet, also paid in xDAI.
  { name: 'Gnosis', chainId: 100, names: ['gnosis', 'xdai'], symbols: { XDAI: [100, 10200] } },
  // Fuji (43113) is the C-Chain's testnet, also paid in AVAX.
  { name: 'Avalanche C-Chain', chainId: 43114, names: ['avalanche', 'avax'], symbols: { AVAX: [43114, 43113] } },
];

export type WellKnownChain = { name: string; chainId: number; names: string[]; symbols: Record<string, number[]> };

/** Words that say nothing about which chain it is: "Ethereum Main Network" claims the same as "Ethereum". */
const GENERIC_WORDS = new Set(['mainnet', 'main', 'net', 'network', 'chain', 'one', 'smart', 'pos', 'c', 'l1', 'l2', 'rpc', 'the']);

/** Cyrillic and Greek letters that look like Latin ones (same position in both strings): "Еthereum" with a Cyrillic Е still claims Ethereum. */
const LOOKALIKE_FROM = 'авеёіјкмнорстухѕһԁαβεηικμνορτυχ';
const LOOKALIKE_TO = 'abeeijkmhopctyxshdabenikmvoptux';
const lookalike = (c: string): string => {
  const at = LOOKALIKE_FROM.indexOf(c);
  return at === -1 ? c : LOOKALIKE_TO[at]!;
};

/** Lower-case ASCII words of a name: width variants folded (NFKC), invisible characters removed, look-alikes mapped. */
function words(text: string): string[] {
  const folded = [
    ...text
      .normalize('NFKC')
      .replace(/\p{Cf}/gu, '')
      .toLowerCase(),
  ]
    .map(lookalike)
    .join('');
  return folded.split(/[^a-z0-9]+/).filter(Boolean);
}

/** What a network name claims to be: its words without generic ones ("Mainnet" alone stays "mainnet"). */
export function nameKey(name: string): string {
  const all = words(name);
  const specific = all.filter((w) => !GENERIC_WORDS.has(w));
  return (specific.length > 0 ? specific : all).join(' ');
}

export type ChainClaim = {
  /** The well-known chain the request names. */
  claimed: WellKnownChain;
  /** The chain id the request actually asks for. */
  requestedChainId: bigint;
  /** What made the claim: the network's name or its native currency symbol, as the site sent it. */
  by: { field: 'name' | 'symbol'; value: string };
};

export type FindChainClaimParameters = { chainId: bigint | number; name?: string; symbol?: string };

/**
 * The well-known chain a network to add pretends to be: its name or native symbol belongs to one of
 * WELL_KNOWN_CHAINS while its chain id is another. Undefined when nothing is claimed, or the ids match.
 */
export function findChainClaim({ chainId, name, symbol }: FindChainClaimParameters): ChainClaim | undefined {
  const requested = BigInt(chainId);
  const key = name === undefined ? undefined : nameKey(name);
  const symbolKey = symbol === undefined ? undefined : words(symbol).join('').toUpperCase();
  for (const chain of WELL_KNOWN_CHAINS) {
    if (key && chain.names.includes(key) && requested !== BigInt(chain.chainId))
      return { claimed: chain, requestedChainId: requested, by: { field: 'name', value: name! } };
    const genuineIds = symbolKey ? chain.symbols[symbolKey] : undefined;
    if (genuineIds && !genuineIds.some((id) => BigInt(id) === requested))
      return { claimed: chain, requestedChainId: requested, by: { field: 'symbol', value: symbol! } };
  }
  return undefined;
}

/** The danger flag of a claimed chain, with the numbers: the claimed name, its real id, the requested id. */
export function chainClaimFlags(params: FindChainClaimParameters): RiskFlag[] {
  const claim = findChainClaim(params);
  if (!claim) return [];
  const { claimed, requestedChainId, by } = claim;
  return [
    {
      id: 'chain.claims-well-known',
      severity: 'danger',
      title: `Not ${claimed.name}: this network's ${by.field === 'name' ? 'name' : 'currency symbol'} claims ${claimed.name}, but its chain id is ${requestedChainId}`,
      numbers: {
        'Claimed network': claimed.name,
        [`${claimed.name}'s chain id`]: String(claimed.chainId),
        'Requested chain id': String(requestedChainId),
        [by.field === 'name' ? 'Name sent by the site' : 'Symbol sent by the site']: by.value,
      },
      why:
        `${claimed.name} is chain ${claimed.chainId}. A network that borrows its ${by.field} under another chain id is a different chain: ` +
        `balances, tokens and signatures there are not ${claimed.name}'s, and the familiar name can make a transfer or a signature ` +
        `on it look safe. Add it only if you know why this site needs chain ${requestedChainId}.`,
    },
  ];
}
