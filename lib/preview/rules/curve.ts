import type { Address } from 'viem';
import { curveStableSwapAbi } from '../../chain/abis';
import { NATIVE_ETH, TOKENS } from '../../restaking';
import { formatPercent } from '../../format';
import { ilTable, type RiskFlag } from '../../risk';
import { knownToken, sameAddress, shortAddress } from '../labels';
import { couldNotCheck, emptyOutput, type Rule } from './context';

/** The depegs the approval window prices (issue #5: 1, 3, 5 and 10 % of the LRT leg). */
export const IL_DEPEGS = [0.01, 0.03, 0.05, 0.1] as const;
/** IL worse than this at a 5 % depeg makes the flag a warning rather than information. */
const WARN_IL_AT_5_PERCENT = 0.01;

const isEthLike = (coin: string) => sameAddress(coin, NATIVE_ETH) || sameAddress(coin, TOKENS.WETH);

/** Adding liquidity to a Curve StableSwap pool: IL if the LST/LRT leg depegs, from the pool's own A(). */
export const curveRule: Rule = async (ctx) => {
  const out = emptyOutput();
  await Promise.all(
    ctx.calls.map(async ({ call, decoded, family, rawArgs }) => {
      if (family !== 'Curve' || decoded.functionName !== 'add_liquidity' || !call.to) return;
      const pool: Address = call.to;
      const [A, coin0, coin1] = await Promise.all([
        ctx.reader.read<bigint>({ address: pool, abi: curveStableSwapAbi, functionName: 'A' }),
        ctx.reader.read<Address>({ address: pool, abi: curveStableSwapAbi, functionName: 'coins', args: [0n] }),
        ctx.reader.read<Address>({ address: pool, abi: curveStableSwapAbi, functionName: 'coins', args: [1n] }),
      ]);
      const failed = [A, coin0, coin1].find((r) => !r.ok);
      if (failed && !failed.ok) {
        out.notChecked.push(`impermanent loss in ${shortAddress(pool)}: could not read A()/coins (${failed.error})`);
        out.flags.push(couldNotCheck('curve-il', `impermanent loss in pool ${shortAddress(pool)}`, failed.error));
        return;
      }
      const coins = [coin0, coin1].map((r) => (r.ok ? (r.value as Address) : NATIVE_ETH));
      const lrtIndex = coins.findIndex((c) => !isEthLike(c));
      const lrt = lrtIndex >= 0 ? coins[lrtIndex]! : coins[1]!;
      const symbol = knownToken(ctx.registry, lrt)?.symbol ?? shortAddress(lrt);
      const amp = A.ok ? (A.value as bigint) : 0n;
      const rows = ilTable({ kind: 'stableswap', A: Number(amp) }, IL_DEPEGS);
      const amounts = (rawArgs[0] ?? []) as readonly bigint[];
      const deposited = amounts.reduce((sum, x) => sum + x, 0n);
      const numbers: Record<string, string> = { pool, A: amp.toString(), lrtLeg: symbol };
      for (const row of rows)
        numbers[`IL at ${formatPercent(row.depeg)} ${symbol} depeg`] = formatPercent(row.il, { maxFractionDigits: 3 });
      const at5 = rows.find((r) => r.depeg === 0.05)?.il ?? 0;
      const flag: RiskFlag = {
        id: 'curve.impermanent-loss',
        severity: Math.abs(at5) >= WARN_IL_AT_5_PERCENT ? 'warn' : 'info',
        title: `If ${symbol} depegs 5 %, this ${deposited > 0n ? 'position' : 'liquidity'} loses ${formatPercent(Math.abs(at5), { maxFractionDigits: 3 })} to impermanent loss`,
        numbers,
        why: `When ${symbol} trades below peg, arbitrage fills the pool with ${symbol} and takes out the other coin; on withdrawal you hold more of the depegged coin. The pool's A = ${amp} sets how fast this happens. Fees and yield are not included.`,
        source: { contract: pool, method: 'A()' },
      };
      out.flags.push(flag);
      out.checked.push(
        `impermanent loss of ${shortAddress(pool)} at ${IL_DEPEGS.map((d) => formatPercent(d)).join('/')} ${symbol} depeg (A = ${amp})`,
      );
      (out.facts ??= {}).impermanentLoss = [
        ...(out.facts.impermanentLoss ?? []),
        { pool, A: amp.toString(), lrtLeg: symbol, rows: rows.map((r) => ({ depeg: r.depeg, il: r.il })) },
      ];
    }),
  );
  return out;
};
