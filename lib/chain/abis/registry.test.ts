import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REGISTRY = 'lib/chain/abis/';
const SCANNED_DIRS = ['lib', 'components'];

/**
 * One selector, two contracts that return different types: both fragments are facts, so both are
 * declared (each once, in the registry). Anything else declared twice is a copy.
 */
const SAME_SELECTOR_OTHER_RETURNS: Record<string, string> = {
  'function fee()': 'a Curve pool returns uint256, a Uniswap v3 pool uint24',
  'function deposit()': "ether.fi's LiquidityPool returns the minted shares; WETH, Rocket Pool's deposit pool and rswETH return nothing",
  'function nextRequestId()': "ether.fi's WithdrawRequestNFT returns uint32, Mantle's UnstakeRequestsManager uint256",
};

/**
 * Unit tests are left out on purpose: like tests/, they keep their own ABIs as an independent
 * reference (a decoder test that encoded with the registry would check the registry against itself).
 */
const isTest = (path: string) => /\.test\.tsx?$/.test(path);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !isTest(path) ? [path] : [];
  });
}

/** Splits a parameter list at its top-level commas (a tuple's own commas stay inside it). */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  if (current.trim()) parts.push(current);
  return parts;
}

const closingParen = (text: string, open: number): number => {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
};

/** The types of a parameter list without names, `indexed` or data location; tuples normalised inside: '(address,uint32)[]'. */
function parameterTypes(list: string): string {
  return splitTopLevel(list)
    .map((parameter) => {
      const p = parameter.trim();
      if (!p.startsWith('(')) return p.split(/\s+/)[0];
      const close = closingParen(p, 0);
      const arraySuffix = /^(\[\d*\])*/.exec(p.slice(close + 1))?.[0] ?? '';
      return `(${parameterTypes(p.slice(1, close))})${arraySuffix}`;
    })
    .join(',');
}

type Declaration = { file: string; signature: string; returns: string };

/** Human-readable fragments in a source's string literals: 'function name(…)', 'event name(…)', 'error name(…)'. */
function declarationsIn(file: string, text: string): Declaration[] {
  const found: Declaration[] = [];
  for (const match of text.matchAll(/(['"])\s*(function|event|error)\s+([A-Za-z_$][\w$]*)\s*\(/g)) {
    const open = match.index + match[0].length - 1;
    const close = closingParen(text, open);
    if (close < 0) continue;
    const rest = text.slice(close + 1, text.indexOf(match[1]!, close + 1));
    const returns = /returns\s*\((.*)\)\s*$/.exec(rest)?.[1] ?? '';
    found.push({
      file,
      signature: `${match[2]} ${match[3]}(${parameterTypes(text.slice(open + 1, close))})`,
      returns: parameterTypes(returns),
    });
  }
  return found;
}

const files = SCANNED_DIRS.flatMap(sourceFiles);
const sources = files.map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));
const declarations = sources.flatMap(({ file, text }) => declarationsIn(file, text));
const inRegistry = (file: string) => file.startsWith(REGISTRY);

function bySignature(list: Declaration[]): Map<string, Declaration[]> {
  const map = new Map<string, Declaration[]>();
  for (const d of list) map.set(d.signature, [...(map.get(d.signature) ?? []), d]);
  return map;
}

describe('the ABI registry', () => {
  it('reads human-readable fragments the way the test relies on (names, indexed, tuples, returns)', () => {
    const sample = [
      `parseAbi(['function getAllocation(address operator, (address avs, uint32 id)[] sets, address) view returns (uint64 m, bool)',`,
      `"event Deposit(address indexed staker, uint256 shares)", 'error Nope()'])`,
    ].join('\n');
    expect(declarationsIn('x.ts', sample).map((d) => [d.signature, d.returns])).toEqual([
      ['function getAllocation(address,(address,uint32)[],address)', 'uint64,bool'],
      ['event Deposit(address,uint256)', ''],
      ['error Nope()', ''],
    ]);
    expect(relative(ROOT, fileURLToPath(import.meta.url)).replaceAll('\\', '/')).toBe(`${REGISTRY}registry.test.ts`);
    expect(declarations.filter((d) => inRegistry(d.file)).length).toBeGreaterThan(100);
  });

  it('declares every signature once, in lib/chain/abis, and nowhere else in lib/ or components/', () => {
    const wrong = [...bySignature(declarations)].flatMap(([signature, list]) => {
      const allowed = signature in SAME_SELECTOR_OTHER_RETURNS ? 2 : 1;
      const outside = list.filter((d) => !inRegistry(d.file));
      return outside.length || list.length !== allowed ? [`${signature}: ${list.map((d) => d.file).join(', ')}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('lets a selector be declared twice only where the contracts really return different types', () => {
    const groups = bySignature(declarations);
    for (const signature of Object.keys(SAME_SELECTOR_OTHER_RETURNS)) {
      const returns = (groups.get(signature) ?? []).map((d) => d.returns);
      expect(returns, signature).toHaveLength(2);
      expect(new Set(returns).size, `${signature} returns ${returns.join(' | ')}`).toBe(2);
    }
  });

  it('is the only place that parses an ABI or holds a JSON ABI item', () => {
    const outside = sources.filter(({ file }) => !inRegistry(file));
    const parsing = outside.filter(({ text }) => /\bparseAbi(Item)?\s*\(/.test(text)).map(({ file }) => file);
    const jsonItems = outside
      .filter(({ text }) => /type:\s*['"](function|event|error|constructor)['"][^}]*\binputs\s*:/.test(text))
      .map(({ file }) => file);
    expect({ parsing, jsonItems }).toEqual({ parsing: [], jsonItems: [] });
  });
});
