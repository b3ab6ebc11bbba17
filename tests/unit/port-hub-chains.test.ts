import { describe, expect, it, vi } from 'vitest';
import { createNetworkService } from '../../lib/chain/networks';
import type { MessageSender, RuntimePort } from '../../lib/messaging/extension-api';
import { createPortHub, type PortHubServices } from '../../lib/messaging/port-hub';
import { PROVIDER_PORT_NAME } from '../../lib/messaging/ui-events';
import type { NetworkState, Permission } from '../../lib/storage';
import { createPermissionService } from '../../lib/wallet/permissions';
import { memoryItem } from './provider-harness';

// The pages of each site hear chainChanged only when their own site's chain moved (issue #18: a chain per site).
const runtime = { id: 'ballast-id', getURL: (path: string) => `chrome-extension://ballast-id${path}` };
const A = 'https://a.example';
const B = 'https://b.example';
const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

function tab(origin: string, tabId: number) {
  const posted: unknown[] = [];
  const sender: MessageSender = { id: 'ballast-id', url: `${origin}/`, origin, tab: { id: tabId }, frameId: 0 };
  const port: RuntimePort = {
    name: PROVIDER_PORT_NAME,
    sender,
    postMessage: (message) => void posted.push(message),
    disconnect: () => undefined,
    onMessage: { addListener: () => undefined },
    onDisconnect: { addListener: () => undefined },
  };
  const chainEvents = () =>
    posted.filter((m) => (m as { event?: string }).event === 'chainChanged').map((m) => (m as { data: unknown }).data);
  const stateChain = () => (posted.find((m) => (m as { type: string }).type === 'state') as { chainId?: string } | undefined)?.chainId;
  return { port, posted, chainEvents, stateChain };
}

function world() {
  const networks = createNetworkService({ item: memoryItem<NetworkState | null>(null) });
  const permissions = createPermissionService({ item: memoryItem<Record<string, Permission>>({}) });
  const services = {
    wallet: { status: async () => 'unlocked', accounts: async () => [], meta: async () => ({}) },
    permissions,
    networks,
    router: { handle: async () => ({ result: null }) },
    approvals: { withdraw: async () => undefined },
    autoLock: { enforce: async () => undefined },
    settings: { getValue: async () => ({ defaultWallet: false, guardMode: true, theme: 'system' as const }) },
  } as unknown as PortHubServices;
  return { ports: createPortHub(runtime, () => services), networks, permissions };
}

describe('port hub: chainChanged per site', () => {
  it("a site's own switch reaches its two tabs only; the wallet's network reaches only the site that follows it; a repeated refresh posts once", async () => {
    const w = world();
    await w.permissions.grant(A, [ACCOUNT]);
    await w.permissions.grant(B, [ACCOUNT]);
    const [a1, a2, b] = [tab(A, 1), tab(A, 2), tab(B, 3)];
    for (const t of [a1, a2, b]) w.ports.onConnect(t.port);
    await vi.waitFor(() => expect([a1, a2, b].map((t) => t.stateChain())).toEqual(['0x1', '0x1', '0x1']));

    await w.permissions.setChainId(A, 8453);
    w.ports.refreshSiteChains();
    w.ports.refreshSiteChains(); // the router's event and the permission change both ask
    await vi.waitFor(() => expect([a1.chainEvents(), a2.chainEvents()]).toEqual([['0x2105'], ['0x2105']]));

    await w.networks.switchTo({ key: 'arbitrum' });
    w.ports.refreshSiteChains();
    await vi.waitFor(() => expect(b.chainEvents()).toEqual(['0xa4b1']));
    expect([a1.chainEvents(), a2.chainEvents()]).toEqual([['0x2105'], ['0x2105']]);

    // A tab opened now starts on its site's chain, without an event.
    const a3 = tab(A, 4);
    w.ports.onConnect(a3.port);
    await vi.waitFor(() => expect(a3.stateChain()).toBe('0x2105'));

    // Disconnecting A: its tabs follow the wallet again and hear it once.
    await w.permissions.revoke(A);
    w.ports.refreshSiteChains();
    await vi.waitFor(() => expect(a3.chainEvents()).toEqual(['0xa4b1']));
    expect([a1.chainEvents(), a2.chainEvents(), b.chainEvents()]).toEqual([['0x2105', '0xa4b1'], ['0x2105', '0xa4b1'], ['0xa4b1']]);
  });
});
