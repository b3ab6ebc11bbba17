export * from './networks';
export * from './clients';
export * from './ens';
export * from './explorer';
export * from './transport';
