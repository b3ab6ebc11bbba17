import { describe, expect, test } from 'vitest';
import { decodeFunctionData, getAddress, parseAbi, parseEther, type Address, type Client } from 'viem';
import { MORE_WITHDRAWAL_QUEUES, etherfi, kelp, mantle, puffer, renzo } from './more';

// The test's own fragments, typed from the protocols' sources (not imported from the ABI registry).
const own = parseAbi([
  'function approve(address spender, uint256 amount) returns (bool)',
  'function requestWithdraw(address recipient, uint256 amount) returns (uint256)',
  'function claimWithdraw(uint256 tokenId)',
  'function initiateWithdrawal(address asset, uint256 rsETHUnstaked, string referralId)',
  'function requestWithdrawal(uint128 pufETHAmount, address recipient)',
  'function completeQueuedWithdrawal(uint256 withdrawalIdx)',
  'function withdraw(uint256 _amount, address _assetOut)',
  'function unstakeRequest(uint128 methAmount, uint128 minETHAmount) returns (uint256)',
  'function claimUnstakeRequest(uint256 unstakeRequestID)',
]);
const owner: Address = '0x00000000000000000000000000000000000A11cE';
const amount = parseEther('1.5');
const decode = (data: `0x${string}`) => decodeFunctionData({ abi: own, data });
const unusedClient = {} as Client;

const addr = {
  eETH: getAddress('0x35fA164735182de50811E8e2E824cFb9B6118ac2'),
  etherfiPool: getAddress('0x308861A430be4cce5502d0A12724771Fc6DaF216'),
  etherfiNft: getAddress('0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c'),
  rsETH: getAddress('0xA1290d69c65A6Fe4DF752f95823fae25cB99e5A7'),
  kelpManager: getAddress('0x62De59c08eB5dAE4b7E6F7a8cAd3006d6965ec16'),
  pufETH: getAddress('0xD9A442856C234a39a81a089C06451EBAa4306a72'),
  pufferManager: getAddress('0xDdA0483184E75a5579ef9635ED14BacCf9d50283'),
  ezETH: getAddress('0xbf5495Efe5DB9ce00f80364C8B423567e58d2110'),
  renzoQueue: getAddress('0x5efc9D10E42FB517456f4ac41EB5e2eBe42C8918'),
  mETH: getAddress('0xd5F7838F5C461fefF7FE49ea5ebaF7728bB0ADfa'),
  mantleStaking: getAddress('0xe3cBd06D7dadB3F4e6557bAb7EdD924CD1489E8f'),
  mantleManager: getAddress('0x38fDF7b489316e03eD8754ad339cb5c4483FDcf9'),
};

