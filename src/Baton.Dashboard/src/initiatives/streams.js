// An initiative's streams as its monitor shows them: per stream a progress bar, tasks done of all, how many run now,
// its phase (foundation, parallel, integration), the branch it commits to and the worktree it works in.
import { html } from '../lib/html.js';
import { StatusBadge } from '../components/status-badge.js';

/** The bar's width and its label: the daemon's percentage, kept within 0..100 and rounded for reading. */
function percent(stream) {
  const p = Number(stream.progress_percentage);
  return Number.isFinite(p) ? Math.max(0, Math.min(100, Math.round(p))) : 0;
}

export function StreamTable({ initiative }) {
  const streams = initiative.streams || [];
  if (streams.length === 0) return html`<p class="muted small" data-testid="streams-none">No streams yet.</p>`;
  return html`<div class="table-wrap"><table class="list streams" aria-label=${`Streams of ${initiative.name}`} data-testid="streams-table">
    <thead><tr><th scope="col">Stream</th><th scope="col">Phase</th><th scope="col">Progress</th><th scope="col" class="num">Tasks</th>
      <th scope="col" class="num">Running</th><th scope="col">Branch and worktree</th></tr></thead>
    <tbody>${streams.map((s) => {
      const p = percent(s);
      return html`<tr key=${s.id} data-testid="stream-row" data-stream=${s.id} data-status=${s.status}>
        <td><strong>${s.name}</strong>${s.name !== s.id ? html` <span class="mono muted small">${s.id}</span>` : null}
          <div><${StatusBadge} status=${s.status} testid="stream-status" /></div>
          ${s.depends_on?.length ? html`<div class="muted small">after ${s.depends_on.join(', ')}</div>` : null}</td>
        <td data-testid="stream-phase"><span class=${`phase phase-${s.phase}`}>${s.phase}</span></td>
        <td class="stream-progress">
          <span class="progress" role="progressbar" aria-label=${`${s.name} progress`} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${p} data-testid="stream-progress">
            <span class="progress-bar" style=${{ width: `${p}%` }}></span></span>
          <span class="small" data-testid="stream-percent">${p}%</span></td>
        <td class="num" data-testid="stream-tasks">${s.completed_tasks}/${s.total_tasks}</td>
        <td class="num" data-testid="stream-running">${s.in_progress_tasks}</td>
        <td class="small"><div class="mono" data-testid="stream-branch">${s.branch}</div>
          ${s.worktree_path ? html`<div class="mono muted" data-testid="stream-worktree">${s.worktree_path}</div>` : html`<div class="muted">no worktree yet</div>`}</td>
      </tr>`;
    })}</tbody></table></div>`;
}
