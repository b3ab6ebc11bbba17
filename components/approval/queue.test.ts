import { describe, expect, it } from 'vitest';
import type { PendingRequestView } from '../../lib/messaging/types';
import { currentSite, groupBySite } from './queue';

const req = (id: string, origin: string, createdAt: number): PendingRequestView => ({
  id,
  origin,
  createdAt,
  kind: 'connect',
  method: 'eth_requestAccounts',
  params: [],
  chainId: 1,
});

describe('groupBySite', () => {
  it('groups by origin in arrival order', () => {
    const queues = groupBySite([
      req('c', 'https://b.example', 3),
      req('a', 'https://a.example', 1),
      req('b', 'https://b.example', 2),
      req('d', 'https://a.example', 4),
    ]);
    expect(queues.map((q) => [q.origin, q.requests.map((r) => r.id)])).toEqual([
      ['https://a.example', ['a', 'd']],
      ['https://b.example', ['b', 'c']],
    ]);
    expect(currentSite(queues, 'https://b.example')?.origin).toBe('https://b.example');
    expect(currentSite(queues, 'https://gone.example')?.origin).toBe('https://a.example');
    expect(currentSite([], undefined)).toBeUndefined();
  });
});
