import { defineConfig } from 'vitest/config';

// Integration tests against a real anvil node each test file starts itself.
export default defineConfig({
  test: {
    include: ['tests/devnet/**/*.test.ts', 'tests/fault/**/*.test.ts', 'contracts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
