// Work: tasks (and workflows) filtered by status, agent, tag, workflow, owner, time and name, a page at a time with
// the daemon's cursor (never the whole table), kept live by the event stream.
import { html } from '../lib/html.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, query as qs, enc } from '../lib/api.js';
import { useEvents, useFollow, useResync } from '../lib/events.js';
import { useNow } from '../lib/clock.js';
import { navigate } from '../lib/router.js';
import { useThrottled } from '../lib/use-async.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { StatusBadge } from '../components/status-badge.js';
import { TaskTable } from '../components/task-table.js';
import { relative } from '../lib/format.js';

const PAGE = 50;
const STATUSES = ['running', 'pending', 'input_required', 'paused', 'retrying', 'completed', 'failed', 'cancelled', 'timed_out'];
const ACTIVE = 'running,pending,input_required,paused,retrying';
const SINCE = [['', 'any time'], ['1h', 'last hour'], ['24h', 'last 24 hours'], ['7d', 'last 7 days'], ['30d', 'last 30 days']];
const FILTER_KEYS = ['status', 'agent', 'tag', 'workflow', 'owner', 'since', 'q'];

/** The REST query for the filters in the hash. */
function taskQuery(filters, cursor) {
  return qs({
    status: filters.status,
    agent: filters.agent,
    tag: filters.tag,
    workflow_id: filters.workflow,
    owner: filters.owner,
    since: filters.since,
    q: filters.q,
    limit: PAGE,
    cursor,
  });
}

export function WorkPage({ query }) {
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, query[k] || '']));
  const key = FILTER_KEYS.map((k) => filters[k]).join('\u0001');
  return html`<section class="page work" aria-labelledby="work-title">
    <div class="page-head"><h1 id="work-title">Work</h1></div>
    <${Filters} filters=${filters} />
    ${!filters.agent && !filters.tag && !filters.owner && !filters.q && !filters.workflow ? html`<${Workflows} status=${filters.status} />` : null}
    <${TaskList} key=${key} filters=${filters} />
  </section>`;
}

function Filters({ filters }) {
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [FILTER_KEYS.map((k) => filters[k]).join('\u0001')]);
  const apply = (next) => navigate('/work', next, { replace: true });
  const change = (k) => (e) => {
    const next = { ...draft, [k]: e.currentTarget.value };
    setDraft(next);
    if (e.currentTarget.tagName === 'SELECT') apply(next);
  };
  return html`<form class="filters card" role="search" aria-label="Filter tasks" data-testid="work-filters"
      onSubmit=${(e) => { e.preventDefault(); apply(draft); }}>
    <div class="field"><label for="f-q">Name</label>
      <input id="f-q" type="search" placeholder="search names" value=${draft.q} onInput=${change('q')} data-testid="filter-q" /></div>
    <div class="field"><label for="f-status">Status</label>
      <select id="f-status" value=${draft.status} onChange=${change('status')} data-testid="filter-status">
        <option value="">all</option>
        <option value=${ACTIVE}>active (running, queued, waiting)</option>
        ${STATUSES.map((s) => html`<option value=${s}>${s.replace('_', ' ')}</option>`)}
      </select></div>
    <div class="field"><label for="f-agent">Agent</label>
      <input id="f-agent" value=${draft.agent} onInput=${change('agent')} data-testid="filter-agent" size="12" /></div>
    <div class="field"><label for="f-tag">Tag</label>
      <input id="f-tag" value=${draft.tag} onInput=${change('tag')} data-testid="filter-tag" size="10" /></div>
    <div class="field"><label for="f-workflow">Workflow</label>
      <input id="f-workflow" value=${draft.workflow} onInput=${change('workflow')} data-testid="filter-workflow" placeholder="wf_…" size="12" /></div>
    <div class="field"><label for="f-owner">Owner</label>
      <input id="f-owner" value=${draft.owner} onInput=${change('owner')} data-testid="filter-owner" placeholder="token:ci" size="12" /></div>
    <div class="field"><label for="f-since">Created</label>
      <select id="f-since" value=${draft.since} onChange=${change('since')} data-testid="filter-since">
        ${SINCE.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
      </select></div>
    <div class="button-row filter-buttons">
      <button type="submit" class="btn btn-primary" data-testid="filter-apply">Apply</button>
      <a class="btn btn-ghost" href="#/work" data-testid="filter-clear">Clear</a>
    </div>
  </form>`;
}

