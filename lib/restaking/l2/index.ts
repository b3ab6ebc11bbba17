export * from './registry';
export * from './holdings';
export * from './read-chain-holdings';
export * from './rate-lag';
export * from './bridge-line';
export * from './pools';
