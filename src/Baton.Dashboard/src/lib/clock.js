// The current time, refreshed on an interval, for "waited 3m 05s" and "5 min ago" that keep counting.
import { useEffect, useState } from 'preact/hooks';

export function useNow(intervalMs = 1000) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
