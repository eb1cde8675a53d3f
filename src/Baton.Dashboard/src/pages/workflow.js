// A workflow: its totals, the graph of phases and tasks (or the timeline of when each ran), what waits for a person
// (gated phases), what failed (re-run from there), and the buttons for its status. Live from its events.
import { html } from '../lib/html.js';
import { get, enc } from '../lib/api.js';
import { useEvents, useResync } from '../lib/events.js';
import { useAsync, useThrottled } from '../lib/use-async.js';
import { useNow } from '../lib/clock.js';
import { href, navigate } from '../lib/router.js';
import { dateTime } from '../lib/format.js';
import { StatusBadge } from '../components/status-badge.js';
import { ErrorState, Loading } from '../components/states.js';
import { WorkflowGraph } from '../workflow/graph.js';
import { WorkflowTimeline } from '../workflow/timeline.js';
import { WorkflowTotals } from '../workflow/totals.js';
import { GateDecision, RerunButton, WorkflowActions } from '../workflow/actions.js';
import { criticalPath, tasksOf, TERMINAL } from '../workflow/model.js';

const FAILED = new Set(['failed', 'cancelled', 'timed_out']);
const taskHref = (task) => `#/tasks/${enc(task.task_id)}`;

export function WorkflowPage({ params, query }) {
  const id = params.id;
  const workflow = useAsync(() => get(`/api/v1/workflows/${enc(id)}`), [id]);
  const refresh = useThrottled(workflow.reload, 150);
  useEvents({ workflow_id: id }, refresh, [id]);
  useResync(workflow.reload);
  const w = workflow.value;
  const now = useNow(w && !w.completed_at ? 1000 : 60000);

  if (workflow.error && !w) return html`<section class="page"><${ErrorState} error=${workflow.error} onRetry=${workflow.reload} /></section>`;
  if (!w) return html`<section class="page"><${Loading} /></section>`;
  const view = query.view === 'timeline' ? 'timeline' : 'graph';
  const critical = criticalPath(w, now);
  const gates = (w.phases || []).filter((p) => p.requires_approval && p.status === 'input_required' && !p.gate);
  const failed = tasksOf(w).filter((t) => FAILED.has(t.status) && t.attempt_count > 0);
  const setView = (next) => navigate(`/workflows/${id}`, next === 'graph' ? {} : { view: next }, { replace: true });
  return html`<article class="page workflow-page" aria-labelledby="wf-title" data-testid="workflow-page" data-status=${w.status}>
    <header class="card wf-header">
      <div class="page-head">
        <${StatusBadge} status=${w.paused_at && !TERMINAL.has(w.status) ? 'paused' : w.status} testid="workflow-status" />
        <h1 id="wf-title">${w.name}</h1>
        <span class="mono muted">${w.workflow_id}</span>
        <div class="actions"><${WorkflowActions} workflow=${w} onChanged=${(next) => (next?.workflow_id ? workflow.setValue(next) : workflow.reload())} /></div>
      </div>
      ${w.description ? html`<p class="muted">${w.description}</p>` : null}
      <p class="small muted">Created ${dateTime(w.created_at)} by ${w.created_by || 'unknown'} · failure policy ${w.failure_policy}${w.paused_at ? ` · paused by ${w.paused_by || 'someone'}` : ''}</p>
      ${w.error ? html`<p class="wf-error" data-testid="workflow-error"><strong>Error:</strong> ${w.error}</p>` : null}
      <${WorkflowTotals} workflow=${w} now=${now} />
    </header>
    ${gates.map((phase) => html`<${GateDecision} key=${phase.phase_id} workflow=${w} phase=${phase} onChanged=${() => workflow.reload()} />`)}
    <section class="card" aria-labelledby="wf-view-title">
      <div class="section-title">
        <h2 id="wf-view-title">${view === 'graph' ? 'Graph' : 'Timeline'}</h2>
        <span class="spacer"></span>
        <div class="segmented" role="group" aria-label="View">
          <a class="btn btn-small" role="button" aria-pressed=${view === 'graph' ? 'true' : 'false'} data-testid="view-graph" href=${href(`/workflows/${id}`)}
            onClick=${(e) => { e.preventDefault(); setView('graph'); }}>Graph</a>
          <a class="btn btn-small" role="button" aria-pressed=${view === 'timeline' ? 'true' : 'false'} data-testid="view-timeline" href=${href(`/workflows/${id}`, { view: 'timeline' })}
            onClick=${(e) => { e.preventDefault(); setView('timeline'); }}>Timeline</a>
        </div>
      </div>
      ${view === 'graph'
        ? html`<${WorkflowGraph} workflow=${w} taskHref=${taskHref} critical=${critical} />`
        : html`<${WorkflowTimeline} workflow=${w} now=${now} taskHref=${taskHref} critical=${critical} />`}
      <p class="small muted legend">Thicker outlines mark the critical path: the tasks that decided how long the workflow took.</p>
    </section>
    ${failed.length ? html`<section class="card" aria-labelledby="wf-failed-title" data-testid="workflow-failed">
      <h2 id="wf-failed-title">Did not complete</h2>
      <ul class="failed-list">${failed.map((t) => html`<li key=${t.task_id}>
        <${StatusBadge} status=${t.status} /> <a href=${taskHref(t)}>${t.name}</a>
        ${t.error ? html` <span class="muted small">${t.error}</span>` : null}
        <${RerunButton} task=${t} onChanged=${() => workflow.reload()} />
      </li>`)}</ul>
    </section>` : null}
  </article>`;
}
