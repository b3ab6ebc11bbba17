import { describe, expect, it } from 'vitest';
import { parseAbi, parseEther, type Address, type Hex } from 'viem';
import { createMemoryFlowStore, type FlowPreview, type FlowState } from '../../lib/flows';
import { planWithdraw, type WithdrawIntent } from '../../lib/flows/withdraw';
import type { AppError } from '../../lib/errors';
import { EIGENLAYER, EIGEN_STRATEGIES, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking';
import { useFlowsDevnet } from './flows-fixture';
import { advance, finalize } from './scenarios';
import { EIGEN_DEVNET_OPERATOR, eigenAbi } from './seed/eigen-base';
import { depositAndDelegate, queueWithdrawal, slashOperator } from './seed/eigen-actions';
import { waitMined } from './mined';

// Every expected number here comes from raw reads of the doubles (shares, pooled ether, magnitudes,
// strategy balances) and the formulas the contracts document, never from the planner or the executor.
const QUEUE = PROTOCOL_CONTRACTS.lidoWithdrawalQueue;
const WAD = 10n ** 18n;
const raw = parseAbi([
  'struct WithdrawalRequestStatus { uint256 amountOfStETH; uint256 amountOfShares; address owner; uint256 timestamp; bool isFinalized; bool isClaimed; }',
  'function balanceOf(address) view returns (uint256)',
  'function sharesOf(address) view returns (uint256)',
  'function getTotalShares() view returns (uint256)',
  'function getTotalPooledEther() view returns (uint256)',
  'function submit(address) payable returns (uint256)',
  'function getWithdrawalRequests(address) view returns (uint256[])',
  'function getWithdrawalStatus(uint256[]) view returns (WithdrawalRequestStatus[])',
  'function getLastCheckpointIndex() view returns (uint256)',
  'function findCheckpointHints(uint256[], uint256, uint256) view returns (uint256[])',
  'function getClaimableEther(uint256[], uint256[]) view returns (uint256[])',
  'function ownerOf(uint256) view returns (address)',
  'function minWithdrawalDelayBlocks() view returns (uint32)',
  'function getMaxMagnitude(address, address) view returns (uint64)',
  'function totalShares() view returns (uint256)',
]);

const fx = useFlowsDevnet({ userLabel: 'ballast-withdraw-flows' });
const read = <T>(address: Address, functionName: string, args: unknown[] = []) =>
  fx.client().readContract({ address, abi: raw, functionName, args } as never) as Promise<T>;
const plan = (from: Address, intent: WithdrawIntent) => planWithdraw(fx.planDeps(), { from, intent });
const run = async (preview: FlowPreview): Promise<FlowState> => {
  const ex = fx.executorOn(createMemoryFlowStore());
  return ex.run((await ex.start(preview)).id);
};
/** Gas paid by every mined step of a flow, from the receipts (gasUsed × effectiveGasPrice). */
async function gasPaid(state: FlowState): Promise<bigint> {
  let total = 0n;
  for (const s of state.steps) {
    const r = await fx.client().getTransactionReceipt({ hash: s.hash as Hex });
    total += r.gasUsed * r.effectiveGasPrice;
  }
  return total;
}
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: AppError) => e.code,
  );
type Status = { amountOfStETH: bigint; owner: Address; isFinalized: boolean; isClaimed: boolean };

