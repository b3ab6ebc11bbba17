import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { z } from 'zod';
import { AppError } from '../errors';
import { defineCheckedItem } from './checked-item';

/** A shape that changed between versions: v1 stored `{ dark: boolean }`, v2 stores `{ theme }`. */
const themeV2 = z.object({ theme: z.enum(['light', 'dark', 'system']) });
const migrations = { 2: (old: unknown) => ({ theme: (old as { dark?: unknown }).dark === true ? 'dark' : 'light' }) };

const raw = async (key: string) => (await fakeBrowser.storage.local.get(key))[key] as unknown;

describe('defineCheckedItem', () => {
  beforeEach(() => fakeBrowser.reset());

  test('a value from version 1 is migrated on first read, written back with its new version, and not migrated twice', async () => {
    const migrate = vi.fn(migrations[2]);
    const item = defineCheckedItem('local:test.theme', {
      label: 'theme',
      schema: themeV2,
      fallback: { theme: 'system' as const },
      version: 2,
      migrations: { 2: migrate },
      onCorrupt: 'reset',
    });
    await fakeBrowser.storage.local.set({ 'test.theme': { dark: true } });
    expect(await item.getValue()).toEqual({ theme: 'dark' });
    expect(await raw('test.theme')).toEqual({ theme: 'dark' });
    expect(await raw('test.theme$')).toEqual({ v: 2 });
    expect(await item.getValue()).toEqual({ theme: 'dark' });
    expect(migrate).toHaveBeenCalledTimes(1);
  });

  test('an older version without a registered migration: the error policy names the item, the bytes stay', async () => {
    const item = defineCheckedItem('local:test.list', {
      label: 'list',
      schema: z.array(z.string()),
      fallback: [],
      version: 3,
      migrations: { 3: (v) => v },
      onCorrupt: { message: 'Stored list is unreadable', details: 'Re-create the list.' },
    });
    await fakeBrowser.storage.local.set({ 'test.list': ['a'], 'test.list$': { v: 1 } });
    await expect(item.getValue()).rejects.toMatchObject({
      shortMessage: 'Stored list is unreadable',
      details: 'Re-create the list.',
      code: 'storage.corrupt',
    });
    expect(await raw('test.list')).toEqual(['a']);
    expect(await raw('test.list$')).toEqual({ v: 1 });
  });

  test('a migration that throws is a corrupt read, not a crash', async () => {
    const item = defineCheckedItem('local:test.theme', {
      label: 'theme',
      schema: themeV2,
      fallback: { theme: 'system' as const },
      version: 2,
      migrations: {
        2: () => {
          throw new Error('boom');
        },
      },
      onCorrupt: 'reset',
    });
    await fakeBrowser.storage.local.set({ 'test.theme': { dark: true } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await item.getValue()).toEqual({ theme: 'system' });
    expect(warn.mock.calls[0]?.[0]).toMatch(/theme migration to item version 2 failed: boom/);
    warn.mockRestore();
  });

  test('a future version: the error policy says to update Ballast, and nothing is rewritten', async () => {
    const item = defineCheckedItem('local:test.list', {
      label: 'list',
      schema: z.array(z.string()),
      fallback: [],
      version: 1,
      onCorrupt: { message: 'Stored list is unreadable', details: 'Re-create the list.' },
    });
    await fakeBrowser.storage.local.set({ 'test.list': ['a'], 'test.list$': { v: 4 } });
    const error = await item.getValue().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toBe(
      'They were saved by a newer version of Ballast; update Ballast to read them. Nothing was changed. Re-create the list.',
    );
    expect(await raw('test.list$')).toEqual({ v: 4 });
  });

  test('a write records the current version, so a value once reset is read normally afterwards', async () => {
    const item = defineCheckedItem('local:test.list', {
      label: 'list',
      schema: z.array(z.string()),
      fallback: [],
      version: 1,
      onCorrupt: 'reset',
    });
    await fakeBrowser.storage.local.set({ 'test.list': ['a'], 'test.list$': { v: 9 } });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await item.getValue()).toEqual([]);
    await item.setValue(['b']);
    expect(await raw('test.list$')).toEqual({ v: 1 });
    expect(await item.getValue()).toEqual(['b']);
    vi.restoreAllMocks();
  });

  test('the fallback handed out is a copy: callers cannot change the default for the next read', async () => {
    const item = defineCheckedItem('local:test.list', {
      label: 'list',
      schema: z.array(z.string()),
      fallback: [] as string[],
      version: 1,
      onCorrupt: 'reset',
    });
    (await item.getValue()).push('leak');
    expect(await item.getValue()).toEqual([]);
  });

  test('watchers see checked values: a damaged write reaches them as the fallback', async () => {
    const item = defineCheckedItem('local:test.list', {
      label: 'list',
      schema: z.array(z.string()),
      fallback: [],
      version: 1,
      onCorrupt: 'reset',
    });
    const seen: unknown[] = [];
    const stop = item.watch((next) => seen.push(next));
    await item.setValue(['x']);
    await fakeBrowser.storage.local.set({ 'test.list': 7 });
    await vi.waitFor(() => expect(seen).toEqual([['x'], []]));
    stop();
  });
});
