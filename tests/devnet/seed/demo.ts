import { erc20Abi, formatEther, parseEther, type Address } from 'viem';
import { TOKENS, type TokenSymbol } from '../../../lib/restaking/addresses';
import { devAccount, type DevnetContext } from '../context';
import { acquireToken } from './acquire';
import { depositAndDelegate, EIGEN_DEVNET_OPERATOR, type EigenSeed } from './eigen';
import { seedDemoPositions } from './defi';
import { toJson } from '../json';

/** JSON-safe view of one demo account (amounts in wei as decimal strings). */
export type DemoAccount = {
  label: string;
  address: Address;
  /** anvil dev mnemonic index: import it in a wallet to play this user. */
  mnemonicIndex: number;
  balances: Partial<Record<TokenSymbol | 'ETH', string>>;
  eigenLayer?: { strategy: 'stETH'; depositShares: string; delegatedTo: Address };
  defi?: unknown;
};

type Plan = { label: string; index: number; buys: [TokenSymbol, string][]; eigenStETH?: string; defi?: boolean };

/** What each demo user holds, bought through the real deposit paths (ETH amounts spent). */
const PLANS: Plan[] = [
  {
    label: 'Lido + LRT restaker',
    index: 1,
    buys: [
      ['stETH', '12'],
      ['wstETH', '5'],
      ['weETH', '8'],
      ['ezETH', '6'],
      ['rsETH', '4'],
    ],
    eigenStETH: '4',
  },
  {
    label: 'DeFi LP',
    index: 2,
    buys: [
      ['stETH', '20'],
      ['weETH', '10'],
      ['ezETH', '3'],
      ['wstETH', '2'],
      ['rsETH', '1'],
    ],
    defi: true,
  },
  {
    label: 'Diversified LST holder',
    index: 3,
    buys: [
      ['rETH', '3'],
      ['pufETH', '2'],
      ['rswETH', '2'],
      ['ETHx', '2'],
      ['mETH', '2'],
      ['cbETH', '2'],
      ['osETH', '2'],
    ],
  },
];

/** Needs seedTokens; EigenLayer positions need seedEigen's result, DeFi positions need seedDefi to have run. */
export async function seedDemo(
  ctx: DevnetContext,
  { eigen, defi = false }: { eigen?: EigenSeed; defi?: boolean } = {},
): Promise<DemoAccount[]> {
  // Accounts are independent senders, so they are funded in parallel; admin-minted tokens
  // (cbETH, osETH) appear only in one plan, which keeps the admin's nonces sequential.
  return Promise.all(
    PLANS.map(async (plan) => {
      const address = devAccount(plan.index).address;
      for (const [symbol, eth] of plan.buys) await acquireToken(ctx, symbol, address, parseEther(eth));
      const account: DemoAccount = { label: plan.label, address, mnemonicIndex: plan.index, balances: {} };
      if (eigen && plan.eigenStETH) {
        const amount = parseEther(plan.eigenStETH);
        const { depositShares } = await depositAndDelegate(ctx, address, 'stETH', amount, EIGEN_DEVNET_OPERATOR);
        account.eigenLayer = { strategy: 'stETH', depositShares: depositShares.toString(), delegatedTo: EIGEN_DEVNET_OPERATOR };
      }
      if (plan.defi && defi) account.defi = toJson(await seedDemoPositions(ctx, address));
      account.balances = await readBalances(ctx, address);
      return account;
    }),
  );
}

/** ETH and every registry token the account holds (non-zero only). */
export async function readBalances(ctx: DevnetContext, address: Address): Promise<DemoAccount['balances']> {
  const symbols = Object.keys(TOKENS) as TokenSymbol[];
  const results = await ctx.client.multicall({
    allowFailure: false,
    contracts: symbols.map((s) => ({ address: TOKENS[s], abi: erc20Abi, functionName: 'balanceOf', args: [address] }) as const),
  });
  const out: DemoAccount['balances'] = { ETH: (await ctx.client.getBalance({ address })).toString() };
  symbols.forEach((s, i) => {
    const v = results[i] ?? 0n;
    if (v > 0n) out[s] = v.toString();
  });
  return out;
}

/** One line per account for people reading the CLI output. */
export const describeDemo = (accounts: DemoAccount[]) =>
  accounts.map(
    (a) =>
      `${a.label} ${a.address}: ${Object.entries(a.balances)
        .map(([s, v]) => `${Number(formatEther(BigInt(v ?? '0'))).toFixed(3)} ${s}`)
        .join(', ')}`,
  );
