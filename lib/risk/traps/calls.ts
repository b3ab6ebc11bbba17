import type { Address } from 'viem';
import type { RiskFlag } from '../flag';
import { formatEth } from '../../format';

export type CallTargetRequest = {
  to: Address;
  /** From eth_getCode(to) != 0x at the active chain. */
  toHasCode: boolean;
  value: bigint;
  /** Calldata is present (beyond "0x"). */
  hasData: boolean;
};

/** A call with calldata to an address that has no code: nothing runs, often the wrong network. */
export function callTargetFlags({ to, toHasCode, value, hasData }: CallTargetRequest): RiskFlag[] {
  if (toHasCode || !hasData) return []; // plain ETH transfers to personal addresses are normal
  const withValue = value > 0n;
  return [
    {
      id: 'call.no-code',
      severity: withValue ? 'danger' : 'warn',
      title: `Contract call to ${to.slice(0, 6)}…${to.slice(-4)}, which has no code on this network`,
      numbers: { to, value: formatEth(value, { rounding: 'expand' }) }, // ETH that leaves: never smaller
      why: withValue
        ? 'The ETH would go to an address where no contract runs, so the action the page promised will not happen. Check the network and the address.'
        : 'Nothing will execute. The page may be on another network or using a wrong address.',
    },
  ];
}

export type TypedDataChainRequest = {
  /** `domain.chainId` of the EIP-712 message, if it has one. */
  domainChainId?: number | bigint;
  activeChainId: number;
  verifyingContract?: Address;
};

/** EIP-712 data signed for another chain than the one the wallet is on. */
export function typedDataChainFlags({ domainChainId, activeChainId, verifyingContract }: TypedDataChainRequest): RiskFlag[] {
  if (domainChainId === undefined || BigInt(domainChainId) === BigInt(activeChainId)) return [];
  return [
    {
      id: 'typed-data.chain-mismatch',
      severity: 'danger',
      title: `Signature is for chain ${domainChainId}, you are on chain ${activeChainId}`,
      numbers: { signatureChain: String(domainChainId), activeChain: String(activeChainId) },
      why: 'The page asks for a signature valid on a different chain, where it can be used without you seeing it. Reject unless you meant that chain.',
      source: verifyingContract ? { contract: verifyingContract } : undefined,
    },
  ];
}
