// The first page: what needs the person, then what is running now.
import { html } from '../lib/html.js';
import { useLayoutEffect, useState } from 'preact/hooks';
import { get, query as qs } from '../lib/api.js';
import { useEvents, useResync } from '../lib/events.js';
import { useNow } from '../lib/clock.js';
import { useThrottled } from '../lib/use-async.js';
import { Inbox } from './inbox.js';
import { TaskTable } from '../components/task-table.js';
import { ErrorState } from '../components/states.js';

/** What the home page reads first, which the entry may ask for before the session is known. */
export const HOME_READS = [
  '/api/v1/interactions?status=open&limit=1000',
  `/api/v1/tasks${qs({ status: 'running', limit: 50 })}`,
  `/api/v1/tasks${qs({ limit: 10 })}`,
];

export function HomePage() {
  return html`<div class="page home">
    <${Inbox} />
    <${Running} />
  </div>`;
}

function Running() {
  const [state, setState] = useState({ tasks: null, error: null });
  const now = useNow(5000);
  async function load() {
    try {
      const [running, recent] = await Promise.all([get(HOME_READS[1]), get(HOME_READS[2])]);
      const ids = new Set(running.tasks.map((t) => t.task_id));
      setState({ tasks: running.tasks, recent: recent.tasks.filter((t) => !ids.has(t.task_id)), more: !!running.next_cursor, error: null });
    } catch (error) {
      setState((s) => ({ ...s, error }));
    }
  }
  useLayoutEffect(() => { load(); }, []);
  const reload = useThrottled(load, 400);
  useEvents({ type: 'task.*' }, (e) => { if (e.type !== 'task.progress') reload(); });
  useResync(load);
  if (state.error && !state.tasks) return html`<${ErrorState} error=${state.error} onRetry=${load} />`;
  if (!state.tasks) return null;
  return html`<section class="card" aria-labelledby="running-title" data-testid="home-running">
    <div class="section-title"><h2 id="running-title">Running now</h2>
      <span class="count">${state.tasks.length}${state.more ? '+' : ''}</span>
      <a class="see-all" href="#/work?status=running,pending,input_required,paused,retrying">all active work</a></div>
    ${state.tasks.length ? html`<${TaskTable} tasks=${state.tasks} now=${now} caption="Running tasks" />` : html`<p class="muted">Nothing is running.</p>`}
    ${state.recent?.length ? html`<h3 class="recent-title">Recent</h3><${TaskTable} tasks=${state.recent} now=${now} caption="Recent tasks" />` : null}
  </section>`;
}
