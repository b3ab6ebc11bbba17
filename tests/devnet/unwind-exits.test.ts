import { describe, expect, it } from 'vitest';
import { parseAbi, parseEther, type Address } from 'viem';
import { createMemoryFlowStore, planFlow, planUnwind, type FlowPreview, type FlowState } from '../../lib/flows';
import { planWithdraw } from '../../lib/flows/withdraw';
import { readQueueWait } from '../../lib/flows/queue-wait';
import type { AppError } from '../../lib/errors';
import { formatAmount } from '../../lib/format';
import { CURVE, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking';
import { useFlowsDevnet } from './flows-fixture';

const views = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function get_dy(int128, int128, uint256) view returns (uint256)',
  'function rsETHPrice() view returns (uint256)',
  'function unfinalizedStETH() view returns (uint256)',
  'function getWithdrawalRequests(address) view returns (uint256[])',
  'function withdrawalDelayBlocks() view returns (uint256)',
  'function coolDownPeriod() view returns (uint256)',
  'function numberOfBlocksToFinalize() view returns (uint256)',
]);
const ONE = 10n ** 18n;
const { client, freshUser, executorOn, planDeps } = useFlowsDevnet({ userLabel: 'ballast-unwind-exits-user' });
const read = <T>(address: Address, functionName: string, args: unknown[] = []) =>
  client().readContract({ address, abi: views, functionName, args } as never) as Promise<T>;
const run = async (preview: FlowPreview): Promise<FlowState> => {
  const ex = executorOn(createMemoryFlowStore());
  return ex.run((await ex.start(preview)).id);
};

