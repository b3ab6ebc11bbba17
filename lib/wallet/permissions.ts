import type { Address } from 'viem';
import { sameAddress } from '../format';
import { createMutex } from '../storage/mutex';
import type { Permission } from '../storage/items';
import type { Item } from '../storage/item';
import type { SiteView } from './types';

/**
 * Which accounts each origin may see. The origin always comes from the browser (Port sender), never
 * from a page's message, so a site can only ever read or change its own entry.
 */
export type PermissionService = ReturnType<typeof createPermissionService>;

export function createPermissionService(deps: {
  item: Item<Record<string, Permission>>;
  now?: () => number;
  onChange?: (origin: string) => void;
}) {
  const exclusive = createMutex();
  const now = deps.now ?? Date.now;

  return {
    async get(origin: string): Promise<Permission | undefined> {
      return (await deps.item.getValue())[origin];
    },
    async list(): Promise<SiteView[]> {
      return Object.values(await deps.item.getValue()).map((p) => ({
        origin: p.origin,
        accounts: [...p.accounts],
        connectedAt: p.connectedAt,
        ...(p.chainId !== undefined ? { chainId: p.chainId } : {}),
      }));
    },
    grant(origin: string, accounts: Address[]): Promise<Permission> {
      return exclusive(async () => {
        const all = await deps.item.getValue();
        const before = all[origin];
        const permission: Permission = {
          origin,
          accounts: [...new Set(accounts)],
          connectedAt: before?.connectedAt ?? now(),
          // Connecting again (other accounts) keeps the chain the site chose.
          ...(before?.chainId !== undefined ? { chainId: before.chainId } : {}),
        };
        await deps.item.setValue({ ...all, [origin]: permission });
        deps.onChange?.(origin);
        return permission;
      });
    },
    /**
     * The site's own network (EIP-3326 / 3085), kept with its connection: undefined when the site follows the
     * wallet's network. False (nothing stored) when the site is not connected.
     */
    setChainId(origin: string, chainId: number | undefined): Promise<boolean> {
      return exclusive(async () => {
        const all = await deps.item.getValue();
        const before = all[origin];
        if (!before) return false;
        const { chainId: _old, ...rest } = before;
        await deps.item.setValue({ ...all, [origin]: chainId === undefined ? rest : { ...rest, chainId } });
        deps.onChange?.(origin);
        return true;
      });
    },
    revoke(origin: string): Promise<boolean> {
      return exclusive(async () => {
        const all = await deps.item.getValue();
        if (!all[origin]) return false;
        const { [origin]: _removed, ...rest } = all;
        await deps.item.setValue(rest);
        deps.onChange?.(origin);
        return true;
      });
    },
    /** Origins that can see `address`, for accountsChanged fan-out. */
    async originsWith(address?: Address): Promise<string[]> {
      return Object.values(await deps.item.getValue())
        .filter((p) => !address || p.accounts.some((a) => sameAddress(a, address)))
        .map((p) => p.origin);
    },
  };
}
