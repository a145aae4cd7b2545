import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { isAbort } from '../auth/api';

export interface Loaded<T> {
  /** The last successful answer, kept while a newer one loads. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again with the same inputs (after a change made elsewhere on the page). */
  reload: () => void;
}

/**
 * Runs `load` now and whenever `deps` change, aborting the previous call; an answer that arrives after
 * a newer call started is dropped.
 */
export function useLoader<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    load(controller.signal).then(
      (result) => {
        if (!controller.signal.aborted) {
          setData(result);
          setLoading(false);
        }
      },
      (caught: unknown) => {
        if (!controller.signal.aborted && !isAbort(caught)) {
          setError(caught);
          setLoading(false);
        }
      },
    );
    return () => controller.abort();
    // `load` is a new function each render; what it depends on is in `deps`.
  }, [...deps, round]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { data, error, loading, reload };
}
