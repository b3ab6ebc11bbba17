import { hexToBigInt, isAddressEqual, sliceHex, toEventSelector, type Address, type Hex } from 'viem';
import { NATIVE_ETH, TOKENS } from '../restaking';
import { formatAmount, sameAddress } from '../format';
import type { SimulatedLog } from './simulate';

export const TRANSFER_TOPIC = toEventSelector('Transfer(address,address,uint256)');
const WETH_DEPOSIT_TOPIC = toEventSelector('Deposit(address,uint256)');
const WETH_WITHDRAWAL_TOPIC = toEventSelector('Withdrawal(address,uint256)');

const topicAddress = (topic: Hex | undefined): Hex | undefined => (topic ? sliceHex(topic, 12) : undefined);
const amountOf = (data: Hex): bigint => (data && data !== '0x' ? hexToBigInt(sliceHex(data, 0, 32)) : 0n);

/**
 * Net change per asset for `owner`, from ERC-20 Transfer logs (3 topics; ERC-721 has 4 and is skipped),
 * WETH Deposit/Withdrawal, and the ETH transfers eth_simulateV1 reports as Transfer logs from 0xEeee…EeEe.
 * Keys are lower-case token addresses, or "ETH".
 */
export function netDeltas(logs: readonly SimulatedLog[], owner: Address): Map<string, bigint> {
  const isMe = (topic: Hex | undefined) => sameAddress(topicAddress(topic), owner);
  const deltas = new Map<string, bigint>();
  const add = (asset: string, amount: bigint) => deltas.set(asset, (deltas.get(asset) ?? 0n) + amount);
  for (const log of logs) {
    // Keys stay lower-case (the map's documented format); comparisons go through isAddressEqual.
    const asset = isAddressEqual(log.address, NATIVE_ETH) ? 'ETH' : log.address.toLowerCase();
    const [topic0, t1, t2] = log.topics;
    if (topic0 === TRANSFER_TOPIC && log.topics.length === 3) {
      const amount = amountOf(log.data);
      if (isMe(t1)) add(asset, -amount);
      if (isMe(t2)) add(asset, amount);
    } else if (
      isAddressEqual(log.address, TOKENS.WETH) &&
      (topic0 === WETH_DEPOSIT_TOPIC || topic0 === WETH_WITHDRAWAL_TOPIC) &&
      isMe(t1)
    ) {
      add(asset, topic0 === WETH_DEPOSIT_TOPIC ? amountOf(log.data) : -amountOf(log.data));
    }
  }
  for (const [asset, delta] of deltas) if (delta === 0n) deltas.delete(asset);
  return deltas;
}

/** A balance change, floored: a spend shows at least its size, a receipt at most its size. */
export const formatDelta = (delta: bigint, symbol: string, decimals: number) =>
  `${delta > 0n ? '+' : ''}${formatAmount(delta, decimals, symbol, { maxFractionDigits: 6, rounding: 'floor' })}`;
