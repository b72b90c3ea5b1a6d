import { useCallback, useEffect, useState } from 'react';
import { type ConsoleApi, ConsoleError, useConsoleApi } from './console-api';

export interface Loaded<T> {
  data: T | null;
  error: ConsoleError | null;
  loading: boolean;
  reload(): void;
}

/**
 * Loads from the server while a page is shown: again when `deps` change, and on `reload()`.
 * An answer that arrives after newer parameters were chosen is dropped (aborted).
 */
export function useConsoleQuery<T>(load: (api: ConsoleApi, signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const api = useConsoleApi();
  const [state, setState] = useState<{ data: T | null; error: ConsoleError | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    load(api, ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ data, error: null, loading: false });
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        const error = err instanceof ConsoleError ? err : new ConsoleError(0, 'ERROR', (err as Error).message ?? 'Something went wrong.');
        setState({ data: null, error, loading: false });
      },
    );
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the load depends on
  }, [api, round, ...deps]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
