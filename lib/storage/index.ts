export * from './items';
export { toJsonSafe, fromJsonSafe, stringifyJson, parseJson } from './json';
export { createMutex } from './mutex';
