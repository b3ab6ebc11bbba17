/**
 * Serializes read-modify-write sequences on one storage item inside this worker, so two requests
 * answered at the same moment cannot overwrite each other's change.
 */
export function createMutex() {
  let tail: Promise<unknown> = Promise.resolve();
  return function run<T>(task: () => Promise<T>): Promise<T> {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
}
