import { erc20Abi, type Abi, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { PROTOCOL_CONTRACTS as P, TOKENS, type TokenSymbol } from '../../../lib/restaking/addresses';
import type { DevnetContext } from '../context';
import { doubleAbi } from './abi';
import { waitMined } from '../mined';

const abi = (name: string): Abi => doubleAbi(name);
const ZERO: Address = '0x0000000000000000000000000000000000000000';

/**
 * Gets `symbol` for `account` by spending `ethAmount` through the protocol's own deposit path (the same
 * functions a user calls on mainnet). cbETH and osETH have no public ETH mint on the devnet: the admin
 * mints the equivalent at the current rate instead. Returns how much the balance grew.
 */
export async function acquireToken(ctx: DevnetContext, symbol: TokenSymbol, account: Address, ethAmount: bigint): Promise<bigint> {
  const token = TOKENS[symbol];
  const balance = () => ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [account] });
  const before = await balance();
  const as = { from: account, value: ethAmount };
  switch (symbol) {
    case 'WETH':
      await ctx.write({ address: token, abi: abi('WETH9'), functionName: 'deposit', ...as });
      break;
    case 'stETH':
      await ctx.write({ address: token, abi: abi('StETH'), functionName: 'submit', args: [ZERO], ...as });
      break;
    case 'wstETH':
      await sendEth(ctx, account, token, ethAmount);
      break;
    case 'rETH':
      await ctx.write({ address: P.rocketDepositPool, abi: abi('RocketDepositPool'), functionName: 'deposit', ...as });
      break;
    case 'eETH':
      await ctx.write({ address: P.etherfiLiquidityPool, abi: abi('EtherFiLiquidityPool'), functionName: 'deposit', ...as });
      break;
    case 'weETH': {
      const eeth = await acquireToken(ctx, 'eETH', account, ethAmount);
      await ctx.write({ address: TOKENS.eETH, abi: erc20Abi, functionName: 'approve', args: [token, eeth], from: account });
      await ctx.write({ address: token, abi: abi('WeETH'), functionName: 'wrap', args: [eeth], from: account });
      break;
    }
    case 'ezETH':
      await ctx.write({ address: P.renzoRestakeManager, abi: abi('RenzoRestakeManager'), functionName: 'depositETH', ...as });
      break;
    case 'rsETH':
      await ctx.write({ address: P.kelpDepositPool, abi: abi('KelpLRTDepositPool'), functionName: 'depositETH', args: [0n, ''], ...as });
      break;
    case 'pufETH':
      await ctx.write({ address: token, abi: abi('PufferVault'), functionName: 'depositETH', args: [account], ...as });
      break;
    case 'rswETH':
      await ctx.write({ address: token, abi: abi('RswETH'), functionName: 'deposit', ...as });
      break;
    case 'ETHx':
      await ctx.write({
        address: P.staderStakePoolsManager,
        abi: abi('StaderStakePoolsManager'),
        functionName: 'deposit',
        args: [account],
        ...as,
      });
      break;
    case 'mETH':
      await ctx.write({ address: P.mantleStaking, abi: abi('MantleStaking'), functionName: 'stake', args: [0n], ...as });
      break;
    case 'cbETH': {
      const rate = (await ctx.client.readContract({ address: token, abi: abi('CbETH'), functionName: 'exchangeRate' })) as bigint;
      await ctx.write({ address: token, abi: abi('CbETH'), functionName: 'mint', args: [account, (ethAmount * 10n ** 18n) / rate] });
      break;
    }
    case 'osETH':
      await ctx.write({
        address: P.stakewiseOsTokenVaultController,
        abi: abi('OsTokenVaultController'),
        functionName: 'mintShares',
        args: [account, ethAmount],
      });
      break;
  }
  return (await balance()) - before;
}

async function sendEth(ctx: DevnetContext, from: Address, to: Address, value: bigint) {
  const hash = await ctx.client.sendTransaction({ account: from, chain: mainnet, to, value });
  const receipt = await waitMined(ctx.client, hash);
  if (receipt.status !== 'success') throw new Error(`ETH transfer to ${to} reverted (tx ${hash})`);
}
