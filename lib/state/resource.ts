import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { UiTopic } from '../messaging/ui-events';
import { toErrorView } from './call';
import type { ErrorView } from './call';

export type ResourceState<T> = {
  status: 'idle' | 'loading' | 'ready' | 'error';
  data?: T;
  error?: ErrorView;
  /** Reads the resource again; keeps the last data and the last error visible while loading. */
  reload: () => Promise<void>;
};

export type ResourceStore<T> = StoreApi<ResourceState<T>> & { topic: UiTopic };

const storesByTopic = new Map<UiTopic, Set<ResourceStore<unknown>>>();

/**
 * One piece of background state the UI shows (wallet state, pending queue, sites …). It is read
 * through `load`, and read again whenever the background announces its topic changed.
 */
export function createResourceStore<T>(topic: UiTopic, load: () => Promise<T>): ResourceStore<T> {
  let generation = 0;
  const store = createStore<ResourceState<T>>()((set) => ({
    status: 'idle',
    reload: async () => {
      const mine = ++generation;
      set({ status: 'loading' } as Partial<ResourceState<T>>);
      try {
        const data = await load();
        // A newer reload started meanwhile: its answer wins.
        if (mine === generation) set({ status: 'ready', data, error: undefined });
      } catch (error) {
        if (mine === generation) set({ status: 'error', error: toErrorView(error) });
      }
    },
  }));
  const resource = Object.assign(store, { topic });
  const set = storesByTopic.get(topic) ?? new Set();
  set.add(resource as ResourceStore<unknown>);
  storesByTopic.set(topic, set);
  return resource;
}

/** Reloads every store of a topic that has been read at least once. */
export function invalidateTopic(topic: UiTopic): void {
  for (const store of storesByTopic.get(topic) ?? []) {
    if (store.getState().status !== 'idle') void store.getState().reload();
  }
}
