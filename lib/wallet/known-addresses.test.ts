import { describe, expect, it } from 'vitest';
import { encodeFunctionData, parseAbi, type Address, type Hex } from 'viem';
import { activityItemSchema } from '../storage/schemas';
import type { StoredActivity } from '../storage/items';
import { knownAddresses } from './known-addresses';
import { tokenTransferOf } from './transactions/send';

const TOKEN = '0xCd5fE23C85820F7B72D0926FC9b05b43E359b7ee' as Address;
const BOB = '0x90F79bf6EB2c4f870365E785982E1f101E93b906' as Address;
const ALICE = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as Address;
const FROM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as Address;
// Written out here rather than taken from lib/chain/abis, so the test does not check the decoder against itself.
const abi = parseAbi(['function transfer(address,uint256)', 'function approve(address,uint256)']);
const transfer = (to: Address, amount: bigint) => encodeFunctionData({ abi, functionName: 'transfer', args: [to, amount] });

describe('tokenTransferOf', () => {
  it('an ERC-20 transfer gives its recipient (checksummed), the token and the amount in units', () => {
    const data = transfer(BOB.toLowerCase() as Address, 2_500_000_000_000_000_000n);
    expect(data.slice(0, 10)).toBe('0xa9059cbb');
    expect(tokenTransferOf({ to: TOKEN, data })).toEqual({ recipient: BOB, token: TOKEN, amount: '2500000000000000000' });
  });
  it('anything else gives nothing: approve, plain ETH, no `to`, data that does not decode', () => {
    expect(tokenTransferOf({ to: TOKEN, data: encodeFunctionData({ abi, functionName: 'approve', args: [BOB, 1n] }) })).toBeUndefined();
    expect(tokenTransferOf({ to: BOB })).toBeUndefined();
    expect(tokenTransferOf({ to: BOB, data: '0x' })).toBeUndefined();
    expect(tokenTransferOf({ data: transfer(BOB, 1n) })).toBeUndefined();
    expect(tokenTransferOf({ to: TOKEN, data: '0xa9059cbb1234' as Hex })).toBeUndefined();
  });
});

describe('knownAddresses', () => {
  const entry = (over: Partial<StoredActivity>): StoredActivity => ({
    hash: `0x${'1'.repeat(64)}`,
    from: FROM,
    value: '0',
    chainId: 1,
    status: 'confirmed',
    submittedAt: 1,
    origin: 'Ballast · Send',
    ...over,
  });

  it("counts a token transfer's recipient as sent-to (not its token contract), and a plain send's `to`", async () => {
    const activity = [
      entry({ to: TOKEN, recipient: BOB, token: TOKEN, amount: '5' }),
      entry({ to: ALICE, value: '1' }),
      entry({ to: FROM, chainId: 5 }),
    ];
    const known = await knownAddresses({ addressBook: { list: async () => [] }, activity: { list: async () => activity } }, 1);
    expect(known).toEqual([
      { address: BOB, source: 'sent' },
      { address: ALICE, source: 'sent' },
    ]);
  });

  it('the stored schema keeps the new fields and still reads entries written before them', () => {
    const withTransfer = entry({ to: TOKEN, recipient: BOB, token: TOKEN, amount: '5' });
    expect(activityItemSchema.parse(withTransfer)).toEqual(withTransfer);
    expect(activityItemSchema.parse(entry({ to: ALICE }))).not.toHaveProperty('recipient');
    expect(activityItemSchema.safeParse({ ...withTransfer, amount: '-1' }).success).toBe(false);
  });
});
