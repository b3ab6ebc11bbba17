import { encodeFunctionData, formatUnits, getAddress, type Address, type Client, type Hex } from 'viem';
import { multicall } from 'viem/actions';
import { erc20Abi } from '../../chain/abis';
import { AppError } from '../../errors';
import { readAmountInput, readUsdAmountInput, sameAddress, USD_PRICE_DECIMALS } from '../../format';
import { readFeeMarket } from '../../preview/fee-quote';
import { MULTICALL3, RESTAKING_SYMBOLS, RESTAKING_TOKENS, readFairRates, TOKENS } from '../../restaking';
import { presetFee } from '../../risk/fees';
import type { AddressBookEntryView } from '../../wallet/address-book';
import { selectedAccount } from '../../wallet/selected-signer';
import type { ProviderRouterDeps } from '../context';
import { internalSend } from '../methods/internal-send';
import { resolveRecipient, type RecipientView } from './recipient';

/** Gas of a plain ETH transfer to an address without code: what Max keeps back for the fee. */
export const ETH_TRANSFER_GAS = 21_000n;

/** A token the selected account holds (ETH always listed), with what Send may move. Amounts in smallest units. */
export type SendTokenView = {
  token: 'ETH' | Address;
  symbol: string;
  decimals: number;
  balance: string;
  /** Max: the balance; for ETH the balance less the normal preset's max fee × 21,000 gas. */
  max: string;
  /** Dollars per whole token × 10^8, when known (ETH/USD from Chainlink; a staking token at its fair ETH rate). */
  usdPrice?: string;
};

export type SendOptionsView = {
  from?: { address: Address; name: string };
  canSign: boolean;
  reason?: string;
  tokens: SendTokenView[];
  /** Wei Max keeps back from ETH for the network fee. */
  ethFeeReserve?: string;
  usdError?: string;
};

export type SendStartInput = { token: 'ETH' | Address; amount: string; unit: 'token' | 'usd'; to: string };

export type SendStartView = { recipient: RecipientView; token: 'ETH' | Address; symbol: string; amount: string };

export type SendServiceDeps = {
  router: ProviderRouterDeps;
  book: () => Promise<AddressBookEntryView[]>;
  /** Where a send that failed after its window showed is reported (the window already said it). */
  onSendError?: (error: unknown) => void;
};

const WAD = 10n ** 18n;

