import { chainlinkAggregatorAbi, curveStableSwapAbi, pausableAbi, uniswapQuoterV2Abi } from '../../chain/abis';
import { DEPOSITS, PROTOCOLS, RESTAKING_TOKENS, TOKENS, type MarketSource, type RestakingSymbol, type TokenInfo } from '../../restaking';
import { formatAmount, formatEth } from '../../format';
import { depegFlag, depegRatio, pausedDepositFlags } from '../../risk';
import type { CallAnalysis } from '../decode';
import { sameAddress, shortAddress } from '../labels';
import type { BatchReader } from '../reader';
import { couldNotCheck, emptyOutput, type Rule, type RuleContext, type RuleOutput } from './context';
import { fairRate } from './fair-rate';

const ONE = 10n ** 18n;

/** Registry tokens whose deposit entry point this call is (ether.fi's pool mints eETH and feeds weETH). */
function depositCandidates({ call, decoded }: CallAnalysis): RestakingSymbol[] {
  const hasData = !!call.data && call.data !== '0x';
  return (Object.entries(DEPOSITS) as [RestakingSymbol, NonNullable<(typeof DEPOSITS)[RestakingSymbol]>][])
    .filter(
      ([, entry]) =>
        sameAddress(entry.contract, call.to) && (hasData ? entry.functionName === decoded.functionName : entry.functionName === 'receive'),
    )
    .map(([symbol]) => symbol);
}

type Quote = { ok: true; out: bigint; source: string } | { ok: false; error: string };

/** ETH (or WETH) out for `amount` of the token through one market source: the size quote, not spot. */
async function quote(reader: BatchReader, token: TokenInfo, source: MarketSource, amount: bigint): Promise<Quote> {
  switch (source.venue) {
    case 'curve': {
      const r = await reader.read<bigint>({
        address: source.pool,
        abi: curveStableSwapAbi,
        functionName: 'get_dy',
        args: [source.tokenIndex, source.quoteIndex, amount],
      });
      return r.ok
        ? { ok: true, out: r.value, source: `Curve get_dy on ${shortAddress(source.pool)}` }
        : { ok: false, error: `Curve ${shortAddress(source.pool)}: ${r.error}` };
    }
    case 'uniswap-v3': {
      const params = { tokenIn: token.address, tokenOut: TOKENS.WETH, amountIn: amount, fee: source.fee, sqrtPriceLimitX96: 0n };
      const r = await reader.read<readonly bigint[]>({
        address: source.quoter,
        abi: uniswapQuoterV2Abi,
        functionName: 'quoteExactInputSingle',
        args: [params],
      });
      return r.ok
        ? { ok: true, out: r.value[0] ?? 0n, source: `Uniswap v3 QuoterV2 (fee ${source.fee})` }
        : { ok: false, error: `Uniswap quoter: ${r.error}` };
    }
    case 'chainlink': {
      const [round, decimals] = await Promise.all([
        reader.read<readonly bigint[]>({
          address: source.feed,
          abi: chainlinkAggregatorAbi,
          functionName: 'latestRoundData',
        }),
        source.decimals !== undefined
          ? Promise.resolve({ ok: true as const, value: source.decimals })
          : reader.read<number>({ address: source.feed, abi: chainlinkAggregatorAbi, functionName: 'decimals' }),
      ]);
      if (!round.ok) return { ok: false, error: `Chainlink ${shortAddress(source.feed)}: ${round.error}` };
      if (!decimals.ok) return { ok: false, error: `Chainlink ${shortAddress(source.feed)} decimals: ${decimals.error}` };
      const answer = round.value[1] ?? 0n;
      if (answer <= 0n) return { ok: false, error: `Chainlink ${shortAddress(source.feed)} answered ${answer}` };
      return { ok: true, out: (amount * answer) / 10n ** BigInt(decimals.value), source: `Chainlink feed ${shortAddress(source.feed)}` };
    }
    case 'balancer-v2':
      return { ok: false, error: 'Balancer pools are not quoted by the preview yet' };
  }
}

