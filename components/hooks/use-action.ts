import { useCallback, useRef, useState } from 'react';
import { toErrorView } from '../../lib/state';
import type { ErrorView } from '../../lib/state';

/**
 * Runs one user action (a protocol call) with a loading flag and an error to show. Returns the
 * action's value, or undefined when it failed (the error is then in `error`).
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ErrorView>();
  const latest = useRef(action);
  latest.current = action;
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setLoading(true);
    setError(undefined);
    try {
      return await latest.current(...args);
    } catch (e) {
      setError(toErrorView(e));
      return undefined;
    } finally {
      setLoading(false);
    }
  }, []);
  return { run, loading, error, clearError: () => setError(undefined) };
}
