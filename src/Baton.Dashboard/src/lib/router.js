// Hash routing: '#/tasks/tsk_abc?raw=true' → { path: '/tasks/tsk_abc', params: { id: 'tsk_abc' }, query: { raw: 'true' } }.
import { createStore, useStore } from './store.js';

function parse(hash) {
  let text = (hash || '').replace(/^#/, '');
  if (!text.startsWith('/')) text = `/${text}`;
  const at = text.indexOf('?');
  const path = at < 0 ? text : text.slice(0, at);
  const query = {};
  if (at >= 0) for (const [k, v] of new URLSearchParams(text.slice(at + 1))) query[k] = v;
  return { path: path.length > 1 ? path.replace(/\/+$/, '') : '/', query };
}

export const locationStore = createStore(parse(typeof location === 'undefined' ? '' : location.hash));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => locationStore.set(parse(location.hash)));
}

export function useLocation() {
  return useStore(locationStore);
}

/** Finds the route for a path; ':name' segments become params. */
export function match(routes, path) {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.share) continue;
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < pattern.length; i++) {
      if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = decodeURIComponent(parts[i]);
      else if (pattern[i] !== parts[i]) { ok = false; break; }
    }
    if (ok) return { route, params };
  }
  return null;
}

/** A hash link: href('/work', { status: 'running' }) → '#/work?status=running' */
export function href(path, query) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') search.set(k, v);
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

/** Changes the route; replace keeps the browser history from growing (filters typed letter by letter). */
export function navigate(path, query, { replace = false } = {}) {
  const target = href(path, query);
  if (replace) {
    history.replaceState(null, '', target);
    locationStore.set(parse(target));
  } else {
    location.hash = target;
  }
}
