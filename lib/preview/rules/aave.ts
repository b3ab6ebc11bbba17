import { decodeFunctionResult, encodeFunctionData, hexToBigInt, numberToHex, zeroAddress, type Abi, type Address, type Hex } from 'viem';
import { aaveOracleAbi, aavePoolAbi, erc20Abi } from '../../chain/abis';
import { formatHealthFactor, sameAddress } from '../../format';
import { AAVE_V3, TOKENS, type TokenSymbol } from '../../restaking/addresses';
import { AAVE_V3_RESERVES } from '../../restaking/deployments';
import type { RiskFlag } from '../../risk';
import { formatLiquidationDistance, liquidationSentence, type LiquidationDistance } from '../../risk/liquidation';
import { liquidationFacts, readLiquidationDetails } from '../../risk/liquidation-facts';
import { couldNotCheck, emptyOutput, type RuleContext, type RuleOutput } from './context';

/** Pool calls that move a health factor. */
const MOVES_HEALTH = new Set(['borrow', 'withdraw', 'setUserEMode', 'supply', 'repay', 'setUserUseReserveAsCollateral']);
const NO_DEBT = 2n ** 255n;
const WAD = 10n ** 18n;

type ReserveData = { aTokenAddress: Address; configuration: bigint; id: number };
type AccountData = readonly [bigint, bigint, bigint, bigint, bigint, bigint];
type Probe = { key: string; address: Address; abi: Abi; functionName: string; args: readonly unknown[] };

/** Smallest distance first; a liquidatable collateral before any. */
const rank = (d: LiquidationDistance) =>
  d.status === 'liquidatable' ? -1n : d.status === 'ok' && d.distanceWad !== null ? d.distanceWad : WAD;

/**
 * Aave borrow, withdraw, e-mode change (and supply, repay, collateral switch): the health factor and
 * the depeg-to-liquidation distance of the nearest LST/LRT collateral AFTER the transaction, from
 * getUserAccountData, the aToken balances and Aave's oracle prices read inside the same simulated
 * block (eth_simulateV1), beside the health factor now.
 */
export async function aaveRule(ctx: RuleContext): Promise<RuleOutput> {
  const out = emptyOutput();
  const calls = ctx.calls.filter((a) => a.call.to && sameAddress(a.call.to, AAVE_V3.pool) && MOVES_HEALTH.has(a.decoded.functionName));
  if (calls.length === 0) return out;
  const pool = { address: AAVE_V3.pool, abi: aavePoolAbi };
  const [reserves, eModeNow, now] = await Promise.all([
    Promise.all(AAVE_V3_RESERVES.map((s) => ctx.reader.read<ReserveData>({ ...pool, functionName: 'getReserveData', args: [TOKENS[s]] }))),
    ctx.reader.read<bigint>({ ...pool, functionName: 'getUserEMode', args: [ctx.from] }),
    ctx.reader.read<AccountData>({ ...pool, functionName: 'getUserAccountData', args: [ctx.from] }),
  ]);
  const listed = AAVE_V3_RESERVES.flatMap((symbol, i) => {
    const r = reserves[i];
    return r?.ok && r.value.aTokenAddress !== zeroAddress ? [{ symbol, data: r.value }] : [];
  });
  const setEMode = calls.filter((a) => a.decoded.functionName === 'setUserEMode').at(-1);
  if (!eModeNow.ok || !now.ok || listed.length === 0) {
    const why = !now.ok ? now.error : !eModeNow.ok ? eModeNow.error : 'no listed reserve answered getReserveData';
    out.notChecked.push(`Aave health factor after the transaction: ${why}`);
    out.flags.push(couldNotCheck('aave-health', 'the Aave health factor after this transaction', why));
    return out;
  }
  const eMode = setEMode ? BigInt(setEMode.rawArgs[0] as number) : eModeNow.value;
  const probes: Probe[] = [
    { key: 'account', ...pool, functionName: 'getUserAccountData', args: [ctx.from] },
    ...listed.map((r) => ({
      key: `bal:${r.symbol}`,
      address: r.data.aTokenAddress,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [ctx.from],
    })),
    ...[...new Set<TokenSymbol>([...listed.map((r) => r.symbol), 'WETH'])].map((s) => ({
      key: `price:${s}`,
      address: AAVE_V3.oracle,
      abi: aaveOracleAbi,
      functionName: 'getAssetPrice',
      args: [TOKENS[s]],
    })),
    ...(eMode > 0n
      ? [
          { key: 'emode-config', ...pool, functionName: 'getEModeCategoryCollateralConfig', args: [Number(eMode)] },
          { key: 'emode-bitmap', ...pool, functionName: 'getEModeCategoryCollateralBitmap', args: [Number(eMode)] },
        ]
      : []),
  ];
  let values: Map<string, unknown>;
  try {
    values = await simulateWithProbes(ctx, probes);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    out.notChecked.push(`Aave health factor after the transaction: ${why}`);
    out.flags.push(couldNotCheck('aave-health', 'the Aave health factor after this transaction', why));
    return out;
  }
  const account = values.get('account') as AccountData | undefined;
  if (!account) {
    out.notChecked.push('Aave health factor after the transaction: the transaction reverts in the simulation');
    return out;
  }
  out.checked.push(
    'Aave health factor and liquidation distance after the transaction (eth_simulateV1: getUserAccountData, aToken balances, AaveOracle prices)',
  );
  const priceOf = (s: TokenSymbol) => values.get(`price:${s}`) as bigint | undefined;
  const weth = {
    symbol: 'WETH' as const,
    configuration: undefined,
    id: undefined,
    price: priceOf('WETH'),
    priceError: 'reverted in the simulation',
  };
  const nearest = listed
    .map((r) => ({ r, amount: values.get(`bal:${r.symbol}`) as bigint | undefined }))
    .filter((x) => x.amount !== undefined && x.amount > 0n && x.r.symbol !== 'WETH')
    .map(({ r, amount }) =>
      readLiquidationDetails({
        underlying: r.symbol,
        healthFactor: String(account[5]),
        ...liquidationFacts({
          amount: amount!,
          account,
          reserve: {
            symbol: r.symbol,
            configuration: r.data.configuration,
            id: r.data.id,
            price: priceOf(r.symbol),
            priceError: 'reverted in the simulation',
          },
          weth,
          eModeId: eMode,
          eModeThresholdBps: (values.get('emode-config') as { liquidationThreshold: number } | undefined)?.liquidationThreshold,
          eModeBitmap: values.get('emode-bitmap') as bigint | undefined,
          eModeBitmapError: 'reverted in the simulation',
        }),
      }),
    )
    .filter((f) => f !== undefined)
    .sort((a, b) => (rank(a.distance) < rank(b.distance) ? -1 : 1))[0];
  out.flags.push(healthAfterFlag(now.value[5], account[5], nearest));
  return out;
}

