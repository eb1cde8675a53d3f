// The read-only view behind a share link (/share/{token}): one task, or a workflow with its graph and timeline and
// any of its tasks opened below. The link is the only credential; nothing here writes, so there is no button at all.
import { html } from '../lib/html.js';
import { useEffect, useState } from 'preact/hooks';
import { get, enc } from '../lib/api.js';
import { useAsync } from '../lib/use-async.js';
import { useNow } from '../lib/clock.js';
import { between, cost, dateTime, duration, tokens, totalTokens } from '../lib/format.js';
import { StatusBadge } from '../components/status-badge.js';
import { ErrorState, Loading } from '../components/states.js';
import { WorkflowGraph } from '../workflow/graph.js';
import { WorkflowTimeline } from '../workflow/timeline.js';
import { WorkflowTotals } from '../workflow/totals.js';
import { criticalPath } from '../workflow/model.js';

function useSelectedTask() {
  const read = () => /^#task=([^&]+)/.exec(location.hash)?.[1] ?? null;
  const [selected, setSelected] = useState(read());
  useEffect(() => {
    const changed = () => setSelected(read());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return selected ? decodeURIComponent(selected) : null;
}

export function SharePage({ params }) {
  const token = params.token;
  const shared = useAsync(() => get(`/api/v1/shared/${enc(token)}`), [token]);
  const now = useNow(60000);
  if (shared.error) {
    return html`<section class="page" data-testid="share-page"><${ErrorState} title="This share link shows nothing" error=${shared.error} /></section>`;
  }
  if (!shared.value) return html`<section class="page"><${Loading} /></section>`;
  const { share, task, logs, workflow } = shared.value;
  return html`<section class="page" data-testid="share-page" data-kind=${share.target_kind}>
    <p class="banner banner-info card small" data-testid="share-banner">A read-only view shared from Baton, valid until ${dateTime(share.expires_at)}.</p>
    ${workflow ? html`<${SharedWorkflow} token=${token} workflow=${workflow} now=${now} />` : html`<${SharedTask} task=${task} logs=${logs} now=${now} />`}
  </section>`;
}

function SharedWorkflow({ token, workflow, now }) {
  const selected = useSelectedTask();
  const critical = criticalPath(workflow, now);
  const taskHref = (t) => `#task=${enc(t.task_id)}`;
  return html`<article class="page" aria-labelledby="share-title">
    <header class="card wf-header">
      <div class="page-head"><${StatusBadge} status=${workflow.status} testid="workflow-status" /><h1 id="share-title">${workflow.name}</h1>
        <span class="mono muted">${workflow.workflow_id}</span></div>
      ${workflow.description ? html`<p class="muted">${workflow.description}</p>` : null}
      ${workflow.error ? html`<p class="wf-error"><strong>Error:</strong> ${workflow.error}</p>` : null}
      <${WorkflowTotals} workflow=${workflow} now=${now} />
    </header>
    <section class="card" aria-labelledby="share-graph"><h2 id="share-graph">Graph</h2>
      <${WorkflowGraph} workflow=${workflow} taskHref=${taskHref} critical=${critical} /></section>
    <section class="card" aria-labelledby="share-timeline"><h2 id="share-timeline">Timeline</h2>
      <${WorkflowTimeline} workflow=${workflow} now=${now} taskHref=${taskHref} critical=${critical} /></section>
    ${selected ? html`<${SharedWorkflowTask} key=${selected} token=${token} taskId=${selected} now=${now} />` : null}
  </article>`;
}

function SharedWorkflowTask({ token, taskId, now }) {
  const shared = useAsync(() => get(`/api/v1/shared/${enc(token)}/tasks/${enc(taskId)}`), [token, taskId]);
  if (shared.error) return html`<${ErrorState} error=${shared.error} />`;
  if (!shared.value) return html`<${Loading} />`;
  return html`<${SharedTask} task=${shared.value.task} logs=${shared.value.logs} now=${now} nested=${true} />`;
}

function SharedTask({ task, logs, now, nested = false }) {
  const ran = task.started_at ? between(task.started_at, task.completed_at || now) : null;
  const Heading = nested ? 'h2' : 'h1';
  return html`<article class="card shared-task" aria-labelledby="shared-task-title" data-testid="shared-task" data-task=${task.task_id}>
    <div class="page-head"><${StatusBadge} status=${task.status} testid="task-status" /><${Heading} id="shared-task-title">${task.name}<//>
      <span class="mono muted">${task.task_id}</span></div>
    <dl class="facts">
      <dt>Runs</dt><dd>${task.agent_name ? `agent ${task.agent_name}` : `runner ${task.runner}`}${task.model ? ` · ${task.model}` : ''}</dd>
      <dt>Queued</dt><dd>${dateTime(task.created_at)}</dd>
      <dt>Ran</dt><dd>${ran === null ? 'not yet' : duration(ran)} · ${task.attempt_count} attempt${task.attempt_count === 1 ? '' : 's'}</dd>
      <dt>Tokens / cost</dt><dd>${tokens(totalTokens(task.tokens))} · ${cost(task.cost_usd, task.cost_estimated)}</dd>
    </dl>
    ${task.error ? html`<h3>Error</h3><pre class="error-text">${task.error}</pre>` : null}
    ${task.result ? html`<h3>Result</h3><pre data-testid="shared-result">${task.result}</pre>` : null}
    <h3>Log</h3>
    ${logs ? html`<pre class="shared-log" data-testid="transcript" tabindex="0">${logs}</pre>` : html`<p class="muted">No output.</p>`}
  </article>`;
}