describe('one-click Lido withdrawals through the flow executor', () => {
  let user: Address;
  let stethRequest = 0n;
  let wstethRequest = 0n;

  it('requests a stETH withdrawal: one unstETH NFT owned, stETH down by the shares the amount moves', async () => {
    user = await fx.freshUser();
    await fx
      .devnet()
      .ctx.write({ address: TOKENS.stETH, abi: raw, functionName: 'submit', args: [user], value: parseEther('10'), from: user });
    const amount = parseEther('3');
    const [shares, totalShares, pooled, before] = await Promise.all([
      read<bigint>(TOKENS.stETH, 'sharesOf', [user]),
      read<bigint>(TOKENS.stETH, 'getTotalShares'),
      read<bigint>(TOKENS.stETH, 'getTotalPooledEther'),
      read<bigint[]>(QUEUE, 'getWithdrawalRequests', [user]),
    ]);
    expect(before).toEqual([]);
    const preview = await plan(user, { kind: 'request', symbol: 'stETH', amount });
    expect(preview.status).toBe('ok');
    expect(preview.plan.steps.map((s) => s.label)).toEqual([
      'Allow the Lido withdrawal queue to take stETH',
      'Request a Lido withdrawal of stETH',
    ]);
    expect(preview.facts.withdrawal?.rows).toContainEqual(expect.objectContaining({ label: 'Request NFTs received', value: '1' }));
    expect(preview.facts.withdrawal?.rows.map((r) => r.label)).toEqual(
      expect.arrayContaining(['Route', 'Pays out', 'Delay', 'Fee', 'Queue']),
    );
    const flow = await run(preview);
    expect(flow.status).toBe('done');

    const ids = await read<bigint[]>(QUEUE, 'getWithdrawalRequests', [user]);
    expect(ids).toHaveLength(1);
    stethRequest = ids[0]!;
    expect(await read<Address>(QUEUE, 'ownerOf', [stethRequest])).toBe(user);
    const [status] = await read<Status[]>(QUEUE, 'getWithdrawalStatus', [[stethRequest]]);
    expect(status!.amountOfStETH).toBe(amount);
    // stETH moves shares: amount × totalShares ÷ pooled (floor) leave the user; the balance is shares × pooled ÷ totalShares.
    const moved = (amount * totalShares) / pooled;
    expect(await read<bigint>(TOKENS.stETH, 'sharesOf', [user])).toBe(shares - moved);
    expect(await read<bigint>(TOKENS.stETH, 'balanceOf', [user])).toBe(((shares - moved) * pooled) / totalShares);
  });

  it('requests a wstETH withdrawal: wstETH down by exactly the amount, the request holds its unwrapped stETH', async () => {
    const funded = await fx.devnet().ctx.client.sendTransaction({ account: user, to: TOKENS.wstETH, value: parseEther('4'), chain: null });
    expect((await waitMined(fx.client(), funded)).status).toBe('success');
    const amount = parseEther('2');
    const [wst, totalShares, pooled] = await Promise.all([
      read<bigint>(TOKENS.wstETH, 'balanceOf', [user]),
      read<bigint>(TOKENS.stETH, 'getTotalShares'),
      read<bigint>(TOKENS.stETH, 'getTotalPooledEther'),
    ]);
    const flow = await run(await plan(user, { kind: 'request', symbol: 'wstETH', amount }));
    expect(flow.status).toBe('done');
    expect(await read<bigint>(TOKENS.wstETH, 'balanceOf', [user])).toBe(wst - amount);
    const ids = await read<bigint[]>(QUEUE, 'getWithdrawalRequests', [user]);
    expect(ids).toHaveLength(2);
    wstethRequest = ids.find((id) => id !== stethRequest)!;
    const [status] = await read<Status[]>(QUEUE, 'getWithdrawalStatus', [[wstethRequest]]);
    // wstETH is stETH shares: unwrap gives amount × pooled ÷ totalShares.
    expect(status!.amountOfStETH).toBe((amount * pooled) / totalShares);
    expect(status!.owner).toBe(user);
  });

  it('bad input is refused with its code before anything is sent', async () => {
    const nonce = await fx.nonceOf(user);
    expect(await codeOf(plan(user, { kind: 'request', symbol: 'stETH', amount: 99n }))).toBe('withdraw.amount-too-small');
    expect(await codeOf(plan(user, { kind: 'request', symbol: 'rETH', amount: parseEther('1') }))).toBe('withdraw.no-queue');
    expect(await codeOf(plan(user, { kind: 'request', symbol: 'stETH', amount: parseEther('1000') }))).toBe(
      'withdraw.amount-above-balance',
    );
    expect(await codeOf(plan(user, { kind: 'claim', queue: 'nope', requestId: 1n }))).toBe('withdraw.no-queue');
    expect(await codeOf(plan(user, { kind: 'claim', queue: 'lido', requestId: stethRequest }))).toBe('withdraw.not-claimable');
    expect(await codeOf(plan(user, { kind: 'claim', queue: 'lido', requestId: 10_000n }))).toBe('withdraw.unknown-request');
    const other = await fx.freshUser();
    expect(await codeOf(plan(other, { kind: 'claim', queue: 'lido', requestId: stethRequest }))).toBe('withdraw.not-owner');
    expect(await fx.nonceOf(user)).toBe(nonce);
  });

  it('after "finalize lido", Claim pays exactly getClaimableEther (less the gas of the receipt) and burns the NFT', async () => {
    await finalize(fx.devnet().ctx, 'lido');
    for (const id of [stethRequest, wstethRequest]) {
      const last = await read<bigint>(QUEUE, 'getLastCheckpointIndex');
      const hints = await read<bigint[]>(QUEUE, 'findCheckpointHints', [[id], 1n, last]);
      const [claimable] = await read<bigint[]>(QUEUE, 'getClaimableEther', [[id], hints]);
      expect(claimable).toBeGreaterThan(0n);
      const nftsBefore = await read<bigint>(QUEUE, 'balanceOf', [user]);
      const ethBefore = await fx.client().getBalance({ address: user });
      const preview = await plan(user, { kind: 'claim', queue: 'lido', requestId: id });
      expect(preview.status).toBe('ok');
      expect(preview.finalPosition).toContainEqual({ token: 'ETH', symbol: 'ETH', amount: claimable!.toString() });
      expect(preview.facts.withdrawal?.rows).toContainEqual(expect.objectContaining({ label: 'Request NFTs burned', value: '1' }));
      const flow = await run(preview);
      expect(flow.status).toBe('done');
      const ethAfter = await fx.client().getBalance({ address: user });
      expect(ethAfter - ethBefore).toBe(claimable! - (await gasPaid(flow)));
      const [status] = await read<Status[]>(QUEUE, 'getWithdrawalStatus', [[id]]);
      expect(status!.isClaimed).toBe(true);
      await expect(read(QUEUE, 'ownerOf', [id])).rejects.toThrow();
      expect(await read<bigint>(QUEUE, 'balanceOf', [user])).toBe(nftsBefore - 1n);
    }
    expect(await read<bigint>(QUEUE, 'balanceOf', [user])).toBe(0n);
    // Claimed: a second claim is refused, nothing sent.
    const nonce = await fx.nonceOf(user);
    expect(await codeOf(plan(user, { kind: 'claim', queue: 'lido', requestId: stethRequest }))).toBe('withdraw.not-claimable');
    expect(await fx.nonceOf(user)).toBe(nonce);
  });

  it('resumable: a worker stopped after the approval, the next one sends only the request (one NFT, two transactions)', async () => {
    const preview = await plan(user, { kind: 'request', symbol: 'stETH', amount: parseEther('0.5') });
    const store = createMemoryFlowStore();
    const nonceBefore = await fx.nonceOf(user);
    const nftsBefore = await read<bigint>(QUEUE, 'balanceOf', [user]);
    const first = fx.executorOn(store);
    const { id } = await first.start(preview);
    expect((await first.advance(id)).steps.map((s) => s.status)).toEqual(['mined', 'planned']);
    const [flow] = await fx.executorOn(store).resume();
    expect(flow).toMatchObject({ id, status: 'done' });
    expect(await fx.nonceOf(user)).toBe(nonceBefore + 2);
    expect(await read<bigint>(QUEUE, 'balanceOf', [user])).toBe(nftsBefore + 1n);
  });

  it('claiming a request that is not finalized is refused (withdraw.not-claimable), nonce unchanged', async () => {
    expect((await run(await plan(user, { kind: 'request', symbol: 'stETH', amount: parseEther('1') }))).status).toBe('done');
    const fresh = (await read<bigint[]>(QUEUE, 'getWithdrawalRequests', [user])).at(-1);
    const nonce = await fx.nonceOf(user);
    expect(await codeOf(plan(user, { kind: 'claim', queue: 'lido', requestId: fresh! }))).toBe('withdraw.not-claimable');
    expect(await fx.nonceOf(user)).toBe(nonce);
  });
});

