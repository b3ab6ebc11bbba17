export * from './networks';
export * from './clients';
