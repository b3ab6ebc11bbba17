import { parseEther, type Address } from 'viem';
import { CURVE } from '../../../lib/restaking/addresses';
import { devAccount, type DevnetContext } from '../context';
import { acquireToken } from './acquire';
import { addCurveLiquidity, placeCurveSteth } from './defi-curve';
import { depositAndDelegate } from './eigen';

/**
 * What the preview tests and the preview benchmark send from: `user` holds 10 stETH, `staker` has
 * 5 stETH deposited in EigenLayer, undelegated (1 stETH left). The DeFi seed may not place the
 * ETH/stETH pool; it is placed and funded here when missing.
 */
export async function seedPreviewAccounts(ctx: DevnetContext, user: Address, staker: Address): Promise<void> {
  if (!(await ctx.client.getCode({ address: CURVE.stethPool }))) {
    await placeCurveSteth(ctx);
    const lp = devAccount(9).address;
    await acquireToken(ctx, 'stETH', lp, parseEther('2000'));
    await addCurveLiquidity(ctx, lp, CURVE.stethPool, [parseEther('1000'), parseEther('1000')]);
  }
  await acquireToken(ctx, 'stETH', user, parseEther('10'));
  await acquireToken(ctx, 'stETH', staker, parseEther('6'));
  await depositAndDelegate(ctx, staker, 'stETH', parseEther('5'), null);
}