type QueuedWithdrawal = { startBlock: number; nonce: bigint; strategies: readonly Address[]; scaledShares: readonly bigint[] };

describe('one-click EigenLayer completion', () => {
  it('completes a queued withdrawal past the delay as tokens: shares × max magnitude, priced by the strategy, queue empty', async () => {
    const ctx = fx.devnet().ctx;
    const user = await fx.freshUser();
    const strategy = EIGEN_STRATEGIES.stETH;
    await ctx.write({ address: TOKENS.stETH, abi: raw, functionName: 'submit', args: [user], value: parseEther('6'), from: user });
    const { depositShares } = await depositAndDelegate(ctx, user, 'stETH', parseEther('5'));
    const queued = await queueWithdrawal(ctx, user, 'stETH', depositShares / 2n);
    const intent: WithdrawIntent = { kind: 'eigen-complete', startBlock: queued.withdrawal.startBlock, strategy };
    // Too early: refused before anything is simulated or sent.
    const nonce = await fx.nonceOf(user);
    expect(await codeOf(plan(user, intent))).toBe('withdraw.not-claimable');
    expect(await fx.nonceOf(user)).toBe(nonce);

    // A slash during the delay reaches the queued shares (reference §6).
    await slashOperator(ctx, { operator: EIGEN_DEVNET_OPERATOR, operatorSetId: 1, fraction: 0.25 });
    const delay = await read<number>(EIGENLAYER.delegationManager, 'minWithdrawalDelayBlocks');
    await advance(ctx, String(delay + 1));

    const [[stored]] = (await fx.client().readContract({
      address: EIGENLAYER.delegationManager,
      abi: eigenAbi.delegationManager(),
      functionName: 'getQueuedWithdrawals',
      args: [user],
    })) as [QueuedWithdrawal[], bigint[][]];
    const maxMagnitude = await read<bigint>(EIGENLAYER.allocationManager, 'getMaxMagnitude', [EIGEN_DEVNET_OPERATOR, strategy]);
    expect(maxMagnitude).toBeLessThan(WAD);
    const shares = (stored!.scaledShares[0]! * maxMagnitude) / WAD;
    const [strategyBalance, totalShares] = await Promise.all([
      read<bigint>(TOKENS.stETH, 'balanceOf', [strategy]),
      read<bigint>(strategy, 'totalShares'),
    ]);
    // StrategyBase with 1e3 virtual shares and wei.
    const tokens = ((strategyBalance + 1000n) * shares) / (totalShares + 1000n);
    const [userShares, stTotalShares, pooled] = await Promise.all([
      read<bigint>(TOKENS.stETH, 'sharesOf', [user]),
      read<bigint>(TOKENS.stETH, 'getTotalShares'),
      read<bigint>(TOKENS.stETH, 'getTotalPooledEther'),
    ]);

    const preview = await plan(user, intent);
    expect(preview.status).toBe('ok');
    expect(preview.plan.steps).toHaveLength(1);
    const flow = await run(preview);
    expect(flow.status).toBe('done');
    // stETH pays by shares: the user gains tokens × totalShares ÷ pooled shares (floor).
    expect(await read<bigint>(TOKENS.stETH, 'sharesOf', [user])).toBe(userShares + (tokens * stTotalShares) / pooled);
    const [left] = (await fx.client().readContract({
      address: EIGENLAYER.delegationManager,
      abi: eigenAbi.delegationManager(),
      functionName: 'getQueuedWithdrawals',
      args: [user],
    })) as [QueuedWithdrawal[], bigint[][]];
    expect(left).toEqual([]);
    expect(await codeOf(plan(user, intent))).toBe('withdraw.not-found');
  });
});

