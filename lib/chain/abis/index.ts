/**
 * The ABI registry: every human-readable fragment Ballast uses is declared once, in one of these files
 * (one per protocol family). Modules import the ABI they need and spread or pick where they need a union
 * or a part; registry.test.ts fails when a signature is declared anywhere else or twice.
 */
export * from './aave';
export * from './chainlink';
export * from './curve';
export * from './eigenlayer';
export * from './ens';
export * from './erc20';
export * from './erc4626';
export * from './lrt-structure';
export * from './mellow';
export * from './multicall';
export * from './pendle';
export * from './permit2';
export * from './pick';
export * from './signature';
export * from './staking-tokens';
export * from './symbiotic';
export * from './uniswap';
export * from './withdrawal-queues';
