// How work went over time, from GET /api/v1/stats: throughput, success rate and cost per day (uPlot charts, with the
// same figures in a table), each agent's runs, and the most common kinds of failure with an example task.
import { html } from '../lib/html.js';
import { get } from '../lib/api.js';
import { href, navigate } from '../lib/router.js';
import { useAsync } from '../lib/use-async.js';
import { cost, duration, tokens, totalTokens } from '../lib/format.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { TimeChart } from '../components/chart.js';

const WINDOWS = ['7d', '30d', '90d'];
const percent = (rate) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10} %`);
const DAY = 86400;

/** Every UTC day of the window, oldest first, with the day's group or zeros. */
function daily(groups, since) {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const first = Math.floor(Date.parse(since) / 1000 / DAY) * DAY;
  const last = Math.floor(Date.now() / 1000 / DAY) * DAY;
  const days = [];
  for (let t = first; t <= last; t += DAY) {
    const key = new Date(t * 1000).toISOString().slice(0, 10);
    days.push({ t, key, g: byKey.get(key) });
  }
  return days;
}

export function MetricsPage({ query }) {
  const since = WINDOWS.includes(query.since) ? query.since : '30d';
  const data = useAsync(async () => {
    const [days, agents] = await Promise.all([get(`/api/v1/stats?since=${since}&by=day`), get(`/api/v1/stats?since=${since}&by=agent`)]);
    return { days, agents };
  }, [since]);
  if (data.error && !data.value) return html`<section class="page"><${ErrorState} error=${data.error} onRetry=${data.reload} /></section>`;
  if (!data.value) return html`<section class="page"><${Loading} /></section>`;
  const { days, agents } = data.value;
  const total = days.total;
  const series = daily(days.groups, days.since);
  const x = series.map((d) => d.t);
  const throughput = [x, series.map((d) => d.g?.succeeded ?? 0), series.map((d) => d.g?.failed ?? 0)];
  const success = [x, series.map((d) => (d.g?.success_rate ?? null) === null ? null : d.g.success_rate * 100)];
  const spend = [x, series.map((d) => Number(d.g?.cost_usd ?? 0))];
  return html`<section class="page" aria-labelledby="metrics-title" data-testid="metrics-page">
    <div class="page-head"><h1 id="metrics-title">Metrics</h1>
      <span class="count" data-testid="metrics-total">${total.runs} runs · ${percent(total.success_rate)} succeeded · ${cost(total.cost_usd)}</span>
      <label class="inline-field">Window <select data-testid="metrics-window" value=${since} onChange=${(e) => navigate('/metrics', { since: e.currentTarget.value }, { replace: true })}>
        ${WINDOWS.map((w) => html`<option key=${w} value=${w}>last ${w}</option>`)}</select></label>
    </div>
    ${total.runs === 0
      ? html`<div class="card"><${Empty} title="No task ended in this window" testid="metrics-empty">Figures appear here as tasks complete, fail or are cancelled.<//></div>`
      : html`
    <div class="card chart-grid">
      <${TimeChart} title="Throughput: tasks ended per day" testid="chart-throughput" data=${throughput}
        series=${[{ label: 'succeeded', stroke: '#2e7d32' }, { label: 'failed', stroke: '#c62828' }]} />
      <${TimeChart} title="Success rate per day (%)" testid="chart-success" data=${success} series=${[{ label: 'success %', stroke: '#1565c0' }]} />
      <${TimeChart} title="Cost per day (USD)" testid="chart-cost" data=${spend} series=${[{ label: 'cost', stroke: '#6a1b9a' }]} yFormat=${(v) => cost(v)} />
    </div>
    <section class="card" aria-labelledby="metrics-days"><h2 id="metrics-days">By day</h2>
      <div class="table-wrap"><table class="list" data-testid="metrics-days-table">
        <thead><tr><th scope="col">Day (UTC)</th><th scope="col" class="num">Runs</th><th scope="col" class="num">Succeeded</th><th scope="col" class="num">Failed</th>
          <th scope="col" class="num">Success</th><th scope="col" class="num">p50 / p95</th><th scope="col" class="num">Cost</th></tr></thead>
        <tbody>${days.groups.map((g) => html`<tr key=${g.key} data-testid="metrics-day"><td>${g.key}</td><td class="num">${g.runs}</td><td class="num">${g.succeeded}</td>
          <td class="num">${g.failed}</td><td class="num">${percent(g.success_rate)}</td><td class="num">${duration(g.duration_ms.p50)} / ${duration(g.duration_ms.p95)}</td>
          <td class="num">${cost(g.cost_usd)}</td></tr>`)}</tbody></table></div>
    </section>
    <section class="card" aria-labelledby="metrics-agents"><h2 id="metrics-agents">By agent</h2>
      <div class="table-wrap"><table class="list" data-testid="metrics-agents-table">
        <thead><tr><th scope="col">Agent</th><th scope="col" class="num">Runs</th><th scope="col" class="num">Success</th><th scope="col" class="num">Duration p50 / p95</th>
          <th scope="col" class="num">Queue wait p50</th><th scope="col" class="num">Retries</th><th scope="col" class="num">Tokens</th><th scope="col" class="num">Cost</th></tr></thead>
        <tbody>${agents.groups.map((g) => html`<tr key=${g.key ?? '-'} data-testid="metrics-agent"><td>${g.key ?? html`<span class="muted">no agent (commands)</span>`}</td>
          <td class="num">${g.runs}</td><td class="num">${percent(g.success_rate)}</td><td class="num">${duration(g.duration_ms.p50)} / ${duration(g.duration_ms.p95)}</td>
          <td class="num">${duration(g.queue_wait_ms.p50)}</td><td class="num">${g.retries}</td><td class="num">${tokens(totalTokens(g.tokens))}</td><td class="num">${cost(g.cost_usd)}</td></tr>`)}</tbody></table></div>
    </section>
    <section class="card" aria-labelledby="metrics-failures"><h2 id="metrics-failures">Failure modes</h2>
      ${days.failure_modes.length === 0 ? html`<p class="muted">No failures in this window.</p>` : html`<div class="table-wrap"><table class="list" data-testid="metrics-failures-table">
        <thead><tr><th scope="col">Kind</th><th scope="col" class="num">Tasks</th><th scope="col">Example</th></tr></thead>
        <tbody>${days.failure_modes.map((m) => html`<tr key=${m.kind} data-testid="metrics-failure"><td class="mono">${m.kind}</td><td class="num">${m.count}</td>
          <td><a href=${href(`/tasks/${m.example_task_id}`)} class="mono">${m.example_task_id}</a><div class="muted small">${m.example_error ?? ''}</div></td></tr>`)}</tbody></table></div>`}
    </section>`}
  </section>`;
}
