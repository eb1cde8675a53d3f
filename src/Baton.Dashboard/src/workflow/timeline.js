// When each task ran: one bar per task on the workflow's time axis, in phase order; the critical path is marked
// with a stronger bar and the word "critical".
import { html } from '../lib/html.js';
import { duration } from '../lib/format.js';
import { runOf, tasksOf } from './model.js';

const TICKS = 5;

export function WorkflowTimeline({ workflow, now, taskHref, critical }) {
  const tasks = tasksOf(workflow);
  const runs = tasks.map((t) => runOf(t, now)).filter(Boolean);
  const origin = workflow.started_at ? new Date(workflow.started_at).getTime() : Math.min(...runs.map((r) => r.start));
  if (!runs.length || !Number.isFinite(origin)) return html`<p class="muted" data-testid="workflow-timeline">No task has started yet.</p>`;
  const finish = workflow.completed_at ? new Date(workflow.completed_at).getTime() : now;
  const span = Math.max(1000, finish - origin, ...runs.map((r) => r.end - origin));
  const pct = (t) => `${Math.max(0, Math.min(100, ((t - origin) / span) * 100)).toFixed(2)}%`;
  const ticks = Array.from({ length: TICKS + 1 }, (_, i) => (span * i) / TICKS);
  return html`<div class="timeline" data-testid="workflow-timeline">
    <div class="tl-row tl-axis" aria-hidden="true">
      <span class="tl-label"></span>
      <span class="tl-track tl-ticks">${ticks.map((t, i) => html`<span key=${i} class="tl-tick" style=${{ left: `${((t / span) * 100).toFixed(2)}%` }}>${duration(t)}</span>`)}</span>
      <span class="tl-text"></span>
    </div>
    <ol class="tl-rows">
      ${tasks.map((task) => {
        const run = runOf(task, now);
        const onPath = critical?.has(task.task_id);
        const status = task.status || 'pending';
        const text = run ? `${duration(run.end - run.start)}${task.completed_at ? '' : ' so far'}` : 'not started';
        return html`<li key=${task.task_id} class="tl-row">
          <a class="tl-label" href=${taskHref(task)} title=${task.name}>${task.name}</a>
          <span class="tl-track">
            ${run ? html`<span class=${`tl-bar tl-${status}${onPath ? ' tl-critical' : ''}`} data-testid=${`timeline-bar-${task.task_id}`}
              data-critical=${onPath ? 'true' : 'false'} style=${{ left: pct(run.start), width: `max(3px, calc(${pct(run.end)} - ${pct(run.start)}))` }}></span>` : null}
          </span>
          <span class="tl-text">${text} · ${status.replace(/_/g, ' ')}${onPath ? html` · <strong>critical</strong>` : null}</span>
        </li>`;
      })}
    </ol>
  </div>`;
}
