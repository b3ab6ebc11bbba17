import type { Handlers } from './context';

/** Vault, lock and accounts: every one is the user acting in a Ballast page (auto-lock moves back). */
export const walletHandlers = {
  'wallet:getState': {
    userAction: true,
    handle: async (_d, s) => {
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
    },
  },
  'wallet:create': { userAction: true, handle: (d, s) => s.wallet.create(d.password) },
  'wallet:confirmBackup': { userAction: true, handle: (d, s) => s.wallet.confirmBackup(d.words) },
  'wallet:importMnemonic': { userAction: true, handle: (d, s) => s.wallet.importMnemonic(d.mnemonic, d.password) },
  'wallet:importPrivateKey': { userAction: true, handle: (d, s) => s.wallet.importPrivateKey(d.privateKey, d.name, d.password) },
  'wallet:addWatchOnly': { userAction: true, handle: (d, s) => s.wallet.addWatchOnly(d.address, d.name) },
  'wallet:unlock': {
    userAction: true,
    handle: async (d, s) => {
      await s.wallet.unlock(d.password);
      // The touch before the handler saw a locked wallet; the deadline starts now.
      await s.autoLock.touch();
      return true as const;
    },
  },
  'wallet:lock': {
    userAction: true,
    handle: async (_d, s) => {
      await s.autoLock.cancel();
      return s.wallet.lock();
    },
  },
  'wallet:changePassword': { userAction: true, handle: (d, s) => s.wallet.changePassword(d.oldPassword, d.newPassword) },
  'wallet:revealMnemonic': { userAction: true, handle: (d, s) => s.wallet.revealMnemonic(d.password) },
  'wallet:setAutoLock': {
    userAction: true,
    handle: async (d, s) => {
      await s.wallet.setAutoLock(d.minutes);
      await s.autoLock.touch();
      return true as const;
    },
  },
  'accounts:add': { userAction: true, handle: (d, s) => s.wallet.addHdAccount(d.name) },
  'accounts:rename': { userAction: true, handle: (d, s) => s.wallet.update(d.address, { name: d.name }) },
  'accounts:setHidden': { userAction: true, handle: (d, s) => s.wallet.update(d.address, { hidden: d.hidden }) },
  'accounts:select': { userAction: true, handle: (d, s) => s.wallet.select(d.address) },
  'accounts:addHardware': { userAction: true, handle: (d, s) => s.wallet.addHardwareAccounts(d.device, d.accounts) },
  'devices:pending': { userAction: false, handle: async (_d, s) => s.devices.listForPage() },
  'devices:answer': { userAction: true, handle: (d, s) => s.devices.answer(d.id, d.signed) },
  'devices:fail': { userAction: true, handle: async (d, s) => s.devices.fail(d.id, d.code, d.extra) },
} satisfies Handlers;
