import type { PendingRequestView } from '../../lib/messaging/types';

export type SiteQueue = { origin: string; requests: PendingRequestView[] };

/** Pending requests grouped per site, oldest site first, each site's requests oldest first. */
export function groupBySite(requests: readonly PendingRequestView[]): SiteQueue[] {
  const sorted = [...requests].sort((a, b) => a.createdAt - b.createdAt);
  const bySite = new Map<string, PendingRequestView[]>();
  for (const r of sorted) bySite.set(r.origin, [...(bySite.get(r.origin) ?? []), r]);
  return [...bySite].map(([origin, list]) => ({ origin, requests: list }));
}

/** The site to show: the one picked if it still has requests, else the oldest. */
export function currentSite(queues: SiteQueue[], picked?: string): SiteQueue | undefined {
  return queues.find((q) => q.origin === picked) ?? queues[0];
}

/** A site's short label: its host, or the origin as it is when it is not a URL (Ballast's own "Ballast · Send"). */
export function siteLabel(origin: string): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}
