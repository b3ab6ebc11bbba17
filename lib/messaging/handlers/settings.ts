import { applyFeeEdit, confirmFee } from '../../provider/fees';
import type { Handlers } from './context';

/** Sites, networks, the approval queue, Activity and settings: user actions in a Ballast page. */
export const settingsHandlers = {
  'sites:list': { userAction: true, handle: (_d, s) => s.permissions.list() },
  'sites:revoke': {
    userAction: true,
    handle: async (d, s) => {
      await s.permissions.revoke(d.origin);
      return true as const;
    },
  },
  'sites:followWallet': {
    userAction: true,
    handle: async (d, s) => {
      await s.permissions.setChainId(d.origin, undefined);
      return true as const;
    },
  },
  'networks:list': {
    userAction: true,
    handle: async (_d, s) => {
      // activeKey tells devnet and mainnet apart: both are chain id 1.
      const { networks, activeChainId, activeKey } = await s.networks.list();
      return { networks, activeChainId, activeKey };
    },
  },
  'networks:setRpcUrls': {
    userAction: true,
    handle: (d, s) => s.networks.setRpcUrls({ key: d.key, chainId: d.chainId }, d.rpcUrls),
  },
  'networks:switch': {
    userAction: true,
    handle: async (d, s) => {
      await s.networks.switchTo({ key: d.key, chainId: d.chainId });
      return true as const;
    },
  },
  'pending:list': { userAction: true, handle: (_d, s) => s.approvals.list() },
  'pending:resolve': {
    userAction: true,
    // An approval stands for the fee the window showed, with its danger flags confirmed (checked with the stored entry).
    handle: (d, s) =>
      s.approvals.resolve(d.id, { approved: d.approved, accounts: d.accounts }, d.approved ? (entry) => confirmFee(entry, d) : undefined),
  },
  'pending:setFee': {
    userAction: true,
    handle: ({ id, ...edit }, s) => s.approvals.updateFee(id, (fee, entry) => applyFeeEdit(fee, entry, edit)),
  },
  'activity:list': {
    userAction: true,
    handle: async (_d, s) => {
      // Statuses refresh when listed, on every chain with pending entries; a failed refresh still lists what is stored.
      if (s.refreshActivity) await s.refreshActivity().catch(() => 0);
      else await s.activity.refresh(await s.client(), (await s.networks.active()).chainId).catch(() => 0);
      return s.activity.list();
    },
  },
  'activity:replace': {
    userAction: true,
    handle: async ({ hash, mode }, s) => ({ hash: await s.replaceTransaction(hash, mode) }),
  },
  'settings:get': { userAction: true, handle: (_d, s) => s.settings.getValue() },
  'settings:set': {
    userAction: true,
    handle: async (d, s) => {
      const current = await s.settings.getValue();
      await s.settings.setValue({
        defaultWallet: d.defaultWallet ?? current.defaultWallet,
        guardMode: d.guardMode ?? current.guardMode,
        theme: d.theme ?? current.theme,
        txNotifications: d.txNotifications ?? current.txNotifications,
      });
      s.notify('settings');
      return true as const;
    },
  },
} satisfies Handlers;
