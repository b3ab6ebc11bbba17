import { EventEmitter } from 'events';

/**
 * `stream` for the Keystone UR libraries in the device page: their hashing (create-hash → cipher-base) subclasses
 * Node's Transform but only ever calls update/digest, never the stream side. A constructor function (not a class:
 * cipher-base calls `Transform.call(this)`) with EventEmitter's prototype is all that inheritance needs.
 * Wired by the `stream` alias in wxt.config.ts.
 */
export function Transform(this: unknown): void {
  EventEmitter.call(this as EventEmitter);
}
Transform.prototype = Object.create(EventEmitter.prototype) as object;

export default { Transform };
