export * from './rates';
export * from './markets';
