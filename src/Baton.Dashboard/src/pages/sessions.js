// Agent sessions: each with its runner and agent, where it worked, the tasks and attempts that ran in it, its tokens
// and cost, when it was first and last active, and the latest capsule saved in it. The same REST call as
// 'baton session list', filtered by agent and task, kept live by the task and capsule events.
import { html } from '../lib/html.js';
import { useState } from 'preact/hooks';
import { enc, get, query as toQuery } from '../lib/api.js';
import { useEvents, useResync } from '../lib/events.js';
import { useAsync, useThrottled } from '../lib/use-async.js';
import { useNow } from '../lib/clock.js';
import { cost, dateTime, relative, tokens } from '../lib/format.js';
import { navigate } from '../lib/router.js';
import { Button } from '../components/buttons.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { CapsuleView } from '../sessions/capsule.js';

// A session changes when an attempt in it ends or when a capsule is saved in it.
const CHANGES = ['task.completed', 'task.failed', 'task.cancelled', 'task.timed_out', 'context.saved'];

export function SessionsPage({ query }) {
  const filters = { agent: query.agent || '', task_id: query.task || '', limit: query.limit || '' };
  const key = toQuery(filters);
  const list = useAsync(() => get(`/api/v1/sessions${key}`), [key]);
  const now = useNow(30000);
  useEvents({ type: CHANGES }, useThrottled(() => list.reload(), 500));
  useResync(() => list.reload());
  const sessions = list.value?.sessions || [];
  return html`<section class="page" aria-labelledby="sessions-title" data-testid="sessions-page">
    <div class="page-head"><h1 id="sessions-title">Sessions</h1>
      ${list.value ? html`<span class="count">${sessions.length} session${sessions.length === 1 ? '' : 's'}</span>` : null}</div>
    <${Filters} query=${query} />
    ${list.error && !list.value ? html`<${ErrorState} error=${list.error} onRetry=${list.reload} />`
      : !list.value ? html`<${Loading} />`
      : sessions.length === 0 ? html`<div class="card"><${Empty} title="No agent sessions" testid="sessions-empty">
          A session is recorded when an agent task runs (<code>baton run --agent NAME "..."</code>); later tasks may continue or fork it.<//></div>`
      : sessions.map((s) => html`<${SessionCard} key=${s.id} session=${s} now=${now} />`)}
  </section>`;
}

function Filters({ query }) {
  const [agent, setAgent] = useState(query.agent || '');
  const [task, setTask] = useState(query.task || '');
  const [limit, setLimit] = useState(query.limit || '');
  const apply = (e) => {
    e.preventDefault();
    navigate('/sessions', { agent: agent.trim(), task: task.trim(), limit: limit.trim() }, { replace: true });
  };
  return html`<form class="card filters" onSubmit=${apply} data-testid="sessions-filters" aria-label="Filter sessions">
    <label for="sessions-agent">Agent</label>
    <input id="sessions-agent" data-testid="sessions-agent" value=${agent} onInput=${(e) => setAgent(e.currentTarget.value)} />
    <label for="sessions-task">Task id</label>
    <input id="sessions-task" class="mono" data-testid="sessions-task" value=${task} onInput=${(e) => setTask(e.currentTarget.value)} />
    <label for="sessions-limit">At most</label>
    <input id="sessions-limit" type="number" min="1" data-testid="sessions-limit" value=${limit} onInput=${(e) => setLimit(e.currentTarget.value)} />
    <${Button} type="submit" testid="sessions-apply">Filter<//>
  </form>`;
}

function SessionCard({ session: s, now }) {
  const titleId = `session-${s.id}`;
  const total = s.input_tokens + s.output_tokens + s.cache_read_tokens + s.cache_write_tokens;
  return html`<article class="card session" aria-labelledby=${titleId} data-testid="session" data-id=${s.id}>
    <div class="page-head"><h2 id=${titleId} class="mono">${s.id}</h2>
      <span data-testid="session-agent"><strong>${s.agent}</strong> <span class="muted">on ${s.runner}</span></span></div>
    <dl class="facts">
      <dt>Worked in</dt><dd data-testid="session-where"><span class="mono">${s.working_directory}</span>${s.worktree_branch
        ? html` <span class="muted">(branch <span class="mono">${s.worktree_branch}</span>)</span>` : null}</dd>
      <dt>Tasks</dt><dd data-testid="session-tasks">${s.tasks.map((t, n) => html`${n ? ', ' : ''}<a href=${`#/tasks/${enc(t.task_id)}`} data-testid="session-task">${t.name}</a>
        <span class="muted small">(attempt${t.attempts.length === 1 ? '' : 's'} ${t.attempts.join(', ')})</span>`)}
        <span class="muted small"> · ${s.attempt_count} attempt${s.attempt_count === 1 ? '' : 's'} in all</span></dd>
      <dt>Tokens</dt><dd data-testid="session-tokens" title=${`${s.input_tokens} in, ${s.output_tokens} out, ${s.cache_read_tokens} cache read, ${s.cache_write_tokens} cache write`}>
        ${tokens(total)} <span class="muted small">(${tokens(s.input_tokens)} in, ${tokens(s.output_tokens)} out, ${tokens(s.cache_read_tokens + s.cache_write_tokens)} cache)</span></dd>
      <dt>Cost</dt><dd data-testid="session-cost">${s.cost_usd === null || s.cost_usd === undefined ? html`<span class="muted">not reported</span>` : cost(s.cost_usd, s.cost_estimated)}</dd>
      <dt>Active</dt><dd data-testid="session-active"><span title=${dateTime(s.first_activity)}>from ${dateTime(s.first_activity)}</span>
        to <span title=${dateTime(s.last_activity)}>${relative(s.last_activity, now)}</span></dd>
    </dl>
    ${s.latest_capsule ? html`<${CapsuleView} saved=${s.latest_capsule} />` : html`<p class="muted small">No capsule saved in it.</p>`}
  </article>`;
}
