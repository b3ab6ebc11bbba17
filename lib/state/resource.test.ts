import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, setSender } from './call';
import { createResourceStore, invalidateTopic } from './resource';
import { listenToUiEvents } from './ui-events';
import type { UiPort } from './ui-events';
import { AppError } from '../errors';

afterEach(() => setSender(undefined));

describe('call', () => {
  it('unwraps an ok Result and passes the data through', async () => {
    const seen: unknown[] = [];
    setSender(async (type, data) => {
      seen.push([type, data]);
      return { ok: true, value: { mnemonic: 'a b c' } };
    });
    await expect(call('wallet:create', { password: 'pw-12345678' })).resolves.toEqual({ mnemonic: 'a b c' });
    expect(seen).toEqual([['wallet:create', { password: 'pw-12345678' }]]);
  });

  it('turns an error Result into an AppError with message and details', async () => {
    setSender(async () => ({ ok: false, error: { message: 'Wrong password.', details: 'Type it again.' } }));
    const error = await call('wallet:unlock', { password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).shortMessage).toBe('Wrong password.');
    expect((error as AppError).details).toBe('Type it again.');
  });

  it('says the background did not answer when the transport throws', async () => {
    setSender(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    const error = (await call('wallet:getState').catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('background.unavailable');
    expect(error.details).toContain('wallet:getState');
  });

  it('rejects answers that are not a Result', async () => {
    setSender(async () => undefined);
    const error = (await call('sites:list').catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('background.no-handler');
  });
});

describe('resource store', () => {
  it('loads, keeps the newest answer, and reports errors', async () => {
    let n = 0;
    const store = createResourceStore('alerts', async () => {
      n += 1;
      if (n === 3) throw new AppError('RPC down', { details: 'Check the RPC URL.' });
      return n;
    });
    expect(store.getState().status).toBe('idle');
    await store.getState().reload();
    expect(store.getState()).toMatchObject({ status: 'ready', data: 1 });
    await store.getState().reload();
    expect(store.getState().data).toBe(2);
    await store.getState().reload();
    expect(store.getState()).toMatchObject({ status: 'error', error: { message: 'RPC down', details: 'Check the RPC URL.' } });
  });

  it('ignores an older answer that arrives after a newer one', async () => {
    const resolvers: Array<(v: string) => void> = [];
    const store = createResourceStore('flows', () => new Promise<string>((r) => resolvers.push(r)));
    const first = store.getState().reload();
    const second = store.getState().reload();
    resolvers[1]?.('new');
    await second;
    resolvers[0]?.('old');
    await first;
    expect(store.getState().data).toBe('new');
  });

  it('invalidateTopic reloads only stores that were read', async () => {
    let loads = 0;
    const store = createResourceStore('portfolio', async () => ++loads);
    invalidateTopic('portfolio');
    expect(loads).toBe(0);
    await store.getState().reload();
    invalidateTopic('portfolio');
    await Promise.resolve();
    expect(loads).toBe(2);
  });
});

describe('listenToUiEvents', () => {
  function fakePort() {
    const messageListeners: Array<(m: unknown) => void> = [];
    const disconnectListeners: Array<() => void> = [];
    const port: UiPort & { emit(m: unknown): void; drop(): void } = {
      onMessage: { addListener: (l) => messageListeners.push(l) },
      onDisconnect: { addListener: (l) => disconnectListeners.push(l) },
      disconnect: () => undefined,
      emit: (m) => messageListeners.forEach((l) => l(m)),
      drop: () => disconnectListeners.forEach((l) => l()),
    };
    return port;
  }

  it('reloads a topic on a changed event and reconnects after a drop, slower each time it dies young', async () => {
    vi.useFakeTimers();
    try {
      const ports: ReturnType<typeof fakePort>[] = [];
      const names: string[] = [];
      let loads = 0;
      const store = createResourceStore('sites', async () => ++loads);
      await store.getState().reload();
      const stop = listenToUiEvents((name) => {
        names.push(name);
        const p = fakePort();
        ports.push(p);
        return p;
      });
      ports[0]?.emit({ type: 'changed', topic: 'sites' });
      ports[0]?.emit({ type: 'changed', topic: 'nonsense' });
      ports[0]?.emit('garbage');
      await vi.advanceTimersByTimeAsync(0);
      expect(loads).toBe(2);

      ports[0]?.drop(); // died at once: retry after 500 ms
      await vi.advanceTimersByTimeAsync(499);
      expect(ports).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(ports).toHaveLength(2);
      expect(names).toEqual(['ballast:ui', 'ballast:ui']);
      expect(loads).toBe(3); // everything re-read after a reconnect

      ports[1]?.drop(); // died young again: 1000 ms
      await vi.advanceTimersByTimeAsync(999);
      expect(ports).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(ports).toHaveLength(3);

      await vi.advanceTimersByTimeAsync(6_000); // a healthy connection: reconnect at once
      ports[2]?.drop();
      await vi.advanceTimersByTimeAsync(0);
      expect(ports).toHaveLength(4);

      stop();
      ports[3]?.drop();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(ports).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
