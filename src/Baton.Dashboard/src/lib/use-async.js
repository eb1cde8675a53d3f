// Loads something for a component and keeps the last good value while it reloads (so live refreshes do not flash).
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

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
  // A layout effect starts the request as soon as the component is in the document, not a frame later.
  useLayoutEffect(() => {
    setState({ loading: true, value: undefined, error: null });
    reload();
  }, deps);
  return { ...state, reload, setValue: (value) => setState((s) => ({ ...s, value: typeof value === 'function' ? value(s.value) : value })) };
}

/**
 * Calls fn at most once per delay: the first call of a quiet spell runs at once (an event shows without waiting),
 * and the calls that follow within the delay make one more call at its end, so a burst still makes few refetches.
 */
export function useThrottled(fn, delay = 250) {
  const timer = useRef(null);
  const last = useRef(-Infinity);
  const current = useRef(fn);
  current.current = fn;
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current) return;
    const wait = last.current + delay - performance.now();
    if (wait <= 0) {
      last.current = performance.now();
      current.current();
      return;
    }
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = performance.now();
      current.current();
    }, wait);
  }, [delay]);
}
