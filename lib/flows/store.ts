import type { FlowState, FlowStore } from './types';

/** Flows kept in memory: tests, node scripts. Copies on the way in and out, like real storage would. */
export function createMemoryFlowStore(initial: readonly FlowState[] = []): FlowStore {
  const flows = new Map<string, string>(initial.map((f) => [f.id, JSON.stringify(f)]));
  return {
    get: async (id) => {
      const json = flows.get(id);
      return json ? (JSON.parse(json) as FlowState) : undefined;
    },
    put: async (state) => void flows.set(state.id, JSON.stringify(state)),
    list: async () => [...flows.values()].map((json) => JSON.parse(json) as FlowState),
    remove: async (id) => void flows.delete(id),
  };
}

/** The surface of a @wxt-dev/storage item this store needs (a versioned `local:` item in the background). */
export type FlowsItem = { getValue(): Promise<Record<string, FlowState>>; setValue(value: Record<string, FlowState>): Promise<void> };

/**
 * Flows in one versioned storage item (FlowState is JSON-safe: amounts are decimal strings). Writes
 * are serialised so two transitions never overwrite each other's read-modify-write.
 */
export function createItemFlowStore(item: FlowsItem): FlowStore {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    get: async (id) => (await item.getValue())[id],
    put: (state) => serial(async () => item.setValue({ ...(await item.getValue()), [state.id]: state })),
    list: async () => Object.values(await item.getValue()),
    remove: (id) =>
      serial(async () => {
        const { [id]: _removed, ...rest } = await item.getValue();
        await item.setValue(rest);
      }),
  };
}
