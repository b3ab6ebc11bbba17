/**
 * npm run bench: builds the test build if .output/chrome-mv3-test is missing, starts a seeded devnet, launches the
 * extension in headless Chromium, runs every part of tests/bench/parts.ts, and merges their keys into
 * bench/results.json (keys written by other parts are kept). `npm run bench -- unlock` runs only parts
 * whose name contains "unlock".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDevnet } from '../devnet/devnet';
import { EXTENSION_DIR, launchBallast } from '../e2e/harness';
import { onboard, PASSWORD } from '../e2e/test-dapp-helpers';
import { BENCH_PARTS } from './parts';

const root = resolve(import.meta.dirname, '../..');
const resultsFile = join(root, 'bench/results.json');

function readResults(): Record<string, unknown> {
  if (!existsSync(resultsFile)) return {};
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${resultsFile} is not valid JSON (${String(error)}); fix or delete it, then rerun.`);
  }
}

async function main() {
  const filter = process.argv[2];
  const parts = BENCH_PARTS.filter((p) => !filter || p.name.includes(filter));
  // Every part but the chain-only ones reads or runs the build (`npm run bench -- l2` needs none).
  const CHAIN_ONLY = ['tracker', 'l2-holdings'];
  if (!parts.every((p) => CHAIN_ONLY.includes(p.name)) && !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    console.error(`No build in ${EXTENSION_DIR}: running \`BALLAST_BUILD=test npx wxt build\` (the test build, with the devnet) first.`);
    execFileSync('npx', ['wxt', 'build'], { cwd: root, env: { ...process.env, BALLAST_BUILD: 'test' }, stdio: 'inherit' });
  }
  const measured: Record<string, number> = {};
  const devnet = await startDevnet();
  const ballast = parts.some((p) => p.needsBrowser) ? await launchBallast() : undefined;
  try {
    if (ballast) await onboard(ballast, devnet.rpcUrl);
    for (const part of parts) {
      const started = performance.now();
      Object.assign(measured, await part.run({ devnet, ballast: ballast!, password: PASSWORD, root }));
      console.error(`bench: ${part.name} done in ${Math.round(performance.now() - started)} ms`);
    }
  } finally {
    await ballast?.close();
    await devnet.stop();
  }
  // Read again just before writing: another part may have written meanwhile.
  const results = { ...readResults(), ...measured };
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