describe('withdrawal queue call builders (decoded back with the test’s own ABI)', () => {
  test('ether.fi: approve eETH to the LiquidityPool, then requestWithdraw(owner, amount); claim is claimWithdraw(id) on the NFT', async () => {
    const [approve, request] = etherfi.requestCalls({ symbol: 'eETH', amount, owner });
    expect(approve!.to).toBe(addr.eETH);
    expect(decode(approve!.data)).toEqual({ functionName: 'approve', args: [addr.etherfiPool, amount] });
    expect(request!.to).toBe(addr.etherfiPool);
    expect(decode(request!.data)).toEqual({ functionName: 'requestWithdraw', args: [owner, amount] });
    const [claim] = await etherfi.claimCalls({ requestId: 42n, owner, client: unusedClient });
    expect(claim!.to).toBe(addr.etherfiNft);
    expect(decode(claim!.data)).toEqual({ functionName: 'claimWithdraw', args: [42n] });
    expect([approve, request, claim].every((c) => c!.value === 0n)).toBe(true);
  });

  test('Kelp: approve rsETH to the manager, then initiateWithdrawal(ETH marker, amount, "")', () => {
    const [approve, request] = kelp.requestCalls({ symbol: 'rsETH', amount, owner });
    expect(approve!.to).toBe(addr.rsETH);
    expect(decode(approve!.data)).toEqual({ functionName: 'approve', args: [addr.kelpManager, amount] });
    expect(request!.to).toBe(addr.kelpManager);
    expect(decode(request!.data)).toEqual({
      functionName: 'initiateWithdrawal',
      args: ['0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE', amount, ''],
    });
  });

  test('Puffer: approve pufETH to the manager, then requestWithdrawal(amount, owner); claim is completeQueuedWithdrawal(index)', async () => {
    const [approve, request] = puffer.requestCalls({ symbol: 'pufETH', amount, owner });
    expect(approve!.to).toBe(addr.pufETH);
    expect(decode(approve!.data)).toEqual({ functionName: 'approve', args: [addr.pufferManager, amount] });
    expect(decode(request!.data)).toEqual({ functionName: 'requestWithdrawal', args: [amount, owner] });
    const [claim] = await puffer.claimCalls({ requestId: 11n, owner, client: unusedClient });
    expect(claim!.to).toBe(addr.pufferManager);
    expect(decode(claim!.data)).toEqual({ functionName: 'completeQueuedWithdrawal', args: [11n] });
  });

  test('Renzo: approve ezETH to the WithdrawQueue, then withdraw(amount, ETH marker)', () => {
    const [approve, request] = renzo.requestCalls({ symbol: 'ezETH', amount, owner });
    expect(approve!.to).toBe(addr.ezETH);
    expect(decode(approve!.data)).toEqual({ functionName: 'approve', args: [addr.renzoQueue, amount] });
    expect(request!.to).toBe(addr.renzoQueue);
    expect(decode(request!.data)).toEqual({ functionName: 'withdraw', args: [amount, '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE'] });
  });

  test('Mantle: approve mETH to Staking, then unstakeRequest(amount, 0); claim is claimUnstakeRequest(id) on Staking', async () => {
    const [approve, request] = mantle.requestCalls({ symbol: 'mETH', amount, owner });
    expect(approve!.to).toBe(addr.mETH);
    expect(decode(approve!.data)).toEqual({ functionName: 'approve', args: [addr.mantleStaking, amount] });
    expect(request!.to).toBe(addr.mantleStaking);
    expect(decode(request!.data)).toEqual({ functionName: 'unstakeRequest', args: [amount, 0n] });
    const [claim] = await mantle.claimCalls({ requestId: 7n, owner, client: unusedClient });
    expect(claim!.to).toBe(addr.mantleStaking);
    expect(decode(claim!.data)).toEqual({ functionName: 'claimUnstakeRequest', args: [7n] });
    expect(() => mantle.requestCalls({ symbol: 'ezETH', amount, owner })).toThrow(
      expect.objectContaining({ code: 'queue.token.not-accepted' }),
    );
  });

  test('a token the queue does not take is refused with queue.token.not-accepted', () => {
    expect(() => etherfi.requestCalls({ symbol: 'weETH', amount, owner })).toThrow(
      expect.objectContaining({ code: 'queue.token.not-accepted' }),
    );
    expect(() => kelp.requestCalls({ symbol: 'stETH', amount, owner })).toThrow(
      expect.objectContaining({ code: 'queue.token.not-accepted' }),
    );
  });

  test('the list holds the five queues with their mainnet contracts and a source each', () => {
    expect(MORE_WITHDRAWAL_QUEUES.map((q) => [q.id, q.contract.address])).toEqual([
      ['etherfi', addr.etherfiNft],
      ['kelp', addr.kelpManager],
      ['renzo', addr.renzoQueue],
      ['puffer', addr.pufferManager],
      ['mantle', addr.mantleManager],
    ]);
    // Renzo's queue is in no first-party deployment list: its source names the third-party configs instead.
    for (const q of MORE_WITHDRAWAL_QUEUES) expect(q.contract.source).toMatch(/github\.com|restaking\.md|third-party/);
  });
});
