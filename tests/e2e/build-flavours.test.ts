import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The devnet network's URL and name: a production build must not carry either (a local node posing as chain 1).
const DEVNET_URL = '127.0.0.1:8545';
const DEVNET_NAME = 'Ballast devnet';
const DEVNET_L2_URLS = ['127.0.0.1:8546', '127.0.0.1:8547'];
const root = resolve(import.meta.dirname, '../..');
const outDirs: string[] = [];

/** Builds one flavour into a fresh temporary BALLAST_OUT_DIR (about 8 s) and returns the chrome build folder. */
function build(flavour: 'production' | 'test'): string {
  const outDir = mkdtempSync(join(tmpdir(), `ballast-build-${flavour}-`));
  outDirs.push(outDir);
  const env: NodeJS.ProcessEnv = { ...process.env, BALLAST_OUT_DIR: outDir };
  delete env.BALLAST_BUILD;
  if (flavour === 'test') env.BALLAST_BUILD = 'test';
  execFileSync('npx', ['wxt', 'build'], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] }); // stderr comes with a failure
  const chrome = join(outDir, flavour === 'test' ? 'chrome-mv3-test' : 'chrome-mv3');
  if (!existsSync(join(chrome, 'manifest.json'))) throw new Error(`no manifest.json in ${chrome}`);
  return chrome;
}

/** Every file of a build (relative path) whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (readFileSync(path).includes(needle)) found.push(relative(dir, path));
  }
  return found.sort();
}

describe('build flavours: the devnet network only in the test build', () => {
  afterAll(() => {
    for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
  });

  it(`npm run build (production) has no ${DEVNET_URL} in any file; npm run build:test has it in the background`, () => {
    const production = build('production');
    const test = build('test');
    expect(filesContaining(production, DEVNET_URL)).toEqual([]);
    expect(filesContaining(production, DEVNET_NAME)).toEqual([]);
    expect(filesContaining(test, DEVNET_URL)).toEqual(['background.js']);
    expect(filesContaining(test, DEVNET_NAME)).toEqual(['background.js']);
    // The devnet L2s (issue #18) likewise.
    for (const l2 of DEVNET_L2_URLS) {
      expect(filesContaining(production, l2)).toEqual([]);
      expect(filesContaining(test, l2)).toEqual(['background.js']);
    }
    // Both are whole builds of the same pages: only the flavour differs.
    expect(readdirSync(test).sort()).toEqual(readdirSync(production).sort());
  });
});
