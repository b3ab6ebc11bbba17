export * from './items';
export type { FeeChoice, StoredEthUsd, StoredFeeMarket, StoredFeeQuote, StoredFeeTx } from './fee-quote';
export type { Item } from './item';
export { toJsonSafe, fromJsonSafe, stringifyJson, parseJson } from './json';
export { createMutex } from './mutex';
export {
  defineCheckedItem,
  checkStoredValue,
  type CheckedItem,
  type CheckedItemOptions,
  type CorruptPolicy,
  type Migrations,
} from './checked-item';
export { salvagedArray, salvagedRecord } from './schemas';
