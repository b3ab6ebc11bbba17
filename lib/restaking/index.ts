export * from './addresses';
export * from './types';
export * from './protocols';
export * from './tokens';
export * from './markets';
export * from './deposits';
export * from './read-fair-rates';
export * from './deployments';
