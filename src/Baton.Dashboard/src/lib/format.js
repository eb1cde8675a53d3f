// How numbers read on the page: short, and the same everywhere.

/** 850 ms, 12.4 s, 3m 05s, 2h 04m, 3d 4h */
export function duration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 0) ms = 0;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const total = Math.round(s);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}m ${String(sec).padStart(2, '0')}s`;
}

export const seconds = (s) => (s === null || s === undefined ? '—' : duration(s * 1000));

/** The time between two instants (ISO strings or Dates); to defaults to now. */
export function between(from, to) {
  if (!from) return null;
  const start = new Date(from).getTime();
  const end = to ? new Date(to).getTime() : Date.now();
  return end - start;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", or a date past a week; "in 5 min" for the future. */
export function relative(when, now = Date.now()) {
  if (!when) return '—';
  const t = new Date(when).getTime();
  if (!Number.isFinite(t)) return '—';
  const diff = now - t;
  const future = diff < 0;
  const a = Math.abs(diff) / 1000;
  let text;
  if (a < 10) return 'just now';
  if (a < 60) text = `${Math.round(a)} s`;
  else if (a < 3600) text = `${Math.round(a / 60)} min`;
  else if (a < 86400) text = `${Math.round(a / 3600)} h`;
  else if (a < 7 * 86400) text = `${Math.round(a / 86400)} days`;
  else return dateTime(when);
  return future ? `in ${text}` : `${text} ago`;
}

/** A full local date and time, for titles and tables. */
export function dateTime(when) {
  if (!when) return '—';
  const d = new Date(when);
  if (!Number.isFinite(d.getTime())) return '—';
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** $0.0042, $1.23, $1,234 */
export function cost(usd, estimated = false) {
  if (usd === null || usd === undefined || !Number.isFinite(Number(usd))) return '—';
  const n = Number(usd);
  let text;
  if (n === 0) text = '$0';
  else if (n < 0.01) text = `$${n.toFixed(4)}`;
  else if (n < 100) text = `$${n.toFixed(2)}`;
  else text = `$${Math.round(n).toLocaleString('en-US')}`;
  return estimated ? `≈${text}` : text;
}

/** 950, 12.3k, 4.5M */
export function tokens(n) {
  if (n === null || n === undefined || !Number.isFinite(Number(n))) return '—';
  n = Number(n);
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1000).toFixed(n < 1e4 ? 1 : 0)}k`;
  return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)}M`;
}

/** The sum of a tokens object (input, output, cache_read, cache_write). */
export function totalTokens(t) {
  if (!t) return null;
  return (t.input || 0) + (t.output || 0) + (t.cache_read || 0) + (t.cache_write || 0);
}

export function shortId(id) {
  return id ? String(id).replace(/^(tsk|wf|in)_/, '').slice(0, 8) : '';
}
