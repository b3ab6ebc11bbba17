import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer map of DESIGN.md is enforced by eslint-plugin-boundaries in eslint.config.js. These cases lint small
 * sources placed (virtually: lintText, nothing is written) in the folders they name, with the project's own config,
 * so a wrong-direction import is shown to fail `npm run lint` and a legal one to pass.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LAYER_RULES = ['boundaries/dependencies', 'boundaries/no-unknown-files'];

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The layer-map messages ESLint gives for `code` as if it were the file at `filePath` (relative to the root). */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  const messages = result?.messages ?? [];
  // A parse error would hide every rule: fail loudly instead of reading it as "no layer error".
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.ruleId && LAYER_RULES.includes(m.ruleId)).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer map: a lower layer never imports a higher one', () => {
  it('lib/chain importing lib/flows fails', async () => {
    const errors = await layerErrors('lib/chain/__fixture.ts', "import { RECIPES } from '../flows';\nexport const n = RECIPES.length;\n");
    expect(errors).toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"chain".*"flows"/)]);
  });

  it('a type-only import counts: lib/chain → lib/flows/types fails', async () => {
    const errors = await layerErrors(
      'lib/chain/__fixture.ts',
      "import type { FlowState } from '../flows/types';\nexport type F = FlowState;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"chain".*"flows"/)]);
  });

  it('lib/storage importing lib/messaging fails (the messaging → … → storage → messaging cycle)', async () => {
    const errors = await layerErrors(
      'lib/storage/__fixture.ts',
      "import type { Result } from '../messaging/types';\nexport type R = Result<number>;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"storage".*"messaging"/)]);
  });

  it('lib/flows importing lib/chain passes (downwards)', async () => {
    const errors = await layerErrors(
      'lib/flows/__fixture.ts',
      "import { toNetworkView } from '../chain';\nexport const f = toNetworkView;\n",
    );
    expect(errors).toEqual([]);
  });

  it('folders on the same row do not import each other: lib/flows → lib/alerts fails', async () => {
    const errors = await layerErrors('lib/flows/__fixture.ts', "import type { Alert } from '../alerts/types';\nexport type A = Alert;\n");
    expect(errors).toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"flows".*"alerts"/)]);
  });

  it('a new lib/ folder must be added to the map', async () => {
    const errors = await layerErrors('lib/newfolder/__fixture.ts', 'export const x = 1;\n');
    expect(errors).toEqual([expect.stringMatching(/^boundaries\/no-unknown-files: /)]);
  });

  it('lib/balances reads through lib/tracker and lib/preview (the row below) but not lib/insights (its own row)', async () => {
    const down =
      "import { readEthUsd } from '../preview/fee-quote';\nimport { buildRateBook } from '../tracker/rates';\nexport const f = [readEthUsd, buildRateBook];\n";
    expect(await layerErrors('lib/balances/__fixture.ts', down)).toEqual([]);
    const side = "import type { TokenInsights } from '../insights/token-insights';\nexport type I = TokenInsights;\n";
    expect(await layerErrors('lib/balances/__fixture.ts', side)).toEqual([
      expect.stringMatching(/^boundaries\/dependencies: .*"balances".*"insights"/),
    ]);
  });

  it('test files may import anything', async () => {
    const errors = await layerErrors(
      'lib/chain/__fixture.test.ts',
      "import { RECIPES } from '../flows';\nexport const n = RECIPES.length;\n",
    );
    expect(errors).toEqual([]);
  });
});

describe('layer map: components are views', () => {
  it('components importing lib/wallet fails, even as a type', async () => {
    const errors = await layerErrors(
      'components/__fixture.tsx',
      "import type { AccountView } from '../lib/wallet/types';\nexport type A = AccountView;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"components".*"wallet"/)]);
  });

  it("components running a domain's code fails: a value import from lib/flows", async () => {
    const errors = await layerErrors(
      'components/__fixture.tsx',
      "import { RECIPES } from '../lib/flows';\nexport const n = RECIPES.length;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"components".*"flows"/)]);
  });

  it("components may name a domain's types and use lib/state, lib/messaging and pure libs", async () => {
    const code = [
      "import type { FlowState } from '../lib/flows/types';",
      "import { sendMessage } from '../lib/messaging';",
      "import { formatEth } from '../lib/risk';",
      "import { AppError } from '../lib/errors';",
      'export const all = [sendMessage, formatEth, AppError];',
      'export type F = FlowState;',
      '',
    ].join('\n');
    expect(await layerErrors('components/__fixture.tsx', code)).toEqual([]);
  });
});

describe('layer map: lib/hardware is device code for the device page and the background', () => {
  it('the device page (components) may run lib/hardware code', async () => {
    const code = "import { mapLedgerError } from '../lib/hardware/ledger-errors';\nexport const f = mapLedgerError;\n";
    expect(await layerErrors('components/__fixture.tsx', code)).toEqual([]);
  });

  it('lib/hardware reaching up into lib/wallet fails, even as a type', async () => {
    const errors = await layerErrors(
      'lib/hardware/__fixture.ts',
      "import type { TransactionSigner } from '../wallet/transactions/signer';\nexport type T = TransactionSigner;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"hardware".*"wallet"/)]);
  });
});

describe('layer map: lib/state runs in the extension pages', () => {
  it('lib/state running lib/wallet code fails', async () => {
    const errors = await layerErrors(
      'lib/state/__fixture.ts',
      "import { normalizeAddress } from '../wallet/keyring';\nexport const f = normalizeAddress;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"state".*"wallet"/)]);
  });

  it("lib/state may name lib/wallet's types", async () => {
    const errors = await layerErrors(
      'lib/state/__fixture.ts',
      "import type { AccountView } from '../wallet/types';\nexport type A = AccountView;\n",
    );
    expect(errors).toEqual([]);
  });
});

describe('layer map: the tree as it is', () => {
  it('lib/storage and lib/chain import nothing above them', async () => {
    const results = await eslint.lintFiles(['lib/storage', 'lib/chain']);
    expect(results.length).toBeGreaterThan(5);
    const layerMessages = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId && LAYER_RULES.includes(m.ruleId)).map((m) => `${r.filePath}:${m.line} ${m.message}`),
    );
    expect(layerMessages).toEqual([]);
  });
});
