/**
 * The Keystone UR libraries (bc-ur and its stream helpers) read Node's `process` (nextTick, browser) at load time.
 * Only the device page loads them, so only it gets this minimal stand-in; other pages keep no `process` global, so
 * no library there mistakes the browser for Node.
 */
const scope = globalThis as unknown as { process?: unknown };
scope.process ??= {
  browser: true,
  env: {},
  version: '',
  versions: {},
  nextTick: (task: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => task(...args)),
  emitWarning: () => undefined,
};
