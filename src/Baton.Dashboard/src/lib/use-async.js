// Loads something for a component and keeps the last good value while it reloads (so live refreshes do not flash).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export function useAsync(load, deps = []) {
  const [state, setState] = useState({ loading: true, value: undefined, error: null });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const value = await loadRef.current();
      if (mine === generation.current) setState({ loading: false, value, error: null });
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ loading: false, value: s.value, error }));
    }
  }, []);
  useEffect(() => {
    setState({ loading: true, value: undefined, error: null });
    reload();
  }, deps);
  return { ...state, reload, setValue: (value) => setState((s) => ({ ...s, value: typeof value === 'function' ? value(s.value) : value })) };
}

/** Calls fn at most once per delay, trailing: many events in a burst make one refetch. */
export function useThrottled(fn, delay = 250) {
  const timer = useRef(null);
  const current = useRef(fn);
  current.current = fn;
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      current.current();
    }, delay);
  }, [delay]);
}
