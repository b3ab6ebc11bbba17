import { formatUnits, getAddress, isAddress, type Address, type Client } from 'viem';
import { readContract } from 'viem/actions';
import { delegationManagerAbi } from '../chain/abis';
import { AppError } from '../errors';
import { EIGENLAYER } from '../restaking';

export type ValidateAmountParameters = {
  /** What the user typed, e.g. "1.5". */
  text: string;
  /** What the account holds, in the token's smallest unit. */
  balance: bigint;
  decimals?: number;
  symbol?: string;
};

const AMOUNT = /^(\d+)?(?:\.(\d*))?$/;

/**
 * Parses a typed amount into wei, refusing what cannot be sent: not a number, zero, more decimals
 * than the token has, more than the balance. The form shows `shortMessage` under the field.
 */
export function validateAmount({ text, balance, decimals = 18, symbol = 'ETH' }: ValidateAmountParameters): bigint {
  const trimmed = text.trim();
  const match = AMOUNT.exec(trimmed);
  if (!trimmed || !match || (match[1] === undefined && !match[2])) {
    throw new AppError('Enter an amount as a number', {
      code: 'flow.amount.not-a-number',
      details: `"${text}" is not a number. Use digits and at most one dot, e.g. 1.25.`,
    });
  }
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    throw new AppError(`${symbol} has at most ${decimals} decimals`, {
      code: 'flow.amount.too-many-decimals',
      details: `"${trimmed}" has ${fraction.length} digits after the dot; shorten it to ${decimals}.`,
    });
  }
  const wei = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  if (wei === 0n)
    throw new AppError('Enter an amount above zero', { code: 'flow.amount.zero', details: 'A flow of 0 would only cost gas.' });
  if (wei > balance) {
    throw new AppError(`Not enough ${symbol}`, {
      code: 'flow.amount.above-balance',
      details: `You have ${formatUnits(balance, decimals)} ${symbol} and asked for ${trimmed}. Lower the amount (keep some ${symbol} for gas).`,
    });
  }
  return wei;
}

/** Slippage in basis points: 1..5000 (0.01 % .. 50 %). The default of the form is 50 (0.5 %). */
export function validateSlippageBps(bps: number): number {
  if (!Number.isInteger(bps) || bps < 1 || bps > 5000) {
    throw new AppError('Slippage must be between 0.01 % and 50 %', {
      code: 'flow.slippage.range',
      details: `Got ${bps} basis points. 0.5 % (50) suits staking and stable pools.`,
    });
  }
  return bps;
}

export const DEFAULT_SLIPPAGE_BPS = 50;

/** Checks the address form only; `assertOperator` asks the chain. */
export function validateOperatorAddress(text: string): Address {
  const trimmed = text.trim();
  if (!isAddress(trimmed, { strict: false })) {
    throw new AppError('Not an address', { code: 'flow.operator.not-address', details: `"${text}" is not a 0x-prefixed 20-byte address.` });
  }
  return getAddress(trimmed);
}

/** Refuses an address that EigenLayer's DelegationManager does not know as an operator. */
export async function assertOperator(client: Client, operator: Address): Promise<void> {
  let registered: boolean;
  try {
    registered = await readContract(client, {
      address: EIGENLAYER.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'isOperator',
      args: [operator],
    });
  } catch (error) {
    throw new AppError('Could not check the operator', {
      code: 'flow.operator.unchecked',
      cause: error,
      details: 'DelegationManager.isOperator did not answer. Check your RPC in Settings → Networks and retry.',
    });
  }
  if (!registered) {
    throw new AppError('This address is not an EigenLayer operator', {
      code: 'flow.operator.not-registered',
      details: `DelegationManager.isOperator(${operator}) is false: delegating to it would revert. Pick an operator from the list or check the address.`,
    });
  }
}

/**
 * Stake & deploy, withdraw and unwind recipes call Ethereum's contracts (lib/restaking's addresses); on an L2 those
 * addresses hold other code or none. Said before anything is read, instead of a simulation failing on strange code.
 */
export function assertFlowChain(chainId: number): void {
  if (chainId === 1) return;
  throw new AppError('Stake & deploy runs on Ethereum only', {
    code: 'flow.chain.unsupported',
    details: `The active network is chain ${chainId}. The protocols' deposit, withdrawal and lending contracts these flows use are on Ethereum: switch the wallet to Ethereum (your L2 holdings stay tracked in Portfolio).`,
  });
}
