import type { Address } from 'viem';
import { sameAddress } from '../format';
import { lidoStethAbi, pausableAbi, pickAbi } from '../chain/abis';
import { PROTOCOL_CONTRACTS as P, RESTAKING_SYMBOLS, RESTAKING_TOKENS, TOKENS, type ProtocolId, type RestakingSymbol } from '../restaking';

/** EIP-1967 implementation slot: bytes32(uint256(keccak256('eip1967.proxy.implementation')) - 1). */
export const EIP1967_IMPLEMENTATION_SLOT = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc' as const;

export const pausedAbi = [...pausableAbi, ...pickAbi(lidoStethAbi, ['isStakingPaused'])] as const;

/**
 * Where each protocol says "paused". The first call that answers wins: Lido's stETH exposes
 * isStakingPaused() (the devnet double a plain paused()). Protocols without a known pause getter are
 * reported as "not read", not as running.
 */
export const PAUSE_READS: Partial<
  Record<ProtocolId, readonly { address: Address; functionName: 'paused' | 'isStakingPaused'; label: string }[]>
> = {
  lido: [
    { address: TOKENS.stETH, functionName: 'isStakingPaused', label: 'stETH.isStakingPaused()' },
    { address: TOKENS.stETH, functionName: 'paused', label: 'stETH.paused()' },
  ],
  etherfi: [{ address: P.etherfiLiquidityPool, functionName: 'paused', label: 'LiquidityPool.paused()' }],
  renzo: [{ address: P.renzoRestakeManager, functionName: 'paused', label: 'RestakeManager.paused()' }],
  kelp: [{ address: P.kelpDepositPool, functionName: 'paused', label: 'LRTDepositPool.paused()' }],
  coinbase: [{ address: TOKENS.cbETH, functionName: 'paused', label: 'cbETH.paused()' }],
  stader: [{ address: P.staderStakePoolsManager, functionName: 'paused', label: 'StaderStakePoolsManager.paused()' }],
};

export const protocolIds = (): ProtocolId[] => [...new Set(RESTAKING_SYMBOLS.map((s) => RESTAKING_TOKENS[s].protocol))];
export const tokensOf = (id: ProtocolId): RestakingSymbol[] => RESTAKING_SYMBOLS.filter((s) => RESTAKING_TOKENS[s].protocol === id);

/** The contracts a protocol's value depends on: its tokens and every contract its fair rate reads. */
export function contractsOf(id: ProtocolId): { address: Address; role: string }[] {
  const seen: { address: Address; role: string }[] = [];
  const add = (address: Address, role: string) => {
    const known = seen.findIndex((c) => sameAddress(c.address, address));
    if (known >= 0)
      seen[known] = { address, role }; // a token's own entry wins over a rate call to it, in its place
    else seen.push({ address, role });
  };
  for (const s of tokensOf(id)) {
    const t = RESTAKING_TOKENS[s];
    add(t.address, `${s} token`);
    if (t.fairRate.kind === 'calls')
      for (const c of t.fairRate.calls)
        if (!seen.some((k) => sameAddress(k.address, c.address))) add(c.address, `${s} rate (${c.functionName})`);
  }
  return seen;
}

/** Chainlink feeds listed as market sources for a protocol's tokens (reference §3.2). */
export function feedsOf(id: ProtocolId): { symbol: RestakingSymbol; feed: Address }[] {
  return tokensOf(id).flatMap((s) =>
    RESTAKING_TOKENS[s].markets.flatMap((m) => (m.venue === 'chainlink' ? [{ symbol: s, feed: m.feed }] : [])),
  );
}