describe('one-click request and claim through a queue beyond Lido (ether.fi WithdrawRequestNFT)', () => {
  const NFT = PROTOCOL_CONTRACTS.etherfiWithdrawRequestNFT;
  const efi = parseAbi([
    'function deposit() payable returns (uint256)',
    'function nextRequestId() view returns (uint32)',
    'function ownerOf(uint256) view returns (address)',
    'function getClaimableAmount(uint256) view returns (uint256)',
    'function balanceOf(address) view returns (uint256)',
  ]);
  const readEfi = <T>(address: Address, functionName: string, args: unknown[] = []) =>
    fx.client().readContract({ address, abi: efi, functionName, args } as never) as Promise<T>;

  it('requests 2 eETH (one request NFT owned), then after "finalize etherfi" claims exactly getClaimableAmount', async () => {
    const user = await fx.freshUser();
    await fx.devnet().ctx.write({
      address: PROTOCOL_CONTRACTS.etherfiLiquidityPool,
      abi: efi,
      functionName: 'deposit',
      value: parseEther('5'),
      from: user,
    });
    const request = await plan(user, { kind: 'request', symbol: 'eETH', amount: parseEther('2') });
    expect(request.status).toBe('ok');
    expect((await run(request)).status).toBe('done');
    const id = BigInt(await readEfi<number>(NFT, 'nextRequestId')) - 1n;
    expect(await readEfi<Address>(NFT, 'ownerOf', [id])).toBe(user);

    // Not finalized yet: the claim cannot go through (refused at planning, or its simulation fails), nothing is sent.
    const nonce = await fx.nonceOf(user);
    const early = await plan(user, { kind: 'claim', queue: 'etherfi', requestId: id }).then(
      (p) => p.status,
      (e: AppError) => e.code,
    );
    expect(early).not.toBe('ok');
    expect(await fx.nonceOf(user)).toBe(nonce);

    await finalize(fx.devnet().ctx, 'etherfi');
    const claimable = await readEfi<bigint>(NFT, 'getClaimableAmount', [id]);
    expect(claimable).toBeGreaterThan(parseEther('1.99'));
    const ethBefore = await fx.client().getBalance({ address: user });
    const claim = await plan(user, { kind: 'claim', queue: 'etherfi', requestId: id });
    expect(claim.status).toBe('ok');
    const flow = await run(claim);
    expect(flow.status).toBe('done');
    expect((await fx.client().getBalance({ address: user })) - ethBefore).toBe(claimable - (await gasPaid(flow)));
    await expect(readEfi(NFT, 'ownerOf', [id])).rejects.toThrow();
  });
});

