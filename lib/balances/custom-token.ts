import type { Address, Client } from 'viem';
import { getCode, multicall } from 'viem/actions';
import { erc20Abi } from '../chain/abis';
import { AppError } from '../errors';
import { readAddressInput } from '../format/address-book-input';
import { MULTICALL3 } from '../restaking';
import { errorText } from '../tracker/batch-reads';
import { listedAs, type HomeToken } from './token-list';

export type TokenMetadata = { address: Address; symbol: string; decimals: number; name?: string };

const MAX_DECIMALS = 36;
const MAX_SYMBOL = 32;
const MAX_NAME = 64;
// Control and format characters (zero-width, right-to-left overrides) would let a token pass for another.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** The address as typed, checked (checksum when mixed case) and refused when Home already lists it. */
export function readCustomTokenAddress(text: string, listed: readonly HomeToken[]): Address {
  const reading = readAddressInput(text);
  if (!reading.ok) throw new AppError('Not a token address', { details: reading.message, code: 'token.address.invalid' });
  const already = listedAs(listed, reading.value);
  if (already) throw new AppError('Token already listed', { details: `${reading.value} is ${already}.`, code: 'token.duplicate' });
  return reading.value;
}

/**
 * symbol(), decimals() and name() of a contract, read in one Multicall3 call next to eth_getCode. Refuses, naming
 * what failed: no code at the address; symbol() or decimals() reverted or answered nonsense (an ERC-20 must answer
 * both); a symbol with invisible characters or decimals over 36. name() is optional.
 */
export async function readTokenMetadata(client: Client, address: Address, networkName: string): Promise<TokenMetadata> {
  let code: string | undefined;
  let results: Awaited<ReturnType<typeof readViews>>;
  try {
    [code, results] = await Promise.all([getCode(client, { address }), readViews(client, address)]);
  } catch (error) {
    throw new AppError('Could not read the token', {
      details: `The RPC did not answer for ${address} (${errorText(error)}). Nothing was added; check the RPC in Networks and try again.`,
      code: 'token.read-failed',
      cause: error as Error,
    });
  }
  if (!code || code === '0x')
    throw new AppError('No contract at this address', {
      details: `${address} has no code on ${networkName}: it is an account or an empty address, not a token. Check the address and that ${networkName} is the token's network.`,
      code: 'token.no-code',
    });
  const [symbol, decimals, name] = results;
  const failed = [
    symbol.status === 'failure' ? `symbol() reverted (${errorText(symbol.error)})` : null,
    decimals.status === 'failure' ? `decimals() reverted (${errorText(decimals.error)})` : null,
  ].filter((x): x is string => x !== null);
  if (failed.length > 0 || symbol.status !== 'success' || decimals.status !== 'success')
    throw new AppError('Not an ERC-20 token', {
      details: `${address} is a contract, but ${failed.join(' and ')}. An ERC-20 token answers both; nothing was added.`,
      code: 'token.not-erc20',
    });
  const text = symbol.result.trim();
  if (text === '' || [...text].length > MAX_SYMBOL || INVISIBLE.test(text))
    throw new AppError('Token symbol refused', {
      details: `symbol() of ${address} answered ${JSON.stringify(symbol.result.slice(0, 40))}: a symbol is 1–${MAX_SYMBOL} visible characters. Nothing was added.`,
      code: 'token.metadata.invalid',
    });
  if (decimals.result > MAX_DECIMALS)
    throw new AppError('Token decimals refused', {
      details: `decimals() of ${address} answered ${decimals.result}; Ballast shows tokens with 0–${MAX_DECIMALS} decimals. Nothing was added.`,
      code: 'token.metadata.invalid',
    });
  const named = name.status === 'success' ? name.result.trim() : '';
  const keepName = named !== '' && [...named].length <= MAX_NAME && !INVISIBLE.test(named);
  return { address, symbol: text, decimals: Number(decimals.result), ...(keepName ? { name: named } : {}) };
}

function readViews(client: Client, address: Address) {
  return multicall(client, {
    contracts: [
      { address, abi: erc20Abi, functionName: 'symbol' },
      { address, abi: erc20Abi, functionName: 'decimals' },
      { address, abi: erc20Abi, functionName: 'name' },
    ],
    allowFailure: true,
    multicallAddress: MULTICALL3,
  });
}
