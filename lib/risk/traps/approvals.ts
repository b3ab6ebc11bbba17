import type { Address } from 'viem';
import type { RiskFlag } from '../flag';
import { formatAmount } from '../../format';
import { UNLIMITED_ERC20_THRESHOLD } from './policy';

export type Erc20ApprovalRequest = {
  method: 'approve' | 'increaseAllowance';
  token: Address;
  tokenSymbol?: string;
  tokenDecimals?: number;
  spender: Address;
  /** New allowance for approve, the increment for increaseAllowance. */
  amount: bigint;
  /** From eth_getCode(spender) != 0x. */
  spenderHasCode: boolean;
};

const short = (address: Address) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** Flags for an ERC-20 allowance grant. See ./policy.ts for the severity policy. */
export function approvalFlags(request: Erc20ApprovalRequest): RiskFlag[] {
  const { method, token, tokenSymbol = 'tokens', tokenDecimals = 18, spender, amount, spenderHasCode } = request;
  if (amount === 0n) return [];
  const flags: RiskFlag[] = [];
  const unlimited = amount >= UNLIMITED_ERC20_THRESHOLD;
  // What the spender may take: never shown smaller than it is.
  const shownAmount = unlimited ? 'unlimited' : formatAmount(amount, tokenDecimals, tokenSymbol, { rounding: 'expand' });
  const source = { contract: token, method };
  if (unlimited) {
    flags.push({
      id: 'approval.unlimited',
      severity: 'warn',
      title: `Unlimited ${tokenSymbol} allowance to ${short(spender)}`,
      numbers: { amount: shownAmount, spender },
      why: `The spender can move all your ${tokenSymbol}, now and later, until you revoke it. Approve only the amount this action needs.`,
      source,
    });
  }
  if (!spenderHasCode) {
    flags.push({
      id: 'approval.eoa-spender',
      severity: 'danger',
      title: `Allowance to ${short(spender)}, an address without contract code`,
      numbers: { amount: shownAmount, spender },
      why: 'dApps approve contracts, not personal addresses. An allowance to a plain address lets its owner take the tokens; this is the usual drainer pattern. Reject unless you know the address.',
      source,
    });
  }
  return flags;
}

export type SetApprovalForAllRequest = {
  collection: Address;
  collectionName?: string;
  operator: Address;
  approved: boolean;
  operatorHasCode: boolean;
};

export function setApprovalForAllFlags({
  collection,
  collectionName = 'this collection',
  operator,
  approved,
  operatorHasCode,
}: SetApprovalForAllRequest): RiskFlag[] {
  if (!approved) return [];
  const source = { contract: collection, method: 'setApprovalForAll' };
  const flags: RiskFlag[] = [
    {
      id: 'nft.approval-for-all',
      severity: 'warn',
      title: `${short(operator)} may transfer every item of ${collectionName}`,
      numbers: { operator, collection },
      why: 'An operator approval covers all current and future items of the collection until revoked. Marketplaces need it; anything else rarely does.',
      source,
    },
  ];
  if (!operatorHasCode) {
    flags.push({
      id: 'nft.approval-for-all-eoa',
      severity: 'danger',
      title: `Operator ${short(operator)} has no contract code`,
      numbers: { operator },
      why: 'Approving a plain address for a whole collection hands it every item. Marketplaces use contracts; reject this.',
      source,
    });
  }
  return flags;
}
