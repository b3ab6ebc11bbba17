import { formatAmountExact } from '../../lib/format';
import { getAddress, hexToString, isHex, parseTransaction, type Hex, type TypedDataDefinition } from 'viem';
import type { DeviceRequest } from '../../lib/hardware/device-request';
import { typedDataHashes } from '../../lib/hardware/typed-data-hashes';

/** What the device will be asked to sign, in lines a person compares with the device screen. */
export function requestSummary(request: DeviceRequest): { title: string; lines: [string, string][] } {
  const task = request.task;
  if (task.kind === 'transaction') {
    const tx = parseTransaction(task.unsigned);
    const data = tx.data && tx.data !== '0x' ? `${(tx.data.length - 2) / 2} bytes` : 'none';
    return {
      title: 'Transaction',
      lines: [
        ['To', tx.to ? getAddress(tx.to) : 'contract creation'],
        ['Value', exactEth(tx.value ?? 0n)],
        ['Data', data],
        ['Max network fee', maxFee(tx)],
        ['Nonce', String(tx.nonce ?? 0)],
        ['Chain', String(task.chainId)],
      ],
    };
  }
  if (task.kind === 'personal') return { title: 'Message', lines: [['Text', printable(task.message)]] };
  const typed = JSON.parse(task.typedData) as TypedDataDefinition & { primaryType?: string; domain?: { name?: string } };
  // A Ledger without the app's EIP-712 mode (Nano S) shows only these two hashes: the same here, to compare.
  const hashes = hashesOf(typed);
  return {
    title: 'Typed data',
    lines: [
      ['Type', typed.primaryType ?? '?'],
      ['App', typed.domain?.name ?? 'unnamed domain'],
      ['Domain hash', hashes?.domainHash ?? 'cannot be computed'],
      ['Message hash', hashes?.messageHash ?? 'cannot be computed'],
    ],
  };
}

function printable(message: Hex): string {
  if (!isHex(message)) return message;
  const text = hexToString(message);
  // Control characters (other than line breaks) mean binary data: show the hex, as the device does.
  return /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text) ? message : text;
}

/**
 * Every decimal, as the Ledger Ethereum app writes amounts (a rounded "<0.0001 ETH" here would give the person
 * nothing to compare with the device's "Max fees").
 */
const exactEth = (wei: bigint) => `${formatAmountExact(wei)} ETH`;

/** Gas limit × the most the transaction may pay per gas: what the device's "Max fees" line shows. */
function maxFee(tx: { gas?: bigint; maxFeePerGas?: bigint; gasPrice?: bigint }): string {
  const perGas = tx.maxFeePerGas ?? tx.gasPrice;
  return tx.gas !== undefined && perGas !== undefined ? exactEth(tx.gas * perGas) : 'not set';
}

function hashesOf(typed: TypedDataDefinition) {
  try {
    return typedDataHashes(typed);
  } catch {
    return undefined;
  }
}