describe('one-click request and claim through Kelp LRTWithdrawalManager (claims pay the oldest request first)', () => {
  const MANAGER = PROTOCOL_CONTRACTS.kelpWithdrawalManager;
  const ETH_MARKER = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE' as const;
  const kelpAbi = parseAbi([
    'function depositETH(uint256, string) payable',
    'function getUserWithdrawalRequest(address, address, uint256) view returns (uint256, uint256, uint256, uint256)',
    'function userAssociatedNonces(address, address) view returns (uint128, uint128)',
    'function balanceOf(address) view returns (uint256)',
  ]);
  const readKelp = <T>(address: Address, functionName: string, args: unknown[] = []) =>
    fx.client().readContract({ address, abi: kelpAbi, functionName, args } as never) as Promise<T>;

  it('requests 1.5 rsETH, then after "finalize kelp" claims the unlocked amount the manager records', async () => {
    const user = await fx.freshUser();
    await fx.devnet().ctx.write({
      address: PROTOCOL_CONTRACTS.kelpDepositPool,
      abi: kelpAbi,
      functionName: 'depositETH',
      args: [0n, ''],
      value: parseEther('4'),
      from: user,
    });
    const rsBefore = await readKelp<bigint>(TOKENS.rsETH, 'balanceOf', [user]);
    const request = await plan(user, { kind: 'request', symbol: 'rsETH', amount: parseEther('1.5') });
    expect(request.status).toBe('ok');
    expect((await run(request)).status).toBe('done');
    expect(rsBefore - (await readKelp<bigint>(TOKENS.rsETH, 'balanceOf', [user]))).toBe(parseEther('1.5'));
    const [rsUnstaked, , , nonce] = await readKelp<readonly bigint[]>(MANAGER, 'getUserWithdrawalRequest', [ETH_MARKER, user, 0n]);
    expect(rsUnstaked).toBe(parseEther('1.5'));

    await finalize(fx.devnet().ctx, 'kelp');
    const [, unlocked] = await readKelp<readonly bigint[]>(MANAGER, 'getUserWithdrawalRequest', [ETH_MARKER, user, 0n]);
    const ethBefore = await fx.client().getBalance({ address: user });
    const claim = await plan(user, { kind: 'claim', queue: 'kelp', requestId: nonce! });
    expect(claim.status).toBe('ok');
    const flow = await run(claim);
    expect(flow.status).toBe('done');
    expect((await fx.client().getBalance({ address: user })) - ethBefore).toBe(unlocked! - (await gasPaid(flow)));
    const [begin, end] = await readKelp<readonly bigint[]>(MANAGER, 'userAssociatedNonces', [ETH_MARKER, user]);
    expect(end! - begin!).toBe(0n);
  });
});

