// The live stream: one EventSource on /api/v1/events for the whole page, shared by every component through
// subscribe(filter, listener). The daemon names each event ('event: task.completed'), so a listener is added per
// known type as well as for unnamed messages.
// Reconnecting: the browser reconnects by itself and sends Last-Event-ID, so the daemon replays what was missed.
// When the browser gives up (the daemon was down and refused the connection), a new EventSource starts after the
// last event seen (?after=N): nothing is lost either way, and the page never reloads. The state ('connecting',
// 'live', 'reconnecting', 'catching-up') is shown by <ConnectionState>; onResync listeners refetch their lists
// after a gap, in case the daemon's log was replaced.
import { createStore } from './store.js';
import { useEffect, useMemo, useRef } from 'preact/hooks';

const TYPES = [
  'task.created', 'task.started', 'task.progress', 'task.input_required', 'task.paused', 'task.retrying',
  'task.completed', 'task.failed', 'task.cancelled', 'task.timed_out', 'task.resumed', 'task.output',
  'phase.started', 'phase.input_required', 'phase.completed', 'phase.failed', 'phase.cancelled',
  'workflow.created', 'workflow.started', 'workflow.completed', 'workflow.failed', 'workflow.cancelled',
  'workflow.paused', 'workflow.resumed', 'interaction.answered', 'interaction.created', 'interaction.withdrawn',
  'interaction.expired', 'notification.created', 'worker.joined', 'worker.left', 'worker.draining',
  'schedule.fired', 'schedule.skipped', 'schedule.missed', 'schedule.paused',
  'context.saved',
];

export const connectionStore = createStore('connecting');

const subscribers = new Set();
const resyncListeners = new Set();
let source = null;
let lastId = null;
let retryTimer = null;
let retryDelay = 1000;
let everOpened = false;
let catchingUpTimer = null;

function matches(filter, event) {
  if (!filter) return true;
  if (typeof filter === 'function') return filter(event);
  if (filter.task_id && event.task_id !== filter.task_id) return false;
  if (filter.workflow_id && event.workflow_id !== filter.workflow_id) return false;
  if (filter.type) {
    const types = Array.isArray(filter.type) ? filter.type : [filter.type];
    const ok = types.some((t) => (t.endsWith('.*') ? event.type?.startsWith(t.slice(0, -1)) : event.type === t));
    if (!ok) return false;
  }
  return true;
}

function deliver(message) {
  if (message.lastEventId) {
    const id = Number(message.lastEventId);
    if (Number.isFinite(id)) lastId = id;
  }
  let event;
  try {
    event = JSON.parse(message.data);
  } catch {
    return;
  }
  if (!event.type && message.type && message.type !== 'message') event.type = message.type;
  for (const entry of [...subscribers]) {
    if (!matches(entry.filter, event)) continue;
    try {
      entry.listener(event);
    } catch (error) {
      console.error('event listener failed', error);
    }
  }
}

function open() {
  clearTimeout(retryTimer);
  retryTimer = null;
  const url = lastId === null ? '/api/v1/events' : `/api/v1/events?after=${lastId}`;
  const es = new EventSource(url, { withCredentials: true });
  source = es;
  es.onopen = () => {
    if (source !== es) return;
    retryDelay = 1000;
    const gap = everOpened;
    everOpened = true;
    if (gap) {
      // The daemon replays what was missed right after the stream opens; say so briefly, then tell lists to refresh.
      connectionStore.set('catching-up');
      clearTimeout(catchingUpTimer);
      catchingUpTimer = setTimeout(() => connectionStore.set((s) => (s === 'catching-up' ? 'live' : s)), 800);
      for (const listener of [...resyncListeners]) listener();
    } else {
      connectionStore.set('live');
    }
  };
  es.onerror = () => {
    if (source !== es) return;
    connectionStore.set(everOpened ? 'reconnecting' : 'connecting');
    if (es.readyState === EventSource.CLOSED) {
      // The browser gave up (a refused connection or an error status): try again ourselves, after the last event.
      es.close();
      retryTimer = setTimeout(open, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10000);
    }
  };
  es.onmessage = deliver;
  for (const type of TYPES) es.addEventListener(type, deliver);
}

function ensureOpen() {
  if (!source && typeof EventSource !== 'undefined') open();
}

/** Listens to events matching filter ({type: 'task.*' | [...], task_id, workflow_id} or a predicate). Returns the unsubscribe. */
export function subscribe(filter, listener) {
  const entry = { filter, listener };
  subscribers.add(entry);
  ensureOpen();
  return () => subscribers.delete(entry);
}

/** Called after the stream comes back from a gap: refetch what is on screen. Returns the unsubscribe. */
export function onResync(listener) {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}

/** Starts the stream (once the session is known, so the daemon admits it). */
export function startEvents() {
  ensureOpen();
}

/** Stops the stream (on sign-out). */
export function stopEvents() {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  everOpened = false;
  connectionStore.set('connecting');
}

/** Hook: subscribe while mounted; the latest listener is always the one called. */
export function useEvents(filter, listener, deps = []) {
  const current = useRef(listener);
  current.current = listener;
  useEffect(() => subscribe(filter, (event) => current.current(event)), deps);
}

/**
 * Hook: keeps a loaded view of things (tasks, workflows) in step with their events. The loader calls begin() as it
 * starts and landed(keys) with the keys of everything now shown; an event (one filter lets through, and keyOf gives a
 * key) about a key shown calls refresh([key]). An event about a key not shown yet is noted, since a load in flight
 * may bring that thing as it was before the event (a quick task can start and end while it loads): if a load brings
 * noted keys, refresh(those keys) is called once more. Events from before a load began are in what it brings, so the
 * note starts empty with each load.
 */
export function useFollow(filter, keyOf, refresh) {
  const shown = useRef(new Set());
  const unseen = useRef(new Set());
  const again = useRef(refresh);
  again.current = refresh;
  useEvents(filter, (event) => {
    const key = keyOf(event);
    if (!key) return;
    if (shown.current.has(key)) again.current([key]);
    else if (unseen.current.size < 1000) unseen.current.add(key);
  });
  return useMemo(() => ({
    begin: () => unseen.current.clear(),
    landed: (keys) => {
      shown.current = new Set(keys.filter(Boolean));
      const stale = [...shown.current].filter((key) => unseen.current.has(key));
      unseen.current.clear();
      if (stale.length > 0) again.current(stale);
    },
  }), []);
}

/** Hook: run refetch when the stream comes back after a gap. */
export function useResync(refetch, deps = []) {
  const current = useRef(refetch);
  current.current = refetch;
  useEffect(() => onResync(() => current.current()), deps);
}
