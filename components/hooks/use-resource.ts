import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { ResourceState, ResourceStore } from '../../lib/state';

/** Subscribes to a background resource and reads it on first use. */
export function useResource<T>(store: ResourceStore<T>): ResourceState<T> {
  const state = useStore(store);
  useEffect(() => {
    if (store.getState().status === 'idle') void store.getState().reload();
  }, [store]);
  return state;
}