describe('one-click request and claim through Renzo, Puffer and Mantle', () => {
  const P = PROTOCOL_CONTRACTS;
  const ETH_MARKER = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE' as const;
  const q = parseAbi([
    'function depositETH() payable',
    'function depositETH(address) payable returns (uint256)',
    'function stake(uint256) payable',
    'function balanceOf(address) view returns (uint256)',
    'function withdrawRequests(address, uint256) view returns (address, uint256, uint256, uint256, uint256)',
    'function calculateAmountToRedeem(uint256, address) view returns (uint256, uint256)',
    'struct Withdrawal { uint128 pufETHAmount; uint128 pufETHToETHExchangeRate; address recipient; }',
    'struct WithdrawalBatch { uint64 pufETHToETHExchangeRate; uint88 toBurn; uint96 toTransfer; uint128 withdrawalsClaimed; uint128 amountClaimed; }',
    'function getWithdrawalsLength() view returns (uint256)',
    'function getWithdrawal(uint256) view returns (Withdrawal)',
    'function getBatch(uint256) view returns (WithdrawalBatch)',
    'function nextRequestId() view returns (uint256)',
    'function unstakeRequestInfo(uint256) view returns (bool, uint256)',
  ]);
  const r = <T>(address: Address, functionName: string, args: unknown[] = []) =>
    fx.client().readContract({ address, abi: q, functionName, args } as never) as Promise<T>;
  const min = (a: bigint, b: bigint) => (a < b ? a : b);

  type Case = {
    queue: 'renzo' | 'puffer' | 'mantle';
    symbol: 'ezETH' | 'pufETH' | 'mETH';
    mint: (user: Address) => Promise<unknown>;
    requestId: (user: Address) => Promise<bigint>;
    /** The queue's own figure for what the claim pays, read after finalize. */
    payout: (user: Address, id: bigint) => Promise<bigint>;
    paid: (user: Address) => Promise<bigint>;
  };
  const write = (address: Address, functionName: string, args: unknown[], value: bigint, from: Address) =>
    fx.devnet().ctx.write({ address, abi: q, functionName, args, value, from } as never);
  const ethOf = (user: Address) => fx.client().getBalance({ address: user });
  const cases: Case[] = [
    {
      queue: 'renzo',
      symbol: 'ezETH',
      mint: (user) => write(P.renzoRestakeManager, 'depositETH', [], parseEther('4'), user),
      requestId: async (user) => (await r<readonly bigint[]>(P.renzoWithdrawQueue, 'withdrawRequests', [user, 0n]))[1]!,
      async payout(user) {
        const [, , amountToRedeem, locked] = await r<readonly bigint[]>(P.renzoWithdrawQueue, 'withdrawRequests', [user, 0n]);
        const [, now] = await r<readonly bigint[]>(P.renzoWithdrawQueue, 'calculateAmountToRedeem', [locked, ETH_MARKER]);
        return min(amountToRedeem!, now!);
      },
      paid: ethOf,
    },
    {
      queue: 'puffer',
      symbol: 'pufETH',
      mint: (user) => write(TOKENS.pufETH, 'depositETH', [user], parseEther('4'), user),
      requestId: async () => (await r<bigint>(P.pufferWithdrawalManager, 'getWithdrawalsLength')) - 1n,
      async payout(_user, id) {
        // PufferWithdrawalManager.completeQueuedWithdrawal: amount × min(rate at request, batch rate) / 1e18, as WETH.
        const w = await r<{ pufETHAmount: bigint; pufETHToETHExchangeRate: bigint }>(P.pufferWithdrawalManager, 'getWithdrawal', [id]);
        const b = await r<{ pufETHToETHExchangeRate: bigint }>(P.pufferWithdrawalManager, 'getBatch', [id / 10n]);
        return (w.pufETHAmount * min(w.pufETHToETHExchangeRate, BigInt(b.pufETHToETHExchangeRate))) / 10n ** 18n;
      },
      paid: (user) => r<bigint>(TOKENS.WETH, 'balanceOf', [user]),
    },
    {
      queue: 'mantle',
      symbol: 'mETH',
      mint: (user) => write(P.mantleStaking, 'stake', [0n], parseEther('4'), user),
      requestId: async () => (await r<bigint>(P.mantleUnstakeRequestsManager, 'nextRequestId')) - 1n,
      payout: async (_user, id) => (await r<readonly [boolean, bigint]>(P.mantleStaking, 'unstakeRequestInfo', [id]))[1],
      paid: ethOf,
    },
  ];

  it.each(cases)('$queue: request 1.25 $symbol, finalize, claim pays the queue’s own figure', async (c) => {
    const user = await fx.freshUser();
    await c.mint(user);
    const token = TOKENS[c.symbol];
    const before = await r<bigint>(token, 'balanceOf', [user]);
    const request = await plan(user, { kind: 'request', symbol: c.symbol, amount: parseEther('1.25') });
    expect(request.status).toBe('ok');
    expect((await run(request)).status).toBe('done');
    expect(before - (await r<bigint>(token, 'balanceOf', [user]))).toBe(parseEther('1.25'));
    const id = await c.requestId(user);

    await finalize(fx.devnet().ctx, c.queue);
    const payout = await c.payout(user, id);
    expect(payout).toBeGreaterThan(0n);
    const paidBefore = await c.paid(user);
    const ethBefore = await ethOf(user);
    const claim = await plan(user, { kind: 'claim', queue: c.queue, requestId: id });
    expect(claim.status).toBe('ok');
    const flow = await run(claim);
    expect(flow.status).toBe('done');
    const gas = await gasPaid(flow);
    if (c.queue === 'puffer') {
      expect((await c.paid(user)) - paidBefore).toBe(payout);
      expect(ethBefore - (await ethOf(user))).toBe(gas);
    } else expect((await c.paid(user)) - paidBefore).toBe(payout - gas);
  });
});