export function createSendService(deps: SendServiceDeps) {
  const client = () => deps.router.client();

  async function sender(): Promise<{ address: Address; name: string; canSign: boolean; reason?: string } | undefined> {
    const account = await selectedAccount(deps.router.wallet);
    if (!account) return undefined;
    const locked = (await deps.router.wallet.status()) !== 'unlocked';
    const reason = locked
      ? 'Unlock Ballast first.'
      : account.kind === 'watch'
        ? `${account.name} is watch-only: Ballast has no key to sign for it.`
        : undefined;
    return { address: account.address, name: account.name, canSign: !reason, ...(reason ? { reason } : {}) };
  }

  /** ETH and every registry or watched token the account holds, with balances, Max and USD prices. */
  async function tokensOf(from: Address): Promise<{ tokens: SendTokenView[]; ethFeeReserve: bigint; usdError?: string }> {
    const c: Client = await client();
    const network = await deps.router.networks.active();
    const watched = (await deps.router.watchedAssets.getValue()).filter((w) => w.chainId === network.chainId);
    // The registry's addresses are Ethereum's (the devnet shares them): on an L2 the same address is another
    // contract, or none, so there only ETH and the tokens added for that chain are offered.
    const onEthereum = network.chainId === 1;
    const candidates = [
      ...(onEthereum ? RESTAKING_SYMBOLS.map((s) => ({ address: RESTAKING_TOKENS[s].address, symbol: s as string, decimals: 18 })) : []),
      ...(onEthereum ? [{ address: TOKENS.WETH, symbol: 'WETH', decimals: 18 }] : []),
      ...watched.filter((w) => !onEthereum || !RESTAKING_SYMBOLS.some((s) => sameAddress(RESTAKING_TOKENS[s].address, w.address))),
    ];
    const [ethBalance, balances, fees, rates] = await Promise.all([
      deps.router.client().then((pc) => pc.getBalance({ address: from })),
      candidates.length === 0
        ? []
        : multicall(c, {
            allowFailure: true,
            // Multicall3's address is the same on Ethereum and the L2s (a viem chain object for an L2 here has none).
            multicallAddress: MULTICALL3,
            contracts: candidates.map((t) => ({ address: t.address, abi: erc20Abi, functionName: 'balanceOf', args: [from] }) as const),
          }),
      readFeeMarket(c, network.chainId),
      onEthereum
        ? readFairRates(c).catch(() => ({}) as Awaited<ReturnType<typeof readFairRates>>)
        : ({} as Awaited<ReturnType<typeof readFairRates>>),
    ]).catch((error: unknown) => {
      throw new AppError('Could not read your balances', {
        code: 'send.balance.unread',
        details: `The RPC did not answer (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Check it in Networks.`,
      });
    });
    const fee = presetFee(fees.market, 'normal', fees.market.eip1559 ? 'eip1559' : 'legacy');
    const ethFeeReserve = (fee.type === 'legacy' ? fee.gasPrice : fee.maxFeePerGas) * ETH_TRANSFER_GAS;
    const ethUsd =
      'ethUsd' in fees.usd
        ? (BigInt(fees.usd.ethUsd.answer) * 10n ** BigInt(USD_PRICE_DECIMALS)) / 10n ** BigInt(fees.usd.ethUsd.decimals)
        : undefined;
    const tokens: SendTokenView[] = [
      {
        token: 'ETH',
        symbol: 'ETH',
        decimals: 18,
        balance: ethBalance.toString(),
        max: (ethBalance > ethFeeReserve ? ethBalance - ethFeeReserve : 0n).toString(),
        ...(ethUsd ? { usdPrice: ethUsd.toString() } : {}),
      },
    ];
    candidates.forEach((t, i) => {
      const r = balances[i];
      const balance = r?.status === 'success' ? (r.result as bigint) : 0n;
      if (balance === 0n) return;
      const rate = (rates as Record<string, { ok: boolean; rate?: bigint }>)[t.symbol];
      const usdPrice = t.symbol === 'WETH' ? ethUsd : rate?.ok && ethUsd ? (rate.rate! * ethUsd) / WAD : undefined;
      tokens.push({
        token: getAddress(t.address),
        symbol: t.symbol,
        decimals: t.decimals,
        balance: balance.toString(),
        max: balance.toString(),
        ...(usdPrice ? { usdPrice: usdPrice.toString() } : {}),
      });
    });
    return { tokens, ethFeeReserve, ...('ethUsdError' in fees.usd ? { usdError: fees.usd.ethUsdError } : {}) };
  }

  function amountOf(input: SendStartInput, t: SendTokenView): bigint {
    const options = { decimals: t.decimals, symbol: t.symbol };
    const reading =
      input.unit === 'usd' ? readUsdAmountInput(input.amount, BigInt(t.usdPrice ?? '0'), options) : readAmountInput(input.amount, options);
    if (!reading.ok) {
      const code = /above zero/.test(reading.message)
        ? 'send.amount.zero'
        : /decimals/.test(reading.message)
          ? 'send.amount.too-many-decimals'
          : /No USD price/.test(reading.message)
            ? 'send.amount.no-price'
            : 'send.amount.not-a-number';
      throw new AppError('Check the amount', { code, details: reading.message });
    }
    if (reading.value > BigInt(t.max)) {
      const kept = t.token === 'ETH' ? ` Max (${formatUnits(BigInt(t.max), t.decimals)} ETH) keeps back the network fee.` : '';
      throw new AppError(`Not enough ${t.symbol}`, {
        code: 'send.amount.above-balance',
        details: `You have ${formatUnits(BigInt(t.balance), t.decimals)} ${t.symbol} and asked to send ${formatUnits(reading.value, t.decimals)} ${t.symbol}.${kept}`,
      });
    }
    return reading.value;
  }

  return {
    async options(): Promise<SendOptionsView> {
      const from = await sender();
      if (!from) return { canSign: false, reason: 'No account selected: pick one on Home.', tokens: [] };
      const { tokens, ethFeeReserve, usdError } = await tokensOf(from.address);
      return {
        from: { address: from.address, name: from.name },
        canSign: from.canSign,
        ...(from.reason ? { reason: from.reason } : {}),
        tokens,
        ethFeeReserve: ethFeeReserve.toString(),
        ...(usdError ? { usdError } : {}),
      };
    },

    resolveRecipient: (text: string) => resolveRecipient(text, { client, book: deps.book }),

    /**
     * Checks everything again here (the form's checks are a convenience), builds the transaction and puts it in
     * the approval window as a dApp's would be; answers once the window shows it. Nothing is sent on an error.
     */
    async start(input: SendStartInput): Promise<SendStartView> {
      const from = await sender();
      if (!from) throw new AppError('No account selected', { code: 'wallet.account.unknown', details: 'Pick an account on Home first.' });
      if (!from.canSign) throw new AppError('This account cannot send', { code: 'wallet.account.watch-only', details: from.reason });
      const recipient = await resolveRecipient(input.to, { client, book: deps.book });
      const { tokens } = await tokensOf(from.address);
      const t = tokens.find((x) =>
        x.token === 'ETH' ? input.token === 'ETH' : input.token !== 'ETH' && sameAddress(x.token, input.token),
      );
      if (!t)
        throw new AppError('Nothing of this token to send', {
          code: 'send.token.unknown',
          details: `${from.name} holds none of ${input.token}. Pick a token from the list.`,
        });
      const amount = amountOf(input, t);
      const tx: { to: Address; value: bigint; data?: Hex } =
        t.token === 'ETH'
          ? { to: recipient.address, value: amount }
          : {
              to: t.token,
              value: 0n,
              data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [recipient.address, amount] }),
            };
      const { asked, sent } = internalSend(deps.router, { from: from.address, ...tx });
      sent.catch((error: unknown) => deps.onSendError?.(error));
      await asked;
      return { recipient, token: t.token, symbol: t.symbol, amount: amount.toString() };
    },
  };
}

export type SendService = ReturnType<typeof createSendService>;
