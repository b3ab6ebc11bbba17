import { describe, expect, it } from 'vitest';
import { encodeFunctionData, pad, parseAbi, toHex, type Address, type Hex } from 'viem';
import { netDeltas } from './balance-changes';
import { decodeCall } from './decode';
import { defaultRegistry } from './labels';
import { personalSignRule } from './rules/personal-sign';

const ME: Address = '0x1111111111111111111111111111111111111111';
const OTHER: Address = '0x2222222222222222222222222222222222222222';
const KELP_POOL: Address = '0x036676389e48133B63a802f8635AD39E752D375D';
const TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'; // reference §7
const topic = (a: Address) => pad(a, { size: 32 });

describe('decodeCall', () => {
  it('decodes a Kelp deposit with the registry ABI; selector matches reference §7 (0x72c51c0b)', () => {
    const data = encodeFunctionData({
      abi: parseAbi(['function depositETH(uint256 minRSETHAmountExpected, string referralId) payable']),
      functionName: 'depositETH',
      args: [123n, 'ref'],
    });
    const { decoded } = decodeCall({ to: KELP_POOL, data, value: 10n ** 18n }, defaultRegistry);
    expect(decoded).toMatchObject({
      targetLabel: 'Kelp LRTDepositPool',
      functionName: 'depositETH',
      selector: '0x72c51c0b',
      known: true,
      value: '1 ETH',
    });
    expect(decoded.args).toEqual([
      { name: 'minRSETHAmountExpected', type: 'uint256', value: '123' },
      { name: 'referralId', type: 'string', value: 'ref' },
    ]);
  });

  it('shows an unknown function raw with its selector', () => {
    const data: Hex = '0xdeadbeef00000000000000000000000000000000000000000000000000000001';
    const { decoded } = decodeCall({ to: OTHER, data }, defaultRegistry);
    expect(decoded).toMatchObject({
      functionName: 'unknown function 0xdeadbeef',
      selector: '0xdeadbeef',
      known: false,
      targetLabel: '0x2222…2222',
    });
    expect(decoded.args[0]?.value).toBe(data);
  });

  it('tells Permit2.approve(address,address,uint160,uint48) from ERC-20 approve', () => {
    const data = encodeFunctionData({
      abi: parseAbi(['function approve(address token, address spender, uint160 amount, uint48 expiration)']),
      functionName: 'approve',
      args: [OTHER, ME, 5n, 7],
    });
    const analysis = decodeCall({ to: '0x000000000022D473030F116dDEE9F6B43aC78BA3', data }, defaultRegistry);
    expect(analysis.family).toBe('Permit2');
    expect(analysis.decoded.targetLabel).toBe('Uniswap Permit2');
  });
});

describe('netDeltas', () => {
  it('nets ERC-20 transfers in and out, ETH moves from 0xEeee…, and ignores 4-topic (ERC-721) transfers', () => {
    const token: Address = '0xA1290d69c65A6Fe4DF752f95823fae25cB99e5A7';
    const logs = [
      {
        address: '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE' as Address,
        topics: [TRANSFER, topic(ME), topic(KELP_POOL)] as Hex[],
        data: toHex(10n ** 18n, { size: 32 }),
        callIndex: 0,
      },
      {
        address: token,
        topics: [TRANSFER, topic('0x0000000000000000000000000000000000000000'), topic(ME)] as Hex[],
        data: toHex(900n, { size: 32 }),
        callIndex: 0,
      },
      { address: token, topics: [TRANSFER, topic(ME), topic(OTHER)] as Hex[], data: toHex(100n, { size: 32 }), callIndex: 1 },
      { address: OTHER, topics: [TRANSFER, topic(OTHER), topic(ME), toHex(1n, { size: 32 })] as Hex[], data: '0x' as Hex, callIndex: 1 },
    ];
    const deltas = netDeltas(logs, ME);
    expect(deltas.get('ETH')).toBe(-(10n ** 18n));
    expect(deltas.get(token.toLowerCase())).toBe(800n);
    expect(deltas.has(OTHER.toLowerCase())).toBe(false);
  });
});

describe('personal_sign', () => {
  it('shows UTF-8 text as info and a bare 32-byte hash as a blind-signing warning', () => {
    expect(personalSignRule(toHex('Sign in to Restake Demo')).output.flags[0]).toMatchObject({
      id: 'signature.message',
      severity: 'info',
      numbers: { message: 'Sign in to Restake Demo' },
    });
    const hash = toHex(2n ** 255n + 12345n, { size: 32 });
    expect(personalSignRule(hash).output.flags[0]).toMatchObject({ id: 'signature.blind-hash', severity: 'warn' });
  });
});
