// Agent definitions as the daemon finds them (name, runner, model, the file each comes from), with each one's runs
// of the last 7 days: how many, the success rate, the cost. Files that failed to load are listed with the reason.
import { html } from '../lib/html.js';
import { get } from '../lib/api.js';
import { useAsync } from '../lib/use-async.js';
import { cost, tokens, totalTokens } from '../lib/format.js';
import { Empty, ErrorState, Loading } from '../components/states.js';

const percent = (rate) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)} %`);

export function AgentsPage() {
  const data = useAsync(async () => {
    const [defs, stats] = await Promise.all([get('/api/v1/agents'), get('/api/v1/agents/stats?window=7d').catch(() => ({ agents: [] }))]);
    return { defs, stats: new Map((stats.agents || []).map((s) => [s.agent, s])) };
  });
  if (data.error && !data.value) return html`<section class="page"><${ErrorState} error=${data.error} onRetry=${data.reload} /></section>`;
  if (!data.value) return html`<section class="page"><${Loading} /></section>`;
  const { defs, stats } = data.value;
  return html`<section class="page" aria-labelledby="agents-title" data-testid="agents-page">
    <div class="page-head"><h1 id="agents-title">Agents</h1><span class="count">${defs.agents.length} defined · runs of the last 7 days</span></div>
    <div class="card">
      ${defs.agents.length === 0
        ? html`<${Empty} title="No agent definitions found" testid="agents-empty">Add Markdown files with a name and a description to one of the folders below.<//>`
        : html`<div class="table-wrap"><table class="list" data-testid="agents-table">
          <thead><tr><th scope="col">Agent</th><th scope="col">Runner / model</th><th scope="col">Source file</th>
            <th scope="col" class="num">Runs</th><th scope="col" class="num">Success</th><th scope="col" class="num">Cost</th><th scope="col" class="num hide-narrow">Tokens</th></tr></thead>
          <tbody>${defs.agents.map((a) => {
            const s = stats.get(a.name);
            return html`<tr key=${a.name} data-testid="agent-row">
              <td><strong>${a.name}</strong><div class="muted small">${a.description}</div></td>
              <td>${a.runner}${a.model ? html`<div class="muted small">${a.model}</div>` : null}</td>
              <td class="mono small"><span class="tag">${a.source}</span> ${a.path}</td>
              <td class="num">${s ? s.runs : 0}</td>
              <td class="num" data-testid="agent-success">${s ? percent(s.success_rate) : '—'}${s ? html`<div class="muted small">${s.succeeded} ok · ${s.failed} failed</div>` : null}</td>
              <td class="num">${s ? cost(s.cost_usd) : '—'}</td>
              <td class="num hide-narrow">${s ? tokens(totalTokens(s.tokens)) : '—'}</td>
            </tr>`;
          })}</tbody></table></div>`}
    </div>
    ${defs.problems?.length ? html`<section class="card" aria-labelledby="agent-problems"><h2 id="agent-problems">Files that did not load</h2>
      <ul>${defs.problems.map((p, i) => html`<li key=${i}><span class="mono">${p.path}${p.line ? `:${p.line}` : ''}</span> — ${p.message || p.error}</li>`)}</ul></section>` : null}
    <section class="card" aria-labelledby="agent-dirs"><h2 id="agent-dirs">Where Baton looks</h2>
      <ul class="plain">${(defs.directories || []).map((d) => html`<li key=${d.path}><span class="tag">${d.source}</span> <span class="mono">${d.path}</span>${d.exists ? '' : html` <span class="muted">(does not exist)</span>`}</li>`)}</ul>
    </section>
  </section>`;
}
