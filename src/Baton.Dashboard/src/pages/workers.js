// The worker nodes sharing the store, with their state: on PostgreSQL every node of the cluster, on SQLite the one
// daemon. Draining and resuming a node are the same REST calls as 'baton workers drain|resume'.
import { html } from '../lib/html.js';
import { useState } from 'preact/hooks';
import { get, enc, post } from '../lib/api.js';
import { useEvents, useResync } from '../lib/events.js';
import { useAsync, useThrottled } from '../lib/use-async.js';
import { useNow } from '../lib/clock.js';
import { dateTime, relative } from '../lib/format.js';
import { notify, notifyError } from '../lib/notices.js';
import { WriteButton } from '../components/buttons.js';
import { Empty, ErrorState, Loading } from '../components/states.js';

export function WorkersPage() {
  const list = useAsync(() => get('/api/v1/workers'));
  const refresh = useThrottled(list.reload, 500);
  useEvents({ type: 'worker.*' }, refresh);
  useResync(list.reload);
  const now = useNow(5000);
  const [busy, setBusy] = useState(null);
  const act = async (name, action) => {
    setBusy(`${name}:${action}`);
    try {
      await post(`/api/v1/workers/${enc(name)}/${action}`, {});
      notify(action === 'drain' ? `Worker ${name} drains: it takes no new task` : `Worker ${name} takes tasks again`, 'success');
      list.reload();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };
  if (list.error && !list.value) return html`<section class="page"><${ErrorState} error=${list.error} onRetry=${list.reload} /></section>`;
  if (!list.value) return html`<section class="page"><${Loading} /></section>`;
  const workers = list.value.workers || [];
  return html`<section class="page" aria-labelledby="workers-title" data-testid="workers-page">
    <div class="page-head"><h1 id="workers-title">Workers</h1><span class="count">${workers.length} node${workers.length === 1 ? '' : 's'}</span></div>
    ${workers.length <= 1 ? html`<p class="muted" data-testid="workers-single">${workers.length === 0
      ? 'No worker has joined: start one with baton serve or baton worker.'
      : 'One node runs every task. On PostgreSQL, more nodes (baton worker) share the queue and appear here.'}</p>` : null}
    <div class="card">
      ${workers.length === 0 ? html`<${Empty} title="No workers" testid="workers-empty" />`
        : html`<div class="table-wrap"><table class="list" data-testid="workers-table">
          <thead><tr><th scope="col">Node</th><th scope="col">State</th><th scope="col" class="num">Running / slots</th><th scope="col">Labels</th>
            <th scope="col">Last heartbeat</th><th scope="col" class="hide-narrow">Started</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${workers.map((w) => html`<tr key=${w.worker_id || w.name} data-testid="worker-row" data-state=${w.state}>
            <td><strong>${w.name}</strong><div class="muted small mono">${w.host} · ${w.version}</div></td>
            <td><span class=${`badge badge-${w.state === 'active' ? 'completed' : w.state === 'draining' ? 'paused' : 'cancelled'}`}>${w.state}</span></td>
            <td class="num">${w.running_attempts} / ${w.slots}</td>
            <td>${(w.labels || []).map((l) => html`<span key=${l} class="tag">${l}</span>`)}</td>
            <td title=${dateTime(w.last_heartbeat)}>${relative(w.last_heartbeat, now)}</td>
            <td class="hide-narrow">${dateTime(w.started_at)}</td>
            <td>${w.state === 'active'
              ? html`<${WriteButton} kind="secondary" testid="worker-drain" busy=${busy === `${w.name}:drain`} onClick=${() => act(w.name, 'drain')}>Drain<//>`
              : w.state === 'draining' || w.drained_at ? html`<${WriteButton} kind="secondary" testid="worker-resume" busy=${busy === `${w.name}:resume`} onClick=${() => act(w.name, 'resume')}>Resume<//>` : null}</td>
          </tr>`)}</tbody></table></div>`}
    </div>
  </section>`;
}
