import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

// The layer map of DESIGN.md, top to bottom. A folder imports only folders on lower rows: never one on its own
// row nor above, so lib/ has no import cycles between folders. `import type` counts like any import.
const LAYERS = [
  ['entrypoints'],
  ['components'],
  ['state'],
  ['messaging'],
  ['provider'],
  ['flows', 'alerts'],
  ['insights', 'balances'],
  ['preview', 'tracker'],
  ['risk'],
  ['wallet', 'restaking'],
  // Device code (Ledger APDUs, Keystone URs): the background's lib/wallet uses it, and so does the device page, which
  // may not reach lib/wallet (background only). It holds no secret.
  ['hardware'],
  ['chain'],
  ['storage'],
  ['errors', 'format'],
];
const below = (row) => LAYERS.slice(row + 1).flat();
const to = (type, kind) => ({ to: { element: { type } }, ...(kind ? { dependency: { kind } } : {}) });
// lib/polyfills.ts is one file, not a folder: any layer may import it (it patches globalThis.Buffer).
const toPolyfills = { to: { file: { categories: 'polyfills' } } };

// Where DESIGN.md narrows a row: folders below it that it may import only as types (`import type`), or not at all.
const NARROWER = {
  // components/ are views: they read lib/state and send lib/messaging. As code they may also use the pure modules a
  // view needs (lib/format, lib/errors, lib/risk's math, lib/restaking's registry); other domains only as types, and
  // lib/wallet (background only) not at all.
  components: {
    typesOnly: ['provider', 'flows', 'alerts', 'insights', 'balances', 'preview', 'tracker', 'chain', 'storage'],
    never: ['wallet'],
  },
  // lib/state runs in the extension pages: lib/wallet reaches it as types, never as code.
  state: { typesOnly: ['wallet'], never: [] },
};
const UI = ['entrypoints', 'components'];

function policyFor(type, row) {
  const { typesOnly = [], never = [] } = NARROWER[type] ?? {};
  const allowed = below(row).filter((t) => !never.includes(t));
  const allow = [...allowed.map((t) => to(t, typesOnly.includes(t) ? 'type' : undefined)), toPolyfills];
  return { from: { element: { type } }, allow: UI.includes(type) ? [...allow, to('assets')] : allow };
}

const layerMap = {
  files: ['entrypoints/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}'],
  // Tests may import anything (tests/ is outside these folders; *.test.ts files live beside their code).
  ignores: ['**/*.test.{ts,tsx}'],
  plugins: { boundaries },
  settings: {
    'boundaries/elements': [
      ...LAYERS.flat().map((type) => ({
        type,
        pattern: UI.includes(type) ? type : `lib/${type}`,
        partialMatch: false,
      })),
      { type: 'assets', pattern: 'assets', partialMatch: false },
    ],
    'boundaries/files': [{ category: 'polyfills', pattern: 'lib/polyfills.ts' }],
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      { default: 'disallow', checkUnknownLocals: true, policies: LAYERS.flatMap((row, i) => row.map((type) => policyFor(type, i))) },
    ],
    // A new lib/ folder must get a row in LAYERS before it can be imported.
    'boundaries/no-unknown-files': 'error',
  },
};

export default tseslint.config(
  { ignores: ['.output/**', '.output-*/**', '.wxt/**', 'node_modules/**', 'contracts/out/**', 'bench/**', 'tests/.artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'no .only in tests' }],
    },
  },
  {
    // lib/ stays framework-free and never reaches into entrypoints/ (DESIGN.md import rules).
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', '*/entrypoints/*', 'wxt/*', '#imports'] }],
    },
  },
  {
    // UI code never touches the wallet internals or the browser APIs directly.
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/lib/wallet/**', '*/entrypoints/*'] }],
    },
  },
  layerMap,
);
