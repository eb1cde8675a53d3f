// A task: its status and buttons, what it waits for, the live transcript and raw log, result, tokens and cost per
// model, attempts, changes, session and upstream context. Kept live by the task's events.
import { html } from '../lib/html.js';
import { useEffect, useState } from 'preact/hooks';
import { get, enc } from '../lib/api.js';
import { useEvents, useResync } from '../lib/events.js';
import { useAsync, useThrottled } from '../lib/use-async.js';
import { useNow } from '../lib/clock.js';
import { between, cost, dateTime, duration, relative, tokens, totalTokens } from '../lib/format.js';
import { StatusBadge } from '../components/status-badge.js';
import { ErrorState, Loading } from '../components/states.js';
import { Fold } from '../components/fold.js';
import { Transcript } from '../components/transcript.js';
import { TaskActions } from '../components/task-actions.js';
import { InboxItem, DiffText } from './inbox.js';

const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'timed_out']);

/** An argument as a shell would need it typed, so the command line reads unambiguously. */
function shellWord(arg) {
  const text = String(arg);
  return text === '' || /[\s'"\\$`;&|<>(){}*?#!~]/.test(text) ? `'${text.replace(/'/g, "'\\''")}'` : text;
}

export function TaskPage({ params }) {
  const id = params.id;
  const task = useAsync(() => get(`/api/v1/tasks/${enc(id)}`), [id]);
  const refresh = useThrottled(task.reload, 250);
  useEvents({ task_id: id }, (event) => {
    if (event.type === 'task.progress') {
      task.setValue((t) => t && { ...t, progress: { ...(t.progress || {}), current_step: event.message ?? t.progress?.current_step } });
    } else refresh();
  }, [id]);
  useEvents({ type: 'interaction.*' }, (event) => { if (!event.task_id || event.task_id === id) refresh(); }, [id]);
  useResync(task.reload);

  if (task.error && !task.value) return html`<section class="page"><${ErrorState} error=${task.error} onRetry=${task.reload} /></section>`;
  if (!task.value) return html`<section class="page"><${Loading} /></section>`;
  const t = task.value;
  const running = !TERMINAL.has(t.status);
  return html`<article class="page task-page" aria-labelledby="task-title" data-testid="task-page" data-task=${t.task_id}>
    <header class="task-header card">
      <div class="page-head">
        <${StatusBadge} status=${t.status} testid="task-status" />
        <h1 id="task-title">${t.name}</h1>
        <span class="mono muted">${t.task_id}</span>
      </div>
      <${Headline} task=${t} />
      <${TaskActions} task=${t} onChanged=${(next) => (next?.task_id ? task.setValue(next) : task.reload())} />
    </header>
    ${t.open_interaction ? html`<section aria-label="Waiting for you" class="task-waiting">
      <${InboxItem} item=${t.open_interaction} onDone=${task.reload} /></section>` : null}
    ${t.notice ? html`<p class="banner banner-warn card" data-testid="task-notice">${t.notice}</p>` : null}
    <div class="task-grid">
      <div class="task-main">
        <${Outcome} task=${t} />
        <${Transcript} taskId=${t.task_id} running=${running} />
      </div>
      <aside class="task-side">
        <${Facts} task=${t} />
        <${Usage} task=${t} />
      </aside>
    </div>
    <${Attempts} task=${t} />
    <${Changes} task=${t} />
    ${t.upstream_context ? html`<section class="card" aria-labelledby="upstream-title">
      <h2 id="upstream-title">Upstream context received</h2>
      <${Fold} text=${t.upstream_context} lines=${16} label="context" testid="upstream" />
    </section>` : null}
  </article>`;
}

function Headline({ task }) {
  const now = useNow(1000);
  const ran = task.started_at ? between(task.started_at, task.completed_at || now) : null;
  return html`<p class="headline muted">
    ${task.agent_name ? html`agent <strong>${task.agent_name}</strong>` : html`runner <strong>${task.runner}</strong>`}
    ${task.model ? html` · ${task.model}` : null}
    ${' · '}queued ${relative(task.created_at, now)}
    ${ran !== null ? html` · ${task.completed_at ? 'ran' : 'running for'} ${duration(ran)}` : null}
    ${task.progress?.current_step && task.status === 'running' ? html` · <span data-testid="current-step">${task.progress.current_step}</span>` : null}
    ${task.progress?.estimated_time_remaining ? html` · about ${duration(task.progress.estimated_time_remaining * 1000)} left` : null}
    ${task.cancel_requested && !TERMINAL.has(task.status) ? html` · <strong>cancelling…</strong>` : null}
    ${task.pause_requested ? html` · <strong>pausing…</strong>` : null}
    ${task.status === 'paused' && task.pause_reason ? html` · paused: ${task.pause_reason}` : null}
    ${task.blocked ? ' · waiting for its dependencies' : null}
  </p>`;
}

function Outcome({ task }) {
  if (!task.result && !task.error && !task.permission_denials?.length) return null;
  return html`<section class="card outcome" aria-labelledby="outcome-title" data-testid="task-outcome">
    <h2 id="outcome-title">${task.error ? 'Error' : 'Result'}</h2>
    ${task.error ? html`<${Fold} text=${task.error} lines=${12} label="error" className="error-text" testid="task-error" />` : null}
    ${task.result ? html`<${Fold} text=${task.result} lines=${30} label="result" testid="task-result" />` : null}
    ${task.permission_denials?.length ? html`<h3>Refused tool calls</h3><ul>
      ${task.permission_denials.map((d, i) => html`<li key=${i}><span class="mono">${d.tool_name}</span> <code>${d.input}</code></li>`)}</ul>` : null}
  </section>`;
}

function Facts({ task }) {
  const rows = [
    ['Status', task.status.replace('_', ' ')],
    ['Priority', task.priority],
    ['Runner', task.runner],
    task.agent_name && ['Agent', task.agent_name],
    task.model && ['Model', task.model],
    task.program && ['Program', [task.program, ...(task.args || [])].map(shellWord).join(' ')],
    ['Directory', task.working_directory],
    task.worktree_branch && ['Branch', task.worktree_branch],
    task.session_id && ['Session', html`<a class="mono" href=${`#/sessions?task=${enc(task.task_id)}`} data-testid="task-session">${task.session_id}</a>`],
    task.created_by && ['Queued by', task.created_by],
    ['Created', dateTime(task.created_at)],
    task.run_at && ['Runs at', dateTime(task.run_at)],
    task.started_at && ['Started', dateTime(task.started_at)],
    task.completed_at && ['Ended', dateTime(task.completed_at)],
    task.next_attempt_at && ['Next attempt', dateTime(task.next_attempt_at)],
    ['Attempts', `${task.attempt_count} of at most ${task.max_retries + 1}`],
    task.timeout_seconds && ['Timeout', duration(task.timeout_seconds * 1000)],
  ].filter(Boolean);
  return html`<section class="card" aria-labelledby="facts-title">
    <h2 id="facts-title">Details</h2>
    <dl class="facts" data-testid="task-facts">
      ${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}
      ${task.workflow_id ? html`<dt>Workflow</dt><dd><a href=${`#/workflows/${enc(task.workflow_id)}`}>${task.workflow_id}</a>${task.phase_id ? ` · ${task.phase_id}` : ''}</dd>` : null}
      ${task.depends_on?.length ? html`<dt>Depends on</dt><dd>${task.depends_on.map((d, i) => html`${i ? ', ' : ''}<a href=${`#/tasks/${enc(d)}`}>${d}</a>`)}</dd>` : null}
      ${task.tags?.length ? html`<dt>Tags</dt><dd>${task.tags.map((tag) => html`<a class="tag" href=${`#/work?tag=${enc(tag)}`}>${tag}</a>`)}</dd>` : null}
    </dl>
  </section>`;
}

/** Tokens and cost per model, summed over the attempts (each attempt's CLI reports its models). */
function Usage({ task }) {
  const models = new Map();
  for (const a of task.attempts || []) {
    for (const [name, m] of Object.entries(a.agent?.models || {})) {
      const sum = models.get(name) || { input: 0, output: 0, cache_read: 0, cache_write: 0, cost: null };
      sum.input += m.input_tokens || 0;
      sum.output += m.output_tokens || 0;
      sum.cache_read += m.cache_read_tokens || 0;
      sum.cache_write += m.cache_write_tokens || 0;
      if (m.cost_usd !== null && m.cost_usd !== undefined) sum.cost = (sum.cost || 0) + Number(m.cost_usd);
      models.set(name, sum);
    }
  }
  if (!task.tokens && task.cost_usd == null && models.size === 0) return null;
  return html`<section class="card" aria-labelledby="usage-title" data-testid="task-usage">
    <h2 id="usage-title">Tokens and cost</h2>
    <p class="usage-total"><strong>${cost(task.cost_usd, task.cost_estimated)}</strong>
      ${task.cost_estimated ? html` <span class="badge" data-testid="cost-estimated" title="Baton's estimate from the price table: this agent's CLI reports no cost">estimated</span>` : null}
      <span class="muted"> · ${tokens(totalTokens(task.tokens))} tokens</span></p>
    ${models.size > 0 ? html`<div class="table-wrap"><table class="list">
      <caption class="visually-hidden">Tokens per model</caption>
      <thead><tr><th scope="col">Model</th><th scope="col" class="num">In</th><th scope="col" class="num">Out</th>
        <th scope="col" class="num">Cache</th><th scope="col" class="num">Cost</th></tr></thead>
      <tbody>${[...models].map(([name, m]) => html`<tr key=${name} data-testid="model-usage">
        <td class="mono">${name}</td><td class="num">${tokens(m.input)}</td><td class="num">${tokens(m.output)}</td>
        <td class="num" title="read / written">${tokens(m.cache_read)} / ${tokens(m.cache_write)}</td><td class="num">${cost(m.cost)}</td></tr>`)}</tbody>
    </table></div>` : task.tokens ? html`<p class="muted">in ${tokens(task.tokens.input)} · out ${tokens(task.tokens.output)} · cache ${tokens(task.tokens.cache_read)} / ${tokens(task.tokens.cache_write)}</p>` : null}
  </section>`;
}

function Attempts({ task }) {
  const attempts = task.attempts || [];
  if (attempts.length === 0) return null;
  const now = Date.now();
  return html`<section class="card" aria-labelledby="attempts-title">
    <h2 id="attempts-title">Attempts</h2>
    <div class="table-wrap"><table class="list" data-testid="attempts">
      <thead><tr><th scope="col">#</th><th scope="col">Status</th><th scope="col" class="num">Exit</th><th scope="col" class="num">Took</th>
        <th scope="col" class="hide-narrow">Started</th><th scope="col" class="hide-narrow">Worker</th><th scope="col">Error</th></tr></thead>
      <tbody>${[...attempts].reverse().map((a) => html`<tr key=${a.attempt} data-testid="attempt">
        <td>${a.attempt}</td>
        <td><${StatusBadge} status=${a.status} /></td>
        <td class="num">${a.exit_code ?? (a.signal ? `signal ${a.signal}` : '—')}</td>
        <td class="num nowrap">${duration(a.duration_ms ?? (a.started_at ? between(a.started_at, a.completed_at || now) : null))}</td>
        <td class="hide-narrow nowrap" title=${a.started_at}>${dateTime(a.started_at)}</td>
        <td class="hide-narrow mono">${a.worker_id}${a.pid ? ` · pid ${a.pid}` : ''}</td>
        <td class="attempt-error">${a.error ? html`<${Fold} text=${a.error} lines=${3} chars=${400} label="error" />` : a.agent?.errors?.length ? a.agent.errors.join('; ') : ''}</td>
      </tr>`)}</tbody>
    </table></div>
  </section>`;
}

/**
 * Files changed and commits, with the diff, from GET /changes (where the working directory is a git repository);
 * from a daemon without that route, what the attempts' agents reported.
 */
function Changes({ task }) {
  const [state, setState] = useState({ data: null, missing: false });
  useEffect(() => {
    let live = true;
    get(`/api/v1/tasks/${enc(task.task_id)}/changes`)
      .then((data) => live && setState({ data, missing: false }))
      .catch((error) => live && setState({ data: null, missing: error.status === 404 || error.status === 405 }));
    return () => { live = false; };
  }, [task.task_id, task.status, task.attempt_count]);

  let data = state.data;
  if (!data && state.missing) {
    data = {
      files: [...new Set((task.attempts || []).flatMap((a) => a.agent?.files_changed || []))].map((path) => ({ path })),
      commits: [...new Set((task.attempts || []).flatMap((a) => a.agent?.commits || []))].map((line) => ({ line })),
    };
  }
  if (!data || data.repository === false) return null;
  const files = data.files || [];
  const commits = data.commits || [];
  const diff = data.diff || '';
  if (files.length === 0 && commits.length === 0 && !diff) return null;
  return html`<section class="card" aria-labelledby="changes-title" data-testid="task-changes">
    <h2 id="changes-title">Changes</h2>
    ${data.base_description ? html`<p class="muted">${data.branch ? html`branch <span class="mono">${data.branch}</span> · ` : null}${data.base_description}</p>` : null}
    ${files.length ? html`<h3>${files.length} file${files.length === 1 ? '' : 's'} changed</h3>
      <ul class="files">${files.map((f) => html`<li key=${f.path} class="mono" data-testid="changed-file">${f.path}
        ${f.additions !== undefined && f.additions !== null ? html` <span class="d-add">+${f.additions}</span> <span class="d-del">−${f.deletions}</span>` : null}
        ${f.additions === null ? html` <span class="muted">binary</span>` : null}
        ${f.untracked ? html` <span class="tag">untracked</span>` : null}</li>`)}</ul>` : null}
    ${commits.length ? html`<h3>Commits</h3><ul class="commits">${commits.map((c, i) => html`<li key=${c.sha || i} data-testid="commit">
      ${c.line ? html`<span class="mono">${c.line}</span>`
        : html`<span class="mono">${c.short_sha || (c.sha || '').slice(0, 10)}</span> ${c.subject}
          <span class="muted"> — ${c.author}${c.committed_at ? `, ${relative(c.committed_at)}` : ''}</span>`}</li>`)}</ul>` : null}
    ${diff ? html`<h3>Diff</h3><${DiffText} text=${diff} testid="task-diff" />` : null}
  </section>`;
}
