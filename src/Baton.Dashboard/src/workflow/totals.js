// The workflow's totals at a glance: progress, elapsed, tokens, cost (against its budget, if it has one), and the time left by the daemon's estimate.
import { html } from '../lib/html.js';
import { between, cost, duration, tokens, totalTokens } from '../lib/format.js';

export function WorkflowTotals({ workflow, now }) {
  const p = workflow.progress || {};
  const elapsed = workflow.started_at ? between(workflow.started_at, workflow.completed_at || now) : null;
  const remaining = p.estimated_time_remaining;
  const ended = Boolean(workflow.completed_at);
  return html`<dl class="totals" data-testid="workflow-totals">
    <div><dt>Progress</dt><dd><span data-testid="wf-progress">${p.finished ?? 0} of ${p.total ?? 0} tasks</span>
      <span class="progress" role="progressbar" aria-label="Progress" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${p.percent ?? 0}>
        <span class="progress-bar" style=${{ width: `${p.percent ?? 0}%` }}></span></span></dd></div>
    <div><dt>Elapsed</dt><dd data-testid="wf-elapsed">${duration(elapsed)}</dd></div>
    <div><dt>Time left</dt><dd data-testid="wf-remaining">${ended ? 'ended' : remaining != null ? `about ${duration(remaining * 1000)}` : 'no estimate yet'}</dd></div>
    <div><dt>Tokens</dt><dd data-testid="wf-tokens">${tokens(typeof workflow.tokens === 'number' ? workflow.tokens : totalTokens(workflow.tokens))}</dd></div>
    <div><dt>Cost</dt><dd data-testid="wf-cost">${cost(workflow.cost_usd, workflow.cost_estimated)}</dd></div>
    ${workflow.budget_usd != null ? html`<div><dt>Budget</dt><dd data-testid="wf-budget">$${Number(workflow.cost_usd ?? 0).toFixed(2)} spent of $${Number(workflow.budget_usd).toFixed(2)}</dd></div>` : null}
    <div><dt>Tasks</dt><dd class="small">${p.completed ?? 0} completed · ${p.running ?? 0} running · ${p.pending ?? 0} waiting · ${p.failed ?? 0} failed · ${p.cancelled ?? 0} cancelled</dd></div>
  </dl>`;
}
