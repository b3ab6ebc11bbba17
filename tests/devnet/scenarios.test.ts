import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { erc20Abi, type Abi, type Address, type Hex } from 'viem';
import { CHAINLINK, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { readFairRates, type ReadFairRatesReturnType } from '../../lib/restaking/read-fair-rates';
import { RESTAKING_SYMBOLS } from '../../lib/restaking/tokens';

import { artifact, devAccount } from './context';
import { startDevnet, type Devnet } from './devnet';
import {
  advance,
  depeg,
  oracleUpdate,
  parseNumber,
  parseOracleUpdateToken,
  parseSet,
  parseToken,
  rebase,
  reprice,
  ScenarioInputError,
  slash,
} from './scenarios';
import { runCli } from './cli-helpers';

let devnet: Devnet;
let snapshot: Hex;
beforeAll(async () => {
  devnet = await startDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});
beforeEach(async () => {
  snapshot = await devnet.ctx.client.snapshot();
});
afterEach(async () => {
  await devnet.ctx.client.revert({ id: snapshot });
});

const feedAbi = (): Abi => artifact('ChainlinkAggregator').abi;
const feedAnswers = async () =>
  Object.fromEntries(
    await Promise.all(
      Object.entries(CHAINLINK).map(async ([name, address]) => {
        const round = (await devnet.ctx.client.readContract({
          address,
          abi: feedAbi(),
          functionName: 'latestRoundData',
        })) as readonly bigint[];
        return [name, round[1]] as const;
      }),
    ),
  );
const rates = async (): Promise<Record<string, bigint>> => {
  const r: ReadFairRatesReturnType = await readFairRates(devnet.ctx.client);
  return Object.fromEntries(Object.entries(r).map(([s, v]) => [s, v.ok ? v.rate : -1n]));
};
const without = <T extends Record<string, unknown>>(o: T, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

describe('depeg', () => {
  test('sets the token market feed to fair × (1 − p) and touches no fair rate nor other feed', async () => {
    const [feedsBefore, ratesBefore] = [await feedAnswers(), await rates()];
    const out = await depeg(devnet.ctx, 'weETH', '3');
    const [feedsAfter, ratesAfter] = [await feedAnswers(), await rates()];
    expect(feedsAfter.weETH_ETH).toBe((ratesBefore.weETH! * 97n) / 100n);
    expect(without(feedsAfter, 'weETH_ETH')).toEqual(without(feedsBefore, 'weETH_ETH'));
    expect(ratesAfter).toEqual(ratesBefore);
    expect(out).toMatchObject({ token: 'weETH', percent: '3', feed: { after: feedsAfter.weETH_ETH!.toString() } });
  });
});

describe('reprice', () => {
  test.each(RESTAKING_SYMBOLS.filter((s) => s !== 'stETH' && s !== 'eETH'))(
    '%s reads back exactly the new rate; other rates and feeds unchanged',
    async (symbol) => {
      const [feedsBefore, ratesBefore] = [await feedAnswers(), await rates()];
      await reprice(devnet.ctx, symbol, '1.234567');
      const [feedsAfter, ratesAfter] = [await feedAnswers(), await rates()];
      expect(ratesAfter[symbol]).toBe(1_234_567_000_000_000_000n);
      // wstETH and stETH share Lido's books; weETH and eETH share ether.fi's: only stETH/eETH stay pegged at 1.
      // Renzo's OperatorDelegators hold stETH in EigenLayer, so Lido's books move ezETH's live TVL too.
      const movedWith = symbol === 'wstETH' ? 'ezETH' : symbol;
      if (symbol === 'wstETH') expect(ratesAfter.ezETH).toBeGreaterThan(ratesBefore.ezETH!);
      expect(without(without(ratesAfter, symbol), movedWith)).toEqual(without(without(ratesBefore, symbol), movedWith));
      expect(feedsAfter).toEqual(feedsBefore);
    },
  );

  test('pegged tokens are refused', async () => {
    await expect(reprice(devnet.ctx, 'stETH', '1.1')).rejects.toThrow(/pegged/);
  });
});

describe('rebase', () => {
  test('stETH +1%: a holder balance grows by 1% of its pooled share and wstETH rate by 1%', async () => {
    const holder: Address = devAccount(1).address;
    const balance = () =>
      devnet.ctx.client.readContract({ address: TOKENS.stETH, abi: erc20Abi, functionName: 'balanceOf', args: [holder] });
    const [b0, r0] = [await balance(), await rates()];
    const out = await rebase(devnet.ctx, 'stETH', '1');
    const [b1, r1] = [await balance(), await rates()];
    // Same shares, 1% more pooled ether: within 1 wei of +1% (floor rounding both times).
    expect(b1 - (b0 * 101n) / 100n).toBeGreaterThanOrEqual(-1n);
    expect(b1 - (b0 * 101n) / 100n).toBeLessThanOrEqual(1n);
    expect(r1.wstETH! - (r0.wstETH! * 101n) / 100n).toBeGreaterThanOrEqual(-1n);
    expect(r1.wstETH! - (r0.wstETH! * 101n) / 100n).toBeLessThanOrEqual(1n);
    // ezETH's live TVL counts its delegators' stETH in EigenLayer: it rises with the rebase; rsETH's is stored.
    expect(r1.ezETH).toBeGreaterThan(r0.ezETH!);
    const others = (r: Record<string, bigint>) => without(without(without(r, 'wstETH'), 'stETH'), 'ezETH');
    expect(others(r1)).toEqual(others(r0));
    expect(out.changed.function).toBe('setTotalPooledEther');
  });

  test('ezETH −10%: the live-computed rate drops by 10%', async () => {
    const r0 = await rates();
    await rebase(devnet.ctx, 'ezETH', '-10');
    const r1 = await rates();
    expect(r1.ezETH! - (r0.ezETH! * 90n) / 100n).toBeGreaterThanOrEqual(-1n);
    expect(r1.ezETH! - (r0.ezETH! * 90n) / 100n).toBeLessThanOrEqual(1n);
  });
});

describe('slash and advance', () => {
  test('slash seeded 0.5 slashes half of set 1 allocation (30% magnitude → 15% of total) and no token rate', async () => {
    const r0 = await rates();
    const out = await slash(devnet.ctx, 'seeded', '0.5');
    expect(out.operator).toBe(devnet.info.operator);
    // seed/eigen allocates 30% of the operator's stETH magnitude to set 1 (EigenSeed.allocations).
    const allocation = (
      devnet.info.eigen as { allocations: { operator: string; operatorSetId: number; magnitude: string }[] }
    ).allocations.find((a) => a.operator === devnet.info.operator && a.operatorSetId === 1)!;
    expect(out.wadSlashed).toEqual([(BigInt(allocation.magnitude) / 2n).toString()]);
    expect(await rates()).toEqual(r0);
  });

  test('advance 5 mines five blocks and moves time ≥ 60 s', async () => {
    const out = await advance(devnet.ctx, '5');
    expect(BigInt(out.block.after) - BigInt(out.block.before)).toBe(5n);
    expect(BigInt(out.timestamp.after) - BigInt(out.timestamp.before)).toBeGreaterThanOrEqual(60n);
  });
});

describe('oracle-update', () => {
  test("after slash lrt-a avs-x:1 0.5, rsETH holds its stored rate until oracle-update, which lowers it by the stakers' loss ÷ supply", async () => {
    const ctx = devnet.ctx;
    const oracle = (functionName: string) =>
      ctx.client.readContract({
        address: PROTOCOL_CONTRACTS.kelpOracle,
        abi: artifact('KelpLRTOracle').abi,
        functionName,
      }) as Promise<bigint>;
    await oracleUpdate(ctx, 'rsETH'); // bring the stored rate up to date first
    const [rate0, eth0] = [await oracle('rsETHPrice'), await oracle('getTotalETHInProtocol')];
    await slash(ctx, 'lrt-a', '0.5', parseSet('avs-x:1'));
    expect(await oracle('rsETHPrice')).toBe(rate0); // stored: nothing yet
    const out = await oracleUpdate(ctx, 'rsETH');
    const eth1 = await oracle('getTotalETHInProtocol');
    const supply = await ctx.client.readContract({ address: TOKENS.rsETH, abi: erc20Abi, functionName: 'totalSupply' });
    // Kelp's stake with lrt-a is 3000 stETH: 15 % of it is gone (to a few wei of share rounding).
    expect(Number(eth0 - eth1) / 1e18).toBeCloseTo(450, 9);
    expect(out.rate).toEqual({ before: String(rate0), after: String((eth1 * 10n ** 18n) / supply) });
    expect(BigInt(out.rate.after)).toBeLessThan(rate0);
  });

  test('only stored-rate tokens are accepted', () => {
    expect(parseOracleUpdateToken('RSETH')).toBe('rsETH');
    expect(() => parseOracleUpdateToken('ezETH')).toThrow(ScenarioInputError);
  });
});

describe('npm run scenario', () => {
  test('bad input exits non-zero and lists what is allowed; good input prints JSON of the change', async () => {
    const rpc = ['--rpc', devnet.rpcUrl];
    // Each spawn pays tsx start-up; four cover unknown scenario, unknown token, a bad number and success.
    const [unknownScenario, unknownToken, hundred, good] = await Promise.all([
      runCli('scenario-cli.ts', ['explode', ...rpc]),
      runCli('scenario-cli.ts', ['depeg', 'dogETH', '5', ...rpc]),
      runCli('scenario-cli.ts', ['depeg', 'stETH', '100', ...rpc]),
      runCli('scenario-cli.ts', ['depeg', 'rsETH', '2', ...rpc]),
    ]);
    expect(unknownScenario.code).not.toBe(0);
    expect(unknownScenario.stderr).toMatch(/Allowed scenarios: depeg, slash, rebase, reprice, advance/);
    expect(unknownToken.code).not.toBe(0);
    expect(unknownToken.stderr).toContain(`Allowed tokens: ${RESTAKING_SYMBOLS.join(', ')}`);
    expect(hundred.code).not.toBe(0);
    expect(hundred.stderr).toMatch(/percent must be a number in \(0, 100\)/);
    expect(good.code, good.stderr).toBe(0);
    const printed = JSON.parse(good.stdout) as { feed: { address: string; after: string } };
    const round = (await devnet.ctx.client.readContract({
      address: CHAINLINK.rsETH_ETH,
      abi: feedAbi(),
      functionName: 'latestRoundData',
    })) as readonly bigint[];
    expect(printed.feed.after).toBe(round[1]!.toString());
    expect(round[1]).toBe((BigInt(devnet.info.rates.rsETH!) * 98n) / 100n);
  }, 180_000);
});

describe('argument parsing (same functions the CLI calls)', () => {
  test.each([
    ['percent', '0', 0, 100],
    ['percent', '100', 0, 100],
    ['percent', 'lots', -100, 100],
    ['percent', '-100', -100, 100],
    ['percent', '1e3', 0, 100],
    ['percent', '1.1234567', 0, 100],
  ] as const)('%s "%s" outside (%d, %d) is refused', (what, input, min, max) => {
    expect(() => parseNumber(input, what, min, max)).toThrow(ScenarioInputError);
  });
  test('in-range numbers and known tokens (any case) pass through', () => {
    expect(parseNumber('2.5', 'percent', 0, 100)).toBe('2.5');
    expect(parseNumber('1', 'fraction', 0, 1, { maxInclusive: true })).toBe('1');
    expect(parseToken('weeth')).toBe('weETH');
    expect(() => parseToken('WETH')).toThrow(/Allowed tokens/);
  });
});
