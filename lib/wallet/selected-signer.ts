import { isAddressEqual, type Address } from 'viem';
import { AppError } from '../errors';
import type { AccountView } from './types';
import type { WalletService } from './wallet-service';

type WalletReads = Pick<WalletService, 'status' | 'accounts' | 'meta'>;

/** The account selected on Home, if it is still in the wallet. */
export async function selectedAccount(wallet: WalletReads): Promise<AccountView | undefined> {
  const [accounts, meta] = await Promise.all([wallet.accounts(), wallet.meta()]);
  const selected = meta.selectedAddress;
  return selected ? accounts.find((a) => isAddressEqual(a.address, selected)) : undefined;
}

/**
 * The rule for who signs what Ballast itself sends (flows, their retries and unwinds): the selected
 * account, with the wallet unlocked, and one Ballast holds a key for. Each refusal says what to do.
 */
export async function requireSelectedSigner(wallet: WalletReads): Promise<Address> {
  if ((await wallet.status()) !== 'unlocked') {
    throw new AppError('Unlock Ballast first', {
      code: 'flow.wallet.locked',
      details: 'The wallet is locked; unlock it with your password, then preview the flow again.',
    });
  }
  const account = await selectedAccount(wallet);
  if (!account) throw new AppError('No account selected', { code: 'flow.account.none', details: 'Pick an account on Home first.' });
  if (account.kind === 'watch') {
    throw new AppError('A watch-only account cannot stake', {
      code: 'flow.account.watch-only',
      details: `${account.name} is watch-only: Ballast has no key to sign its transactions. Select an account you imported or created.`,
    });
  }
  return account.address;
}
