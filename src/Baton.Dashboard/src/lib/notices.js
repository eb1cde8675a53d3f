// Messages for the person: the outcome of an action, or why it failed (a problem's detail, as the daemon wrote it).
import { createStore } from './store.js';

export const notices = createStore([]);
let next = 1;

export function notify(text, kind = 'info', timeoutMs = kind === 'error' ? 12000 : 5000) {
  const id = next++;
  notices.set((list) => [...list.slice(-4), { id, text, kind }]);
  if (timeoutMs > 0) setTimeout(() => dismiss(id), timeoutMs);
  return id;
}

export function dismiss(id) {
  notices.set((list) => list.filter((n) => n.id !== id));
}

export function notifyError(error) {
  return notify(error?.message || String(error), 'error');
}
