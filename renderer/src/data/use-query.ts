import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/**
 * Subscribes a component to an observable (an RxDB query's `$`); components never poll.
 * `deps` decide when the observable is rebuilt.
 */
export function useObservable<T>(make: () => Observable<T> | null, initial: T, deps: readonly unknown[]): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const obs = make();
    if (!obs) {
      setValue(initial);
      return;
    }
    const sub = obs.subscribe(setValue);
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the observable depends on
  }, deps);
  return value;
}
