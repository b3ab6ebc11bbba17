export * from './registry';
export * from './holdings';
export * from './read-chain-holdings';
export * from './rate-lag';
export * from './bridge-line';
export * from './aave-markets';
export * from './aave-reads';
export * from './pools';
