import { AppError, serializeError } from '../../lib/errors';
import { onMessage, type BallastProtocol, type Result, type UiTopic } from '../../lib/messaging';
import type { BrowserApi, MessageSender } from './browser-api';
import { isExtensionPage } from './ports';
import type { Services } from './services';

type Key = keyof BallastProtocol;
type DataOf<K extends Key> = Parameters<BallastProtocol[K]>[0];
type ValueOf<K extends Key> = ReturnType<BallastProtocol[K]> extends Result<infer V> ? V : never;

/**
 * Registers a handler for every BallastProtocol message. The sender must be one of our own extension
 * pages: a content script or web page can never act as the popup. Errors travel back as a Result.
 */
export function registerUiHandlers(browser: BrowserApi, services: () => Services, notify: (topic: UiTopic) => void) {
  function handle<K extends Key>(key: K, fn: (data: DataOf<K>, s: Services) => Promise<ValueOf<K>>) {
    onMessage(key, (async ({ data, sender }: { data: DataOf<K>; sender: MessageSender }) => {
      try {
        if (!isExtensionPage(browser, sender)) {
          throw new AppError('Refused: not an extension page', {
            details: 'Only Ballast pages may call the wallet protocol.',
            code: 'forbidden_sender',
          });
        }
        const s = services();
        // Awaited: an auto-lock deadline that passed while the worker was stopped locks before the answer.
        await s.autoLock.touch().catch(() => undefined);
        return { ok: true, value: await fn(data, s) };
      } catch (error) {
        return { ok: false, error: serializeError(error) };
      }
    }) as never);
  }

  handle('wallet:getState', async (_d, s) => {
    const meta = await s.wallet.meta();
    return {
      status: await s.wallet.status(),
      accounts: await s.wallet.accounts(),
      selectedAddress: meta.selectedAddress,
      chainId: (await s.networks.active()).chainId,
      autoLockMinutes: meta.autoLockMinutes,
      backupPending: meta.backupPending,
      pendingCount: (await s.approvals.list()).length,
    };
  });
  handle('wallet:create', (d, s) => s.wallet.create(d.password));
  handle('wallet:confirmBackup', (d, s) => s.wallet.confirmBackup(d.words));
  handle('wallet:importMnemonic', (d, s) => s.wallet.importMnemonic(d.mnemonic, d.password));
  handle('wallet:importPrivateKey', (d, s) => s.wallet.importPrivateKey(d.privateKey, d.name, d.password));
  handle('wallet:addWatchOnly', (d, s) => s.wallet.addWatchOnly(d.address, d.name));
  handle('wallet:unlock', async (d, s) => {
    await s.wallet.unlock(d.password);
    await s.autoLock.touch();
    return true as const;
  });
  handle('wallet:lock', async (_d, s) => {
    await s.autoLock.cancel();
    return s.wallet.lock();
  });
  handle('wallet:changePassword', (d, s) => s.wallet.changePassword(d.oldPassword, d.newPassword));
  handle('wallet:revealMnemonic', (d, s) => s.wallet.revealMnemonic(d.password));
  handle('wallet:setAutoLock', async (d, s) => {
    await s.wallet.setAutoLock(d.minutes);
    await s.autoLock.touch();
    return true as const;
  });
  handle('accounts:add', (d, s) => s.wallet.addHdAccount(d.name));
  handle('accounts:rename', (d, s) => s.wallet.update(d.address, { name: d.name }));
  handle('accounts:setHidden', (d, s) => s.wallet.update(d.address, { hidden: d.hidden }));
  handle('accounts:select', (d, s) => s.wallet.select(d.address));
  handle('sites:list', (_d, s) => s.permissions.list());
  handle('sites:revoke', async (d, s) => {
    await s.permissions.revoke(d.origin);
    return true as const;
  });
  handle('networks:list', async (_d, s) => {
    // activeKey tells devnet and mainnet apart: both are chain id 1.
    const { networks, activeChainId, activeKey } = await s.networks.list();
    return { networks, activeChainId, activeKey };
  });
  handle('networks:setRpcUrls', (d, s) => s.networks.setRpcUrls({ key: d.key, chainId: d.chainId }, d.rpcUrls));
  handle('networks:switch', async (d, s) => {
    await s.networks.switchTo({ key: d.key, chainId: d.chainId });
    return true as const;
  });
  handle('pending:list', (_d, s) => s.approvals.list());
  handle('pending:resolve', (d, s) => s.approvals.resolve(d.id, { approved: d.approved, accounts: d.accounts }));
  handle('activity:list', async (_d, s) => {
    const active = await s.networks.active();
    await s.activity.refresh(await s.client(), active.chainId).catch(() => 0);
    return s.activity.list();
  });
  handle('settings:get', (_d, s) => s.settings.getValue());
  handle('settings:set', async (d, s) => {
    const current = await s.settings.getValue();
    await s.settings.setValue({
      defaultWallet: d.defaultWallet ?? current.defaultWallet,
      guardMode: d.guardMode ?? current.guardMode,
      theme: d.theme ?? current.theme,
    });
    notify('settings');
    return true as const;
  });
}