async function checkDeposit(ctx: RuleContext, out: RuleOutput, analysis: CallAnalysis, candidates: RestakingSymbol[]) {
  const entry = DEPOSITS[candidates[0]!]!;
  const protocol = PROTOCOLS[RESTAKING_TOKENS[candidates[0]!].protocol].name;
  const paused = ctx.reader.read<boolean>({ address: entry.contract, abi: pausableAbi, functionName: 'paused' });
  // Fair rates of every candidate go out with the first batch, while the simulation runs.
  const fairRates = new Map(candidates.map((s) => [s, fairRate(ctx.reader, RESTAKING_TOKENS[s])]));
  const sim = await ctx.simulation;
  // The token whose balance the simulation raises is the one minted; else the registry's first match.
  const symbol = candidates.find((s) => (sim.deltas?.get(RESTAKING_TOKENS[s].address.toLowerCase()) ?? 0n) > 0n) ?? candidates[0]!;
  const token = RESTAKING_TOKENS[symbol];
  const fair = await fairRates.get(symbol)!;
  const pausedResult = await paused;
  if (pausedResult.ok) {
    out.flags.push(
      ...pausedDepositFlags({ protocol, paused: pausedResult.value, source: { contract: entry.contract, method: 'paused()' } }),
    );
    out.checked.push(`${protocol} pause state: ${pausedResult.value ? 'paused' : 'not paused'}`);
  } else out.notChecked.push(`${protocol} pause state: ${shortAddress(entry.contract)} has no readable paused() (${pausedResult.error})`);

  if (!fair.ok) {
    out.notChecked.push(`${symbol} fair rate: ${fair.error}`);
    out.flags.push(couldNotCheck('fair-rate', `the ${symbol} fair rate`, fair.error));
    return;
  }
  const simulatedMint = sim.deltas?.get(token.address.toLowerCase()) ?? 0n;
  const value = analysis.call.value ?? 0n;
  const minted = simulatedMint > 0n ? simulatedMint : (value * ONE) / fair.rate;
  if (minted <= 0n) {
    out.notChecked.push(`${symbol} market vs fair: the amount minted is unknown`);
    return;
  }
  if (!token.markets.length) {
    out.notChecked.push(`${symbol} market price: the registry lists no market for ${symbol}`);
    return;
  }
  const quotes = await Promise.all(token.markets.map((m) => quote(ctx.reader, token, m, minted)));
  const first = quotes.find((q): q is Extract<Quote, { ok: true }> => q.ok);
  if (!first) {
    const errors = quotes.map((q) => (q.ok ? '' : q.error)).join('; ');
    out.notChecked.push(`${symbol} market price: ${errors}`);
    out.flags.push(couldNotCheck('market', `the ${symbol} market price`, errors));
    return;
  }
  const market = (first.out * ONE) / minted;
  const flag = depegFlag({ symbol, market, fair: fair.rate, source: { contract: token.address, method: first.source } });
  if (flag) {
    flag.numbers.minted = formatAmount(minted, 18, symbol, { maxFractionDigits: 6 });
    flag.numbers.marketValue = formatEth(first.out, { maxFractionDigits: 6 });
    out.flags.push(flag);
  }
  const { deviationBps } = depegRatio(market, fair.rate);
  out.checked.push(`${symbol} market (${first.source}, for ${formatAmount(minted, 18, symbol)}) vs fair rate: ${deviationBps} bps`);
  (out.facts ??= {}).depeg = [
    ...(out.facts.depeg ?? []),
    {
      symbol,
      minted: minted.toString(),
      quotedOut: first.out.toString(),
      market: market.toString(),
      fair: fair.rate.toString(),
      deviationBps: deviationBps.toString(),
      source: first.source,
    },
  ];
}

/** A deposit into an LST/LRT entry point: pause state, and the market price of what is minted vs fair value. */
export const depositRule: Rule = async (ctx) => {
  const out = emptyOutput();
  await Promise.all(
    ctx.calls.map((analysis) => {
      const candidates = depositCandidates(analysis);
      return candidates.length ? checkDeposit(ctx, out, analysis, candidates) : undefined;
    }),
  );
  return out;
};