function healthAfterFlag(before: bigint, after: bigint, nearest: ReturnType<typeof readLiquidationDetails>): RiskFlag {
  const hf = (v: bigint) => (v >= NO_DEBT ? '∞ (no debt)' : formatHealthFactor(v));
  const d = nearest?.distance;
  const distance = d?.status === 'ok' && d.distanceWad !== null ? d.distanceWad : d?.status === 'liquidatable' ? 0n : null;
  const severity =
    after < NO_DEBT && (after < (WAD * 11n) / 10n || (distance !== null && distance < 5n * 10n ** 16n))
      ? 'danger'
      : after < NO_DEBT && (after < (WAD * 12n) / 10n || (distance !== null && distance < 10n ** 17n))
        ? 'warn'
        : 'info';
  const shown = distance === null ? undefined : formatLiquidationDistance(distance);
  return {
    id: 'aave.health-after',
    severity,
    title:
      after >= NO_DEBT
        ? 'Aave: no debt after this transaction, nothing to liquidate'
        : `Aave health factor after: ${hf(after)}${shown && nearest ? `, ${nearest.symbol} ${shown} from liquidation` : ''}`,
    numbers: {
      healthFactorNow: hf(before),
      healthFactorAfter: hf(after),
      ...(shown && nearest ? { liquidationDistanceAfter: shown, collateral: nearest.symbol, pricedBy: nearest.pricedBy } : {}),
    },
    why: nearest
      ? liquidationSentence(nearest.symbol, nearest.pricedBy, nearest.distance)
      : 'Below a health factor of 1 the position is liquidated.',
  };
}

/** The request's calls, then the probes, in ONE simulated block; probe results decoded by key (a reverted call is absent). */
async function simulateWithProbes(ctx: RuleContext, probes: readonly Probe[]): Promise<Map<string, unknown>> {
  const txs = ctx.calls.map((a) => ({
    from: a.call.from ?? ctx.from,
    to: a.call.to,
    data: a.call.data ?? '0x',
    ...(a.call.value ? { value: numberToHex(a.call.value) } : {}),
  }));
  const reads = probes.map((p) => ({
    from: ctx.from,
    to: p.address,
    data: encodeFunctionData({ abi: p.abi, functionName: p.functionName, args: p.args } as never),
  }));
  const blocks = (await ctx.client.request({
    method: 'eth_simulateV1',
    params: [{ blockStateCalls: [{ calls: [...txs, ...reads] }], validation: false }, 'latest'],
  } as never)) as { calls: { status: Hex; returnData?: Hex }[] }[];
  const results = blocks[0]?.calls ?? [];
  const values = new Map<string, unknown>();
  if (results.slice(0, txs.length).some((r) => hexToBigInt(r.status) !== 1n)) return values;
  probes.forEach((p, i) => {
    const r = results[txs.length + i];
    if (!r || hexToBigInt(r.status) !== 1n || !r.returnData) return;
    values.set(p.key, decodeFunctionResult({ abi: p.abi, functionName: p.functionName, data: r.returnData } as never));
  });
  return values;
}
