import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODE_PATTERN, ERROR_CODES, isErrorCode } from './codes';

const ROOT = join(import.meta.dirname, '..', '..');
const SCANNED = ['lib', 'components', 'entrypoints', 'tests'];
const SKIPPED_DIRS = new Set(['node_modules', '.output', '.wxt', 'reference', 'seed']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIPPED_DIRS.has(name) || name.startsWith('.output') ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * String literals in an error-code position: a `code: '…'` property, `.code === '…'` / `!==`, and
 * `.code).toBe('…')` in tests. Not ours, so skipped: zod's issue codes (`ctx.addIssue({ code: 'custom' })`),
 * `typeof x.code === 'number'`, and Node's system error codes (`EADDRINUSE`) that test helpers compare.
 */
const CODE_LITERAL = /((?<![.\w])code\??\s*:\s*|\.code\s*(?:===|!==)\s*|\.code\)\.toBe\()(['"`])([^'"`\n]*)\2/g;
const NODE_SYSTEM_ERROR = /^E[A-Z]+$/;

export function codeLiteralsIn(text: string): { code: string; line: number }[] {
  const found: { code: string; line: number }[] = [];
  for (const m of text.matchAll(CODE_LITERAL)) {
    const before = text.slice(Math.max(0, m.index - 120), m.index);
    const lineBefore = before.slice(before.lastIndexOf('\n') + 1);
    if (/addIssue\(\{[^}]*$/.test(before) || /typeof\s[^;&|]*$/.test(lineBefore) || NODE_SYSTEM_ERROR.test(m[3]!)) continue;
    found.push({ code: m[3]!, line: text.slice(0, m.index).split('\n').length });
  }
  return found;
}

describe('the error code catalogue', () => {
  it('names every code in one style, <domain>.<what>[.<detail>] in lower-case kebab segments', () => {
    const misnamed = ERROR_CODES.filter((c) => !ERROR_CODE_PATTERN.test(c));
    expect(misnamed).toEqual([]);
    expect(new Set(ERROR_CODES).size, 'a code is listed twice').toBe(ERROR_CODES.length);
  });

  it('the naming rule refuses the old styles', () => {
    for (const old of [
      'forbidden_sender',
      'TRACKER_RPC',
      'no_rpc',
      'locked',
      'flow',
      'flow.Amount.zero',
      'a.b.c.d',
      'rpc.bad_url',
      'rpc..none',
    ])
      expect(ERROR_CODE_PATTERN.test(old), old).toBe(false);
    for (const good of ['rpc.none', 'flow.min-out.not-met', 'wallet.private-key.invalid'])
      expect(ERROR_CODE_PATTERN.test(good), good).toBe(true);
  });

  it('the scan finds code literals where they are written and skips zod issue codes', () => {
    const sample = [
      "throw new AppError('x', { code: 'rpc.none' });",
      "if (e.code === 'wallet.locked') {}",
      "expect(reply.error?.code).toBe('sender.forbidden');",
      "ctx.addIssue({ code: 'custom', message: 'no' });",
      'const n = { code: 4001 };',
      "if (typeof (e as { code: unknown }).code === 'number' || e.code === 'EADDRINUSE') {}",
      "return error instanceof AppError ? error.code : 'other';",
    ].join('\n');
    expect(codeLiteralsIn(sample)).toEqual([
      { code: 'rpc.none', line: 1 },
      { code: 'wallet.locked', line: 2 },
      { code: 'sender.forbidden', line: 3 },
    ]);
  });

  it(`lists every code written in ${SCANNED.join(', ')}`, () => {
    const unknown: string[] = [];
    let seen = 0;
    for (const file of SCANNED.flatMap((d) => sourceFiles(join(ROOT, d)))) {
      if (file.endsWith('codes.test.ts')) continue;
      for (const { code, line } of codeLiteralsIn(readFileSync(file, 'utf8'))) {
        seen++;
        if (!isErrorCode(code)) unknown.push(`${relative(ROOT, file)}:${line} '${code}'`);
      }
    }
    expect(unknown).toEqual([]);
    // The scan must actually see the codes (a broken pattern would find nothing and pass).
    expect(seen).toBeGreaterThan(80);
  });
});
