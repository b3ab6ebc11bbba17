import { afterAll, beforeAll, expect, test } from 'vitest';
import { erc20Abi, parseEther, type Address } from 'viem';
import { EIGENLAYER, TOKENS, type TokenSymbol } from '../../lib/restaking/addresses';
import { artifact } from './context';
import { startDevnet, type Devnet } from './devnet';
import { SEED_BOOKS } from './seed/tokens';
import { runCli } from './cli-helpers';

let devnet: Devnet;
let startMs: number;
beforeAll(async () => {
  const t0 = performance.now();
  devnet = await startDevnet();
  startMs = performance.now() - t0;
});
// Start-up time is a benchmark figure (`devnet_start_ms` in `npm run bench`), not a timed assertion:
// a shared CI machine under load must not turn it into a flaky test.
afterAll(async () => {
  await devnet?.stop();
});

test('starts seeded on chain id 1 and reports its own ready time', async () => {
  expect(await devnet.ctx.client.getChainId()).toBe(1);
  expect(devnet.info.readyInMs).toBeLessThanOrEqual(Math.ceil(startMs));
});

test('DevnetInfo is plain JSON and lists every placed token with code at its address', async () => {
  expect(JSON.parse(JSON.stringify(devnet.info))).toEqual(devnet.info);
  for (const [symbol, address] of Object.entries(devnet.info.tokens)) {
    expect(address, symbol).toBe(TOKENS[symbol as TokenSymbol]);
    expect((await devnet.ctx.client.getCode({ address }))?.length ?? 0, symbol).toBeGreaterThan(2);
  }
  expect(devnet.info.operator).toMatch(/^0x[0-9a-fA-F]{40}$/);
});

test('demo balances in DevnetInfo are what the chain reports', async () => {
  expect(devnet.info.demoAccounts.length).toBe(3);
  for (const account of devnet.info.demoAccounts) {
    for (const [symbol, amount] of Object.entries(account.balances)) {
      const onChain =
        symbol === 'ETH'
          ? await devnet.ctx.client.getBalance({ address: account.address })
          : await devnet.ctx.client.readContract({
              address: TOKENS[symbol as TokenSymbol],
              abi: erc20Abi,
              functionName: 'balanceOf',
              args: [account.address],
            });
      expect(onChain.toString(), `${account.label} ${symbol}`).toBe(amount);
    }
  }
});

test('the diversified holder got each token for its ETH at the seeded book rate', () => {
  const holder = devnet.info.demoAccounts.find((a) => a.balances.rETH)!;
  // 3 ETH into rETH at 1.1372 ETH/rETH: 3 / 1.1372 rETH, floor-rounded (±1 wei for the rate's own rounding).
  const expected = (parseEther('3') * 10n ** 18n) / SEED_BOOKS.rETH.rate;
  const got = BigInt(holder.balances.rETH!);
  expect(expected - got >= -1n && expected - got <= 1n).toBe(true);
});

test('the restaker has an EigenLayer stETH deposit delegated to the seeded operator', async () => {
  const restaker = devnet.info.demoAccounts.find((a) => a.eigenLayer)!;
  expect(restaker.eigenLayer?.delegatedTo).toBe(devnet.info.operator);
  const delegatedTo = (await devnet.ctx.client.readContract({
    address: EIGENLAYER.delegationManager,
    abi: artifact('EigenDelegationManager').abi,
    functionName: 'delegatedTo',
    args: [restaker.address],
  })) as Address;
  expect(delegatedTo).toBe(devnet.info.operator);
  expect(BigInt(restaker.eigenLayer!.depositShares)).toBeGreaterThan(0n);
});

test('a port already in use is reported, by the function and by `npm run devnet`', async () => {
  await expect(startDevnet({ port: devnet.port })).rejects.toThrow(/already in use/);
  const [run, bad] = await Promise.all([runCli('cli.ts', ['--port', String(devnet.port)]), runCli('cli.ts', ['--port', 'eighty'])]);
  expect(run.code).not.toBe(0);
  expect(run.stderr).toMatch(new RegExp(`Port ${devnet.port} .*already in use`));
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toMatch(/--port must be a whole number/);
}, 180_000); // two tsx start-ups; slow when the machine is busy
