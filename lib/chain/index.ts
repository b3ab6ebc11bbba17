export * from './networks';
export * from './clients';
export * from './explorer';
export * from './transport';
