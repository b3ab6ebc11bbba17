// Compiles every contracts/**/*.sol with solcjs (offline, pinned by package.json) into
// contracts/out/<ContractName>.json = { abi, bytecode, deployedBytecode }.
// Skips work when no source changed since the last build (hash stamp).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const root = fileURLToPath(new URL('../../contracts', import.meta.url));
const outDir = join(root, 'out');

function listSources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'out' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return listSources(path);
    return name.endsWith('.sol') ? [path] : [];
  });
}

export function compileContracts({ force = false } = {}) {
  const files = listSources(root).sort();
  const sources = Object.fromEntries(files.map((f) => [relative(root, f), { content: readFileSync(f, 'utf8') }]));
  const hash = createHash('sha256').update(solc.version()).update(JSON.stringify(sources)).digest('hex');
  const stamp = join(outDir, '.hash');
  if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return { compiled: 0, cached: true };

  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      viaIR: false,
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: (p) => ({ contents: readFileSync(join(root, p), 'utf8') }) }));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) {
    throw new Error('Solidity compilation failed:\n' + errors.map((e) => e.formattedMessage).join('\n'));
  }
  mkdirSync(outDir, { recursive: true });
  let compiled = 0;
  for (const [file, contracts] of Object.entries(output.contracts ?? {})) {
    for (const [name, c] of Object.entries(contracts)) {
      if (!c.evm.bytecode.object) continue; // interfaces and abstract contracts
      // Write then rename, so a test reading an artifact never sees a half-written file.
      const target = join(outDir, `${name}.json`);
      writeFileSync(
        `${target}.${process.pid}.tmp`,
        JSON.stringify({
          source: file,
          abi: c.abi,
          bytecode: '0x' + c.evm.bytecode.object,
          deployedBytecode: '0x' + c.evm.deployedBytecode.object,
        }),
      );
      renameSync(`${target}.${process.pid}.tmp`, target);
      compiled++;
    }
  }
  writeFileSync(stamp, hash);
  return { compiled, cached: false };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const result = compileContracts({ force: process.argv.includes('--force') });
  console.log(
    result.cached ? 'contracts: up to date' : `contracts: compiled ${result.compiled} in ${Math.round(performance.now() - started)} ms`,
  );
}
