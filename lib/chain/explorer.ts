/** The fields of a listed network this needs (NetworkView in lib/messaging has them). */
type ListedNetwork = { key?: string; chainId: number; explorerUrl?: string };

/**
 * The explorer page of a transaction, or undefined when the network has no explorer we can link to.
 * Only https explorers are linked: a custom network's explorer URL is user (or dApp) input, and a
 * javascript: or http: link in the wallet's own UI is not something to offer a click on.
 */
export function explorerTxUrl(explorerUrl: string | undefined, hash: string): string | undefined {
  if (!explorerUrl || !/^0x[0-9a-fA-F]{64}$/.test(hash)) return undefined;
  let base: URL;
  try {
    base = new URL(explorerUrl);
  } catch {
    return undefined;
  }
  if (base.protocol !== 'https:') return undefined;
  const path = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${path}/tx/${hash}`;
}

/** The explorer of the network a transaction was sent on: the active one when it has that chain id, else the first with it. */
export function explorerFor(networks: { networks: ListedNetwork[]; activeKey?: string } | undefined, chainId: number): string | undefined {
  if (!networks) return undefined;
  const active = networks.networks.find((n) => n.key !== undefined && n.key === networks.activeKey);
  if (active?.chainId === chainId) return active.explorerUrl;
  return networks.networks.find((n) => n.chainId === chainId)?.explorerUrl;
}