// The Unwind screen's "Ways out" (planUnwind facts.unwindExits): every figure against the devnet's raw state.
describe('unwind exits: the protocol queue beside the market', () => {
  it('stETH held from a finished stake: Curve sale = get_dy, Lido at the fair value; after the request the unwind has nothing left to sell', async () => {
    const user = await freshUser();
    const flow = await run(await planFlow(planDeps(), { recipeId: 'stake:stETH', from: user, amount: parseEther('1') }));
    expect(flow.status).toBe('done');
    const held = await read<bigint>(TOKENS.stETH, 'balanceOf', [user]);
    const staked = BigInt(flow.steps[0]!.actualOut!);
    const amount = held < staked ? held : staked;

    const unwind = await planUnwind(planDeps(), { state: flow });
    expect(unwind.plan.steps.map((s) => s.label)).toEqual([
      'Allow the Curve pool to take stETH (to sell it)',
      'Sell stETH for ETH on Curve',
    ]);
    const [exit, ...more] = unwind.facts.unwindExits ?? [];
    expect(more).toEqual([]);
    expect(exit).toMatchObject({
      symbol: 'stETH',
      amount: amount.toString(),
      held: true,
      queue: { id: 'lido', protocol: 'Lido', pays: 'ETH' },
      // stETH is 1 ETH by design: the protocol route pays the amount itself.
      fairValueEth: amount.toString(),
      market: { venue: 'Curve', inUnwind: true, ethOut: (await read<bigint>(CURVE.stethPool, 'get_dy', [1n, 0n, amount])).toString() },
      wait: { eta: 'unknown' },
    });
    const ahead = await read<bigint>(PROTOCOL_CONTRACTS.lidoWithdrawalQueue, 'unfinalizedStETH');
    expect(exit!.wait.source).toContain('unfinalizedStETH');
    expect(exit!.wait.text).toBe(
      `unknown: Lido finalizes with its oracle reports; ${formatAmount(ahead, 18, 'stETH', { maxFractionDigits: 4 })} waits ahead of you`,
    );

    // The protocol route: the one-click request for exactly that amount (planWithdraw, as the Unwind screen sends it).
    const request = await planWithdraw(planDeps(), { from: user, intent: { kind: 'request', symbol: 'stETH', amount } });
    expect(request.facts.withdrawal?.rows.find((r) => r.label === 'Wait')?.value).toBe(exit!.wait.text);
    expect((await run(request)).status).toBe('done');
    expect(await read<readonly bigint[]>(PROTOCOL_CONTRACTS.lidoWithdrawalQueue, 'getWithdrawalRequests', [user])).toHaveLength(1);

    // Planned again: none of the stETH is left (share rounding aside), so nothing is sold and no exit is offered.
    const again = await planUnwind(planDeps(), { state: flow }).catch((e: AppError) => e);
    expect((again as AppError).code).toBe('flow.unwind.nothing');
    expect((again as AppError).details).toContain('stETH: none of what this flow staked is left in the wallet');
  });

  it('rsETH held, no pool quotes it: no unwind step, the Kelp exit alone with its wait from withdrawalDelayBlocks', async () => {
    const user = await freshUser();
    const amountIn = parseEther('2');
    const price = await read<bigint>(PROTOCOL_CONTRACTS.kelpOracle, 'rsETHPrice');
    const flow = await run(await planFlow(planDeps(), { recipeId: 'stake:rsETH', from: user, amount: amountIn }));
    const minted = (amountIn * ONE) / price;
    expect(await read<bigint>(TOKENS.rsETH, 'balanceOf', [user])).toBe(minted);

    const unwind = await planUnwind(planDeps(), { state: flow });
    expect(unwind.status).toBe('ok');
    expect(unwind.plan.steps).toEqual([]);
    const delay = await read<bigint>(PROTOCOL_CONTRACTS.kelpWithdrawalManager, 'withdrawalDelayBlocks');
    expect(unwind.facts.unwindExits).toEqual([
      expect.objectContaining({
        symbol: 'rsETH',
        amount: minted.toString(),
        held: true,
        queue: expect.objectContaining({ id: 'kelp', pays: 'ETH' }),
        // Kelp's fair rate is the oracle's rsETHPrice.
        fairValueEth: ((minted * price) / ONE).toString(),
        market: null,
        wait: expect.objectContaining({ eta: 'estimated', atLeastSeconds: (delay * 12n).toString() }),
      }),
    ]);
    expect(unwind.facts.unwindExits![0]!.wait.text).toMatch(new RegExp(`^at least ${delay} blocks \\(about `));
  });

  it('rsETH in Aave: the exit comes back with the unwind step that withdraws it', async () => {
    const user = await freshUser();
    const flow = await run(await planFlow(planDeps(), { recipeId: 'aave:rsETH', from: user, amount: parseEther('1') }));
    const unwind = await planUnwind(planDeps(), { state: flow });
    const withdraw = unwind.plan.steps.find((s) => s.label === 'Withdraw rsETH from Aave v3')!;
    expect(unwind.facts.unwindExits).toEqual([
      expect.objectContaining({
        symbol: 'rsETH',
        held: false,
        comesBackWith: 'Withdraw rsETH from Aave v3',
        amount: withdraw.simulatedOut,
      }),
    ]);
  });

  it('the waits the other queues state on chain: Renzo coolDownPeriod, Mantle numberOfBlocksToFinalize; ether.fi and Puffer unknown', async () => {
    const cool = await read<bigint>(PROTOCOL_CONTRACTS.renzoWithdrawQueue, 'coolDownPeriod');
    const blocks = await read<bigint>(PROTOCOL_CONTRACTS.mantleUnstakeRequestsManager, 'numberOfBlocksToFinalize');
    await expect(readQueueWait(client(), 'renzo')).resolves.toMatchObject({ eta: 'estimated', atLeastSeconds: cool.toString() });
    await expect(readQueueWait(client(), 'mantle')).resolves.toMatchObject({ eta: 'estimated', atLeastSeconds: (blocks * 12n).toString() });
    await expect(readQueueWait(client(), 'etherfi')).resolves.toMatchObject({ eta: 'unknown' });
    await expect(readQueueWait(client(), 'puffer')).resolves.toMatchObject({ eta: 'unknown' });
  });
});
