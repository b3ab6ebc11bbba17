/**
 * Public Ethereum mainnet RPC endpoints offered on first run, as plain URLs: free, no account, and run by
 * operators that publish a no-logging or privacy policy. Ballast never contacts one unless the user picks it.
 */
export const PUBLIC_RPCS: ReadonlyArray<{ url: string; operator: string }> = [
  { url: 'https://ethereum-rpc.publicnode.com', operator: 'PublicNode (Allnodes)' },
  { url: 'https://eth.drpc.org', operator: 'dRPC' },
  { url: 'https://1rpc.io/eth', operator: '1RPC (Automata Network)' },
];
