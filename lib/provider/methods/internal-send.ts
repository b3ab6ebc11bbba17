import type { Address, Hex } from 'viem';
import { toHex } from 'viem';
import { AppError } from '../../errors';
import type { ProviderRouterDeps } from '../context';
import { quoteTransactionFee } from '../fees';
import type { TransactionParams } from '../schemas';
import { askWithFee } from './ask-fee';
import { shownFeeOf, signAndSend } from './transaction';

/** How Ballast's own Send shows in the approval window and in Activity (flows say "Ballast · Stake & deploy"). */
export const INTERNAL_SEND_ORIGIN = 'Ballast · Send';

export type InternalSendParameters = {
  from: Address;
  to: Address;
  value: bigint;
  data?: Hex;
  /** Default INTERNAL_SEND_ORIGIN. */
  origin?: string;
};

export type InternalSendReturnType = {
  /** Resolves when the request waits in the approval window (the fee is decided); rejects if it never got there. */
  asked: Promise<void>;
  /** The hash once the user approved and it was broadcast; rejects on rejection or a chain that kept moving. */
  sent: Promise<Hex>;
};

/**
 * A transaction Ballast itself composed (Send), put through exactly the path of a dApp's eth_sendTransaction:
 * the fee decided before the window shows it, the approval queue and window (verdict, risk preview,
 * fee editor), the re-ask when the chain moved, and the signature of what was approved. Only the site
 * checks are left out: there is no site; the sender must be one of the wallet's accounts with a key.
 */
export function internalSend(deps: ProviderRouterDeps, p: InternalSendParameters): InternalSendReturnType {
  let markAsked!: () => void;
  const asked = new Promise<void>((resolve) => (markAsked = resolve));
  const origin = p.origin ?? INTERNAL_SEND_ORIGIN;
  const sent = (async () => {
    if ((await deps.wallet.status()) !== 'unlocked')
      throw new AppError('Unlock Ballast first', {
        code: 'wallet.locked',
        details: 'The wallet locked; unlock it and press Review again.',
      });
    const account = (await deps.wallet.accounts()).find((a) => a.address.toLowerCase() === p.from.toLowerCase());
    if (!account)
      throw new AppError('Not an account of this wallet', { code: 'wallet.account.unknown', details: `${p.from} is not in Ballast.` });
    if (account.kind === 'watch')
      throw new AppError('A watch-only account cannot send', {
        code: 'wallet.account.watch-only',
        details: `${account.name} is watch-only: Ballast has no key to sign for it. Select an account you created or imported.`,
      });
    const network = await deps.networks.active();
    const tx: TransactionParams = {
      from: account.address,
      to: p.to,
      value: toHex(p.value),
      ...(p.data ? { data: p.data } : {}),
    };
    const client = await deps.client();
    const now = deps.now ?? Date.now;
    const netInfo = { name: network.name, chainId: network.chainId };
    const approved = await askWithFee({
      client,
      from: account.address,
      what: 'transaction',
      fee: await quoteTransactionFee(client, tx, netInfo, { now: now() }),
      ask: (fee, key) => {
        const decision = deps.approvals.request({
          origin,
          kind: 'transaction',
          method: 'eth_sendTransaction',
          params: [tx],
          chainId: network.chainId,
          dedupeKey: key,
          fee,
        });
        markAsked();
        return decision;
      },
      requote: (options) => quoteTransactionFee(client, tx, netInfo, { ...options, now: now() }),
    });
    return signAndSend(tx, origin, deps, shownFeeOf(approved, 0));
  })();
  // Whatever stops it before the window shows (locked, fee reads failed) rejects `asked` with that error.
  return { asked: Promise.race([asked, sent.then(() => undefined)]), sent };
}
