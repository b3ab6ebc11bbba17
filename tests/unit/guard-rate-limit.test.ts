import { describe, expect, it } from 'vitest';
import { answerCardAsk, GUARD_ASKS_PER_MINUTE } from '../../lib/messaging/card-channel';
import type { MessageSender } from '../../lib/messaging/extension-api';
import { createRateLimit } from '../../lib/messaging/rate-limit';
import { CARD_MESSAGE } from '../../lib/provider/page/card-messages';
import type { PreviewService } from '../../lib/preview/service';

/**
 * Every guard ask runs a simulation on the user's RPC for params the page chose, so a page gets at
 * most GUARD_ASKS_PER_MINUTE of them a minute; the rest are answered "rate-limited" (the card then says
 * Ballast could not check), never left unanswered and never previewed.
 */
const runtime = { id: 'ballast-id', getURL: (path: string) => `chrome-extension://ballast-id${path}` };
const senderAt = (origin: string): MessageSender => ({ id: 'ballast-id', url: `${origin}/`, origin, tab: { id: 7 }, frameId: 0 });
const A = 'https://a.example';
const B = 'https://b.example';
const guardAsk = (n: number) => ({
  type: CARD_MESSAGE,
  mode: 'guard',
  requestId: `g${n}`,
  method: 'personal_sign',
  params: ['0x68656c6c6f', '0x2222222222222222222222222222222222222222'],
});

function setup() {
  let clock = 1_000_000;
  const previewed: string[] = [];
  const service = {
    forGuard: async (_method: string, _params: unknown, origin: string) => (
      previewed.push(origin),
      { preview: { worst: 'none', flags: [] } }
    ),
    forPageRequest: async () => ({ rpcHost: 'x', preview: { worst: 'none', flags: [] } }),
  } as unknown as PreviewService;
  const guardLimit = createRateLimit({ limit: GUARD_ASKS_PER_MINUTE, windowMs: 60_000, now: () => clock });
  const ask = (origin: string, n: number, mode: 'guard' | 'ballast' = 'guard') =>
    answerCardAsk({ runtime, previews: () => service, guardLimit }, { ...guardAsk(n), mode }, senderAt(origin));
  return { ask, previewed, tick: (ms: number) => void (clock += ms) };
}

describe('guard asks are rate-limited per origin', () => {
  it(`answers ${GUARD_ASKS_PER_MINUTE} a minute, then "rate-limited" without previewing; another origin is unaffected`, async () => {
    const s = setup();
    for (let n = 0; n < GUARD_ASKS_PER_MINUTE; n += 1) {
      expect(await s.ask(A, n)).toMatchObject({ ok: true });
      s.tick(1_000);
    }
    expect(await s.ask(A, 99)).toEqual({ ok: false, reason: 'rate-limited' });
    expect(s.previewed.filter((o) => o === A)).toHaveLength(GUARD_ASKS_PER_MINUTE);
    expect(await s.ask(B, 1)).toMatchObject({ ok: true });
    // Requests the page sent to Ballast itself are not guard asks and are not counted here.
    expect(await s.ask(A, 100, 'ballast')).toMatchObject({ ok: true });
  });

  it('the window slides: once the oldest ask is a minute old, one more is answered', async () => {
    const s = setup();
    // One ask a second: the oldest is at t, the last at t + 9 s.
    for (let n = 0; n < GUARD_ASKS_PER_MINUTE; n += 1) {
      if (n > 0) s.tick(1_000);
      await s.ask(A, n);
    }
    expect(await s.ask(A, 50)).toEqual({ ok: false, reason: 'rate-limited' });
    s.tick(60_000 - (GUARD_ASKS_PER_MINUTE - 1) * 1_000 - 1);
    expect(await s.ask(A, 51)).toEqual({ ok: false, reason: 'rate-limited' });
    s.tick(1);
    expect(await s.ask(A, 52)).toMatchObject({ ok: true });
    expect(await s.ask(A, 53)).toEqual({ ok: false, reason: 'rate-limited' });
  });

  it('refused asks do not count: a page that keeps asking is answered again a minute after its last answered ask', async () => {
    const s = setup();
    for (let n = 0; n < GUARD_ASKS_PER_MINUTE; n += 1) await s.ask(A, n);
    for (let n = 0; n < 30; n += 1) {
      s.tick(1_000);
      expect(await s.ask(A, 100 + n)).toEqual({ ok: false, reason: 'rate-limited' });
    }
    s.tick(30_000);
    expect(await s.ask(A, 200)).toMatchObject({ ok: true });
  });
});
