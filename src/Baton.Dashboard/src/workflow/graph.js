// The workflow as a graph: phases as labelled boxes, tasks as nodes coloured by status with the status written
// under the name (colour is never the only sign), arrows for dependencies. Each node links to its task.
import { html } from '../lib/html.js';
import { useMemo } from 'preact/hooks';
import { layoutWorkflow, NODE_HEIGHT, NODE_WIDTH } from './layout.js';

const LABELS = {
  pending: 'pending', queued: 'queued', running: 'running', retrying: 'retrying', input_required: 'needs input',
  paused: 'paused', completed: 'completed', failed: 'failed', cancelled: 'cancelled', timed_out: 'timed out',
};
const SHAPES = { pending: '○', running: '●', retrying: '↻', input_required: '!', paused: '❚❚', completed: '✓', failed: '✕', cancelled: '⊘', timed_out: '⧖' };

const clip = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

function path(points) {
  if (!points.length) return '';
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

/** taskHref(task) gives each node's link; critical is the set of task ids on the critical path. */
export function WorkflowGraph({ workflow, taskHref, critical }) {
  const layout = useMemo(() => layoutWorkflow(workflow), [workflow]);
  if (!layout.nodes.length) return html`<p class="muted">This workflow has no tasks yet.</p>`;
  return html`<div class="graph-scroll" data-testid="workflow-graph">
    <svg class="graph" viewBox=${`0 0 ${layout.width} ${layout.height}`} width=${layout.width} height=${layout.height}
      role="group" aria-label=${`Graph of ${layout.nodes.length} tasks in ${layout.clusters.length} phases, left to right`}>
      <defs>
        <marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" class="graph-arrowhead" />
        </marker>
      </defs>
      ${layout.clusters.map((c) => html`<g key=${`p-${c.phase.phase_id}`} class=${`gphase gphase-${c.phase.status}`} data-testid=${`graph-phase-${c.phase.phase_id}`} data-status=${c.phase.status}>
        <rect x=${c.x} y=${c.y} width=${c.width} height=${c.height} rx="10" />
        <text x=${c.x + 10} y=${c.y + 17} class="gphase-label">${clip(c.phase.name || c.phase.phase_id, Math.max(8, Math.floor(c.width / 8)))}${c.phase.requires_approval ? ' · gate' : ''}${` · ${LABELS[c.phase.status] || c.phase.status}`}</text>
      </g>`)}
      ${layout.edges.map((e) => html`<path key=${`e-${e.from}-${e.to}`} class=${`gedge${critical?.has(e.from) && critical?.has(e.to) ? ' gedge-critical' : ''}`} d=${path(e.points)} marker-end="url(#graph-arrow)" />`)}
      ${layout.nodes.map(({ task, x, y }) => {
        const status = task.status || 'pending';
        const label = LABELS[status] || status.replace(/_/g, ' ');
        const onPath = critical?.has(task.task_id);
        return html`<a key=${task.task_id} href=${taskHref(task)} class=${`gnode gnode-${status}${onPath ? ' gnode-critical' : ''}`}
          data-testid=${`graph-node-${task.task_id}`} data-status=${status}>
          <rect x=${x} y=${y} width=${NODE_WIDTH} height=${NODE_HEIGHT} rx="8" />
          <text x=${x + 10} y=${y + 21} class="gnode-name">${clip(task.name, 24)}</text>
          <text x=${x + 10} y=${y + 40} class="gnode-status"><tspan aria-hidden="true">${SHAPES[status] || '•'} </tspan>${label}${task.attempt_count > 1 ? ` · try ${task.attempt_count}` : ''}${onPath ? ' · critical' : ''}</text>
        </a>`;
      })}
    </svg>
  </div>`;
}
