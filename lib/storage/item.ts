/**
 * The two calls a service needs from a stored value. Services take this instead of a concrete
 * @wxt-dev/storage item, so tests pass an in-memory one; every layer above storage may use it.
 */
export type Item<T> = { getValue(): Promise<T>; setValue(value: T): Promise<void> };
