import { describe, expect, it } from 'vitest';
import { encodeFunctionData, erc20Abi, parseEther, stringToHex, toHex } from 'viem';
import { decodeBatch, decodeChain, decodeSignature, decodeTransaction, decodeWatchAsset, hexToText } from './decode';

const alice = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const bob = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('decodeTransaction', () => {
  it('reads value, gas (gas or gasLimit) and the selector of a transfer', () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [bob, 5n] });
    const tx = decodeTransaction([{ from: alice, to: bob, value: toHex(parseEther('1.5')), data, gasLimit: '0x5208' }]);
    expect(tx.value).toBe(1_500_000_000_000_000_000n);
    expect(tx.gas).toBe(21000n);
    expect(tx.selector).toBe('0xa9059cbb'); // transfer(address,uint256), from the published 4byte directory
    expect(tx.to).toBe(bob);
  });

  it('treats missing value as zero and odd values as absent', () => {
    const tx = decodeTransaction([{ from: alice, to: bob, gas: 'lots' }]);
    expect(tx.value).toBe(0n);
    expect(tx.gas).toBeUndefined();
    expect(tx.data).toBeUndefined();
  });
});

describe('decodeSignature', () => {
  it('decodes a hex personal_sign message to text', () => {
    const view = decodeSignature('personal_sign', [stringToHex('Example `personal_sign` message'), alice, 'Example password']);
    expect(view).toMatchObject({ kind: 'message', text: 'Example `personal_sign` message', address: alice });
  });

  it('accepts the swapped [address, message] order', () => {
    expect(decodeSignature('personal_sign', [alice, stringToHex('hi')])).toMatchObject({ text: 'hi', address: alice });
  });

  it('keeps binary messages as hex only', () => {
    const view = decodeSignature('personal_sign', ['0x00ff10', alice]);
    expect(view).toMatchObject({ kind: 'message', text: undefined, hex: '0x00ff10' });
  });

  it('parses v4 typed data from a JSON string with its domain', () => {
    const typed = {
      types: {
        EIP712Domain: [
          { name: 'name', type: 'string' },
          { name: 'chainId', type: 'uint256' },
        ],
        Mail: [{ name: 'contents', type: 'string' }],
      },
      primaryType: 'Mail',
      domain: { name: 'Ether Mail', chainId: 1 },
      message: { contents: 'Hello, Bob!' },
    };
    const view = decodeSignature('eth_signTypedData_v4', [alice, JSON.stringify(typed)]);
    expect(view).toMatchObject({
      kind: 'typed',
      version: 'v4',
      primaryType: 'Mail',
      domain: { name: 'Ether Mail', chainId: 1 },
      message: { contents: 'Hello, Bob!' },
    });
  });

  it('reports unparseable typed data as unknown', () => {
    expect(decodeSignature('eth_signTypedData_v4', [alice, '{nope'])).toMatchObject({ kind: 'unknown' });
  });
});

describe('decodeBatch / decodeChain / decodeWatchAsset', () => {
  it('lists every call of wallet_sendCalls', () => {
    const view = decodeBatch([
      {
        version: '2.0.0',
        from: alice,
        chainId: '0x1',
        atomicRequired: false,
        calls: [
          { to: bob, value: '0x1' },
          { to: alice, data: '0x095ea7b3' + '00'.repeat(64) },
        ],
      },
    ]);
    expect(view.chainId).toBe(1n);
    expect(view.calls).toHaveLength(2);
    expect(view.calls[0]?.value).toBe(1n);
    expect(view.calls[1]?.selector).toBe('0x095ea7b3');
  });

  it('reads an EIP-3085 add-chain request', () => {
    const view = decodeChain([
      {
        chainId: '0x89',
        chainName: 'Polygon',
        rpcUrls: ['https://polygon-rpc.com'],
        nativeCurrency: { name: 'POL', symbol: 'POL', decimals: 18 },
        blockExplorerUrls: ['https://polygonscan.com'],
      },
    ]);
    expect(view).toEqual({
      chainId: 137n,
      name: 'Polygon',
      rpcUrls: ['https://polygon-rpc.com'],
      explorerUrls: ['https://polygonscan.com'],
      currency: { name: 'POL', symbol: 'POL', decimals: 18 },
    });
  });

  it('reads an EIP-747 watch-asset request', () => {
    expect(decodeWatchAsset({ type: 'ERC20', options: { address: bob, symbol: 'TST', decimals: 4 } })).toMatchObject({
      type: 'ERC20',
      address: bob,
      symbol: 'TST',
      decimals: 4,
    });
  });

  it('hexToText rejects invalid UTF-8', () => {
    expect(hexToText('0xc328')).toBeUndefined();
    expect(hexToText(stringToHex('ünïcode ✓'))).toBe('ünïcode ✓');
  });
});
