import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFunctionData, maxUint256, parseAbi, parseEther, toHex, type Address, type Hex } from 'viem';
import type { Page } from 'playwright-core';
import { PROTOCOL_CONTRACTS as P, TOKENS } from '../../lib/restaking/addresses';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { expectNoAxeViolations, screenshot, type Ballast } from './harness';
import { closePopupOnDevnet, openPopupOnDevnet } from './devnet-popup';

// Issue #16 in the built extension: a Mantle request made outside Ballast and pushed out of the 64-id window by
// 70 others is found by the background's log search after a refresh, and shown with the queue's own mETH amount.
const PASSWORD = 'queue-ids-test-pw';
const raw = parseAbi([
  'function stake(uint256) payable',
  'function approve(address, uint256) returns (bool)',
  'function unstakeRequest(uint128, uint128) returns (uint256)',
  'function nextRequestId() view returns (uint256)',
  'struct UnstakeRequest { uint64 blockNumber; address requester; uint128 id; uint128 mETHLocked; uint128 ethRequested; uint128 cumulativeETHRequested; }',
  'function requestByID(uint256) view returns (UnstakeRequest)',
]);

describe('an old Mantle request found by the log search (devnet)', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  const user: Address = devAccount(1).address;
  const other: Address = devAccount(7).address;
  let positionId = '';
  let id = 0n;

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openPopupOnDevnet({ password: PASSWORD, tab: 'Portfolio', untilAccount: user }));
    const w = (address: Address, functionName: string, args: unknown[], from: Address, value?: bigint) =>
      devnet.ctx.write({ address, abi: raw, functionName, args, from, ...(value ? { value } : {}) } as never);
    for (const a of [user, other]) {
      await w(P.mantleStaking, 'stake', [0n], a, parseEther('5'));
      await w(TOKENS.mETH, 'approve', [P.mantleStaking, maxUint256], a);
    }
    id = (await devnet.ctx.client.readContract({
      address: P.mantleUnstakeRequestsManager,
      abi: raw,
      functionName: 'nextRequestId',
    })) as bigint;
    // The request and the 70 after it go into one block: no refresh can see the request inside its 64-id window
    // (a refresh that did would store the id itself), so only the log search can find it.
    const client = devnet.ctx.client;
    const send = async (from: Address, amount: bigint, nonce: number) =>
      client.request({
        method: 'eth_sendTransaction',
        params: [
          {
            from,
            to: P.mantleStaking,
            data: encodeFunctionData({ abi: raw, functionName: 'unstakeRequest', args: [amount, 0n] }),
            gas: toHex(300_000n),
            nonce: toHex(nonce),
          },
        ],
      } as never) as Promise<Hex>;
    const [n0, n1] = await Promise.all([client.getTransactionCount({ address: user }), client.getTransactionCount({ address: other })]);
    await client.setAutomine(false);
    const hashes = [await send(user, parseEther('1.25'), n0)];
    for (let i = 0; i < 70; i += 1) hashes.push(await send(other, parseEther('0.02'), n1 + i));
    await client.mine({ blocks: 1 });
    await client.setAutomine(true);
    for (const hash of hashes) expect((await client.getTransactionReceipt({ hash })).status).toBe('success');
    expect((await client.getTransactionReceipt({ hash: hashes[0]! })).blockNumber).toBe(
      (await client.getTransactionReceipt({ hash: hashes[70]! })).blockNumber,
    );
    // Time passes (30 blocks, past the search's SEARCH_REFRESH_BLOCKS) before the user looks again.
    await client.mine({ blocks: 30 });
    positionId = `mantle-withdrawal:${user.toLowerCase()}:mETH withdrawal #${id}`;
  }, 240_000);

  afterAll(() => closePopupOnDevnet({ devnet, ballast }));

  it('appears after a refresh (search outside it, then a second refresh) with the locked mETH of requestByID', async () => {
    await page.getByRole('button', { name: 'Refresh portfolio' }).click();
    const row = page.locator(`[data-position="${positionId}"]`);
    await row.waitFor({ timeout: 90_000 });
    const request = (await devnet.ctx.client.readContract({
      address: P.mantleUnstakeRequestsManager,
      abi: raw,
      functionName: 'requestByID',
      args: [id],
    })) as { mETHLocked: bigint; requester: Address };
    expect(request.requester).toBe(user);
    expect(request.mETHLocked).toBe(parseEther('1.25'));
    await expect(row.textContent()).resolves.toMatch(/1\.25\s*mETH/);
    await row.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'portfolio with an old Mantle request found by the log search');
    await screenshot(page, 'queue-ids-mantle-found-light');
    expect(errors).toEqual([]);
  });
});
