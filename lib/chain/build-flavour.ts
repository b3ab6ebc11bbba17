/**
 * Replaced at build time by wxt.config.ts (a Vite `define` keyed on the build mode): true in the builds made
 * for development, browser tests, the bench and the demo (`wxt`, `wxt build --mode test`), false in a
 * production build (`wxt build`). The minifier folds the constant, so a production bundle carries no devnet.
 */
declare const __BALLAST_DEVNET__: boolean | undefined;

/**
 * Whether this build knows the local devnet (anvil on 127.0.0.1:8545, chain id 1). Anything that did not go
 * through a Vite build with the define (a tsx script) gets false: the devnet is opted into, never assumed.
 */
export const DEVNET_IN_BUILD: boolean = typeof __BALLAST_DEVNET__ === 'boolean' && __BALLAST_DEVNET__;
