// Webhook endpoints (never their secrets) and, for the one opened, its deliveries newest first with a redeliver
// button: the same REST calls as 'baton webhook list|deliveries|redeliver'.
import { html } from '../lib/html.js';
import { useState } from 'preact/hooks';
import { get, enc, post } from '../lib/api.js';
import { useAsync } from '../lib/use-async.js';
import { useNow } from '../lib/clock.js';
import { dateTime, relative } from '../lib/format.js';
import { href } from '../lib/router.js';
import { notify, notifyError } from '../lib/notices.js';
import { WriteButton } from '../components/buttons.js';
import { Empty, ErrorState, Loading } from '../components/states.js';

export function WebhooksPage({ query }) {
  const list = useAsync(() => get('/api/v1/webhooks'));
  const now = useNow(15000);
  if (list.error && !list.value) return html`<section class="page"><${ErrorState} error=${list.error} onRetry=${list.reload} /></section>`;
  if (!list.value) return html`<section class="page"><${Loading} /></section>`;
  const hooks = list.value.webhooks || [];
  const open = query.open || (hooks.length === 1 ? hooks[0].webhook_id : null);
  return html`<section class="page" aria-labelledby="hooks-title" data-testid="webhooks-page">
    <div class="page-head"><h1 id="hooks-title">Webhooks</h1><span class="count">${hooks.length} endpoint${hooks.length === 1 ? '' : 's'}</span></div>
    <div class="card">
      ${hooks.length === 0 ? html`<${Empty} title="No webhooks" testid="webhooks-empty">Add one with baton webhook add URL, or webhook_url on a task or workflow.<//>`
        : html`<div class="table-wrap"><table class="list" data-testid="webhooks-table">
          <thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Scope</th><th scope="col">State</th><th scope="col" class="hide-narrow">Created</th></tr></thead>
          <tbody>${hooks.map((w) => html`<tr key=${w.webhook_id} data-testid="webhook-row">
            <td class="mono small"><a href=${href('/webhooks', { open: w.webhook_id })} aria-current=${open === w.webhook_id ? 'true' : undefined}>${w.url}</a></td>
            <td class="small">${(w.events || []).join(', ') || 'all'}</td>
            <td class="small">${w.workflow_id ? html`workflow <a href=${`#/workflows/${enc(w.workflow_id)}`}>${w.workflow_id}</a>` : w.task_id ? html`task <a href=${`#/tasks/${enc(w.task_id)}`}>${w.task_id}</a>` : 'everything'}</td>
            <td>${w.disabled ? html`<span class="badge badge-failed">disabled</span>${w.disabled_reason ? html`<div class="muted small">${w.disabled_reason}</div>` : null}` : html`<span class="badge badge-completed">active</span>`}</td>
            <td class="hide-narrow" title=${dateTime(w.created_at)}>${relative(w.created_at, now)}</td>
          </tr>`)}</tbody></table></div>`}
    </div>
    ${open ? html`<${Deliveries} key=${open} webhookId=${open} now=${now} />` : null}
  </section>`;
}

function Deliveries({ webhookId, now }) {
  const list = useAsync(() => get(`/api/v1/webhooks/${enc(webhookId)}/deliveries`), [webhookId]);
  const [busy, setBusy] = useState(null);
  const redeliver = async (id) => {
    setBusy(id);
    try {
      await post(`/api/v1/webhooks/deliveries/${enc(id)}/redeliver`, {});
      notify('Delivery queued again', 'success');
      list.reload();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };
  const items = list.value?.deliveries || [];
  return html`<section class="card" aria-labelledby="deliveries-title" data-testid="deliveries">
    <h2 id="deliveries-title">Deliveries of <span class="mono">${webhookId}</span></h2>
    ${list.error ? html`<${ErrorState} error=${list.error} onRetry=${list.reload} />` : !list.value ? html`<${Loading} />`
      : items.length === 0 ? html`<${Empty} title="Nothing delivered yet" />`
      : html`<div class="table-wrap"><table class="list">
        <thead><tr><th scope="col">Event</th><th scope="col">Status</th><th scope="col" class="num">Attempts</th><th scope="col">Last answer</th><th scope="col">When</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${items.map((d) => html`<tr key=${d.delivery_id} data-testid="delivery-row">
          <td><span class="mono small">${d.event_type}</span> <span class="muted small">#${d.event_id}</span></td>
          <td><span class=${`badge badge-${d.status === 'delivered' ? 'completed' : d.status === 'failed' ? 'failed' : 'pending'}`}>${d.status}</span></td>
          <td class="num">${d.attempts}</td>
          <td class="small">${d.last_status_code ? `HTTP ${d.last_status_code}` : ''}${d.last_error ? html`<div class="muted">${d.last_error}</div>` : null}</td>
          <td class="small" title=${dateTime(d.created_at)}>${relative(d.delivered_at || d.created_at, now)}${d.next_attempt_at ? html`<div class="muted">next ${relative(d.next_attempt_at, now)}</div>` : null}</td>
          <td><${WriteButton} kind="secondary" testid="redeliver" busy=${busy === d.delivery_id} onClick=${() => redeliver(d.delivery_id)}>Redeliver<//></td>
        </tr>`)}</tbody></table></div>`}
  </section>`;
}