function TaskList({ filters }) {
  const [state, setState] = useState({ tasks: [], cursor: null, loading: true, error: null, pages: 0, fresh: 0 });
  const now = useNow(5000);
  const generation = useRef(0);
  // Tasks on screen are asked again one by one when they change, and so is a task whose events came while the page
  // that brings it was in flight (a quick task can be queued, start and end while the first page loads). A new task
  // reloads the first page instead, and a progress step is shown from the event itself.
  const pending = useRef(new Set());
  const follow = useFollow({ type: 'task.*' }, (e) => (e.type === 'task.created' || e.type === 'task.progress' ? null : e.task_id), (ids) => {
    for (const id of ids) pending.current.add(id);
    refreshSome();
  });
  const idsOf = (tasks) => tasks.map((t) => t.task_id);

  async function loadFirst() {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    follow.begin();
    try {
      const page = await get(`/api/v1/tasks${taskQuery(filters)}`);
      if (mine !== generation.current) return;
      setState({ tasks: page.tasks, cursor: page.next_cursor, loading: false, error: null, pages: 1, fresh: 0 });
      follow.landed(idsOf(page.tasks));
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ ...s, loading: false, error }));
    }
  }

  async function loadMore() {
    const mine = generation.current;
    setState((s) => ({ ...s, loading: true }));
    follow.begin();
    try {
      const page = await get(`/api/v1/tasks${taskQuery(filters, state.cursor)}`);
      if (mine !== generation.current) return;
      setState((s) => {
        const known = new Set(s.tasks.map((t) => t.task_id));
        return { ...s, tasks: [...s.tasks, ...page.tasks.filter((t) => !known.has(t.task_id))], cursor: page.next_cursor, loading: false, pages: s.pages + 1 };
      });
      follow.landed([...idsOf(stateRef.current.tasks), ...idsOf(page.tasks)]);
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ ...s, loading: false, error }));
    }
  }

  useEffect(() => { loadFirst(); }, []);
  const reloadFirst = useThrottled(loadFirst, 300);

  const refreshSome = useThrottled(async () => {
    const ids = [...pending.current];
    pending.current.clear();
    const fresh = await Promise.all(ids.map((id) => get(`/api/v1/tasks/${enc(id)}`).catch(() => null)));
    setState((s) => ({ ...s, tasks: s.tasks.map((t) => fresh.find((f) => f?.task_id === t.task_id) || t) }));
  }, 250);
  const stateRef = useRef(state);
  stateRef.current = state;
  useEvents({ type: 'task.*' }, (event) => {
    const s = stateRef.current;
    // A new task reloads the first page, or waits for a click when more pages are open.
    if (event.type === 'task.created') {
      if (s.pages <= 1) reloadFirst();
      else setState((x) => ({ ...x, fresh: x.fresh + 1 }));
      return;
    }
    if (!s.tasks.some((t) => t.task_id === event.task_id)) return; // Followed until a page brings it.
    if (event.type === 'task.progress') {
      setState((x) => ({ ...x, tasks: x.tasks.map((t) => (t.task_id === event.task_id ? { ...t, progress: { ...(t.progress || {}), current_step: event.message ?? t.progress?.current_step } } : t)) }));
      return;
    }
    if (event.status) {
      setState((x) => ({ ...x, tasks: x.tasks.map((t) => (t.task_id === event.task_id ? { ...t, status: event.status } : t)) }));
    }
    // A filtered list may gain or lose this task: the first page is cheap to ask again.
    if (filters.status && s.pages <= 1) reloadFirst();
  });
  useResync(loadFirst);

  if (state.error && state.tasks.length === 0) return html`<${ErrorState} error=${state.error} onRetry=${loadFirst} />`;
  return html`<section class="card" aria-labelledby="tasks-title" data-testid="work-tasks">
    <div class="section-title"><h2 id="tasks-title">Tasks</h2>
      <span class="count" aria-live="polite">${state.pages > 0 ? `${state.tasks.length}${state.cursor ? '+' : ''} shown` : ''}</span></div>
    ${state.fresh > 0 ? html`<button type="button" class="btn btn-secondary btn-small" data-testid="new-tasks" onClick=${loadFirst}>
      ${state.fresh} new — show the newest</button>` : null}
    ${state.error ? html`<p class="form-error" role="alert">${state.error.message}</p>` : null}
    ${state.pages === 0 && state.loading ? html`<${Loading} />` : null}
    ${state.pages > 0 && state.tasks.length === 0 ? html`<${Empty} title="No tasks match" testid="work-empty">Change the filters, or queue one with <code>baton task add</code>.<//>` : null}
    ${state.tasks.length > 0 ? html`<${TaskTable} tasks=${state.tasks} now=${now} caption="Tasks, newest first" />` : null}
    ${state.cursor ? html`<div class="more"><button type="button" class="btn btn-secondary" data-testid="load-more" disabled=${state.loading}
      onClick=${loadMore}>${state.loading ? 'Loading…' : `Load ${PAGE} more`}</button></div>` : null}
  </section>`;
}

const WF_STATUSES = new Set(['draft', 'pending', 'running', 'completed', 'failed', 'cancelled', 'paused']);

function Workflows({ status }) {
  const [state, setState] = useState({ list: null, error: null });
  const wfStatus = status && !status.includes(',') && WF_STATUSES.has(status) ? status : undefined;
  const skip = status && !wfStatus;
  const now = useNow(10000);
  async function load() {
    if (skip) return;
    try {
      const page = await get(`/api/v1/workflows${qs({ status: wfStatus, limit: 10 })}`);
      setState({ list: page.workflows, error: null });
    } catch (error) {
      setState((s) => ({ ...s, error }));
    }
  }
  useEffect(() => { load(); }, [wfStatus, skip]);
  const reload = useThrottled(load, 500);
  useEvents({ type: ['workflow.*', 'phase.*', 'task.completed', 'task.failed', 'task.started', 'task.cancelled'] }, (e) => {
    if (e.workflow_id) reload();
  });
  useResync(load);
  if (skip || !state.list || state.list.length === 0) return state.error ? html`<${ErrorState} error=${state.error} onRetry=${load} />` : null;
  return html`<section class="card" aria-labelledby="wf-title" data-testid="work-workflows">
    <div class="section-title"><h2 id="wf-title">Workflows</h2><span class="count">latest ${state.list.length}</span></div>
    <ul class="wf-list">
      ${state.list.map((w) => html`<li key=${w.workflow_id} class="wf-item" data-testid="workflow-row" data-status=${w.status}>
        <${StatusBadge} status=${w.status} />
        <a href=${`#/workflows/${enc(w.workflow_id)}`}>${w.name}</a>
        <span class="muted">${w.finished}/${w.tasks} tasks · ${w.phases} phases · ${relative(w.created_at, now)}</span>
        <span class="progress" role="progressbar" aria-label=${`${w.name} progress`} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${w.percent}>
          <span class="progress-bar" style=${{ width: `${w.percent}%` }}></span></span>
      </li>`)}
    </ul>
  </section>`;
}
