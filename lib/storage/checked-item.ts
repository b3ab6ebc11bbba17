import { storage, type StorageItemKey } from '@wxt-dev/storage';
import type { z } from 'zod';
import { AppError } from '../errors';

/**
 * What a value that fails its schema turns into:
 * - 'reset': it reads as the fallback (the user loses nothing they cannot recreate: a connection, a
 *   setting, a lock). The damaged bytes stay until the next write replaces them.
 * - { message, details }: reading throws this AppError (the data cannot be rebuilt without the user).
 */
export type CorruptPolicy = 'reset' | { message: string; details: string };

/** Old stored value → value of the next version; keyed by the version it produces (2, 3 …). */
export type Migrations = Record<number, (previous: unknown) => unknown>;

export type CheckedItemOptions<T> = {
  /** Plain words for messages and logs: "accounts", "connected sites". */
  label: string;
  schema: z.ZodType<T, unknown>;
  fallback: T;
  /** Current shape version; a stored value without version metadata is version 1 (@wxt-dev/storage's rule). */
  version: number;
  migrations?: Migrations;
  onCorrupt: CorruptPolicy;
};

export type CheckedItem<T> = {
  key: StorageItemKey;
  fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  watch(callback: (next: T, previous: T) => void): () => void;
};

/** How a read went; the exported reader throws or falls back from this. */
export type ReadOutcome<T> =
  { ok: true; value: T; migratedFrom?: number } | { ok: false; problem: 'corrupt' | 'future-version' | 'migration-failed'; reason: string };

/** The check itself, pure so tests and the watch callback share it. */
export function checkStoredValue<T>(raw: unknown, storedVersion: number, options: CheckedItemOptions<T>): ReadOutcome<T> {
  const { version, migrations = {}, schema } = options;
  if (storedVersion > version) {
    return {
      ok: false,
      problem: 'future-version',
      reason: `stored by a newer Ballast (item version ${storedVersion}, this one reads up to ${version})`,
    };
  }
  let value = raw;
  for (let next = storedVersion + 1; next <= version; next++) {
    const migrate = migrations[next];
    if (!migrate) return { ok: false, problem: 'migration-failed', reason: `no migration from item version ${next - 1} to ${next}` };
    try {
      value = migrate(value);
    } catch (error) {
      return {
        ok: false,
        problem: 'migration-failed',
        reason: `migration to item version ${next} failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: 'corrupt', reason: describeIssues(parsed.error) };
  return storedVersion < version ? { ok: true, value: parsed.data, migratedFrom: storedVersion } : { ok: true, value: parsed.data };
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'does not match the expected shape';
  const where = first.path.length ? first.path.map(String).join('.') : 'the value';
  return `${where}: ${first.message}`;
}

/** A version in metadata that is not a positive integer is treated like no version at all (1). */
function versionOf(meta: Record<string, unknown>): number {
  const v = meta.v;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

/**
 * A @wxt-dev/storage item whose reads are checked against a zod schema and migrated from older
 * versions. Migrations run here, on read, instead of through defineItem's `migrations`: those run
 * once when the module loads and only log a failure, where a read-time check can answer the caller
 * with a clear error or a safe default. The vault is never defined through this: its bytes are only
 * ever written by the wallet itself.
 */
export function defineCheckedItem<T>(key: StorageItemKey, options: CheckedItemOptions<T>): CheckedItem<T> {
  const item = storage.defineItem<unknown, { v: number }>(key, { fallback: null });
  const cloneFallback = () => structuredClone(options.fallback);

  function settle(outcome: ReadOutcome<T>): T {
    if (outcome.ok) return outcome.value;
    if (options.onCorrupt === 'reset') {
      // Logged, not thrown: the default is safe for this item and the user keeps working.
      console.warn(`[ballast] stored ${options.label} ${outcome.reason}; using the defaults until the next save`);
      return cloneFallback();
    }
    const future = outcome.problem === 'future-version';
    throw new AppError(options.onCorrupt.message, {
      details: future
        ? `They were saved by a newer version of Ballast; update Ballast to read them. Nothing was changed. ${options.onCorrupt.details}`
        : options.onCorrupt.details,
      code: 'storage.corrupt',
      cause: new Error(`${key}: ${outcome.reason}`),
    });
  }

  async function write(value: T) {
    await Promise.all([item.setValue(value), item.setMeta({ v: options.version })]);
  }

  return {
    key,
    get fallback() {
      return cloneFallback();
    },
    async getValue() {
      const [raw, meta] = await Promise.all([item.getValue(), item.getMeta()]);
      // Nothing stored (or null) is the normal first-run state, in any version.
      if (raw === null || raw === undefined) return cloneFallback();
      const outcome = checkStoredValue(raw, versionOf(meta), options);
      // A migrated value is written back once, so later reads skip the migration.
      if (outcome.ok && outcome.migratedFrom !== undefined) await write(outcome.value);
      return settle(outcome);
    },
    setValue: write,
    async removeValue() {
      await item.removeValue({ removeMeta: true });
    },
    watch(callback) {
      // A watcher sees what a read would return; a value it cannot read is reported as the fallback.
      const read = (raw: unknown): T => {
        if (raw === null || raw === undefined) return cloneFallback();
        const outcome = checkStoredValue(raw, options.version, options);
        return outcome.ok ? outcome.value : cloneFallback();
      };
      return item.watch((next, previous) => callback(read(next), read(previous)));
    },
  };
}
