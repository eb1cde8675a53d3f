// Tasks in a table: status, name (a link to the task), agent, tags, when, how long, cost.
import { html } from '../lib/html.js';
import { enc } from '../lib/api.js';
import { between, cost, duration, relative } from '../lib/format.js';
import { StatusBadge } from './status-badge.js';

export function TaskTable({ tasks, now, caption }) {
  return html`<div class="table-wrap"><table class="list tasks" data-testid="task-table">
    ${caption ? html`<caption class="visually-hidden">${caption}</caption>` : null}
    <thead><tr>
      <th scope="col">Status</th><th scope="col">Task</th><th scope="col" class="hide-narrow">Agent</th>
      <th scope="col" class="hide-narrow">Created</th><th scope="col" class="num">Took</th><th scope="col" class="num hide-narrow">Cost</th>
    </tr></thead>
    <tbody>${tasks.map((t) => html`<${TaskRow} key=${t.task_id} task=${t} now=${now} />`)}</tbody>
  </table></div>`;
}

function TaskRow({ task, now }) {
  const took = task.started_at ? between(task.started_at, task.completed_at || now) : null;
  return html`<tr data-testid="task-row" data-task=${task.task_id} data-status=${task.status}>
    <td><${StatusBadge} status=${task.status} /></td>
    <td class="task-cell">
      <a href=${`#/tasks/${enc(task.task_id)}`} class="task-name">${task.name}</a>
      <div class="sub muted">
        <span class="mono">${task.task_id}</span>
        ${task.workflow_id ? html` · <a href=${`#/workflows/${enc(task.workflow_id)}`} class="muted">${task.workflow_id}</a>` : null}
        ${task.progress?.current_step && task.status === 'running' ? html` · <span class="step">${task.progress.current_step}</span>` : null}
        ${task.tags?.length ? html` · ${task.tags.map((tag) => html`<span class="tag" key=${tag}>${tag}</span>`)}` : null}
      </div>
    </td>
    <td class="hide-narrow">${task.agent_name || task.runner}</td>
    <td class="hide-narrow nowrap" title=${task.created_at}>${relative(task.created_at, now)}</td>
    <td class="num nowrap">${took === null ? '—' : duration(took)}</td>
    <td class="num hide-narrow">${cost(task.cost_usd, task.cost_estimated)}</td>
  </tr>`;
}
