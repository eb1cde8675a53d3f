// Notifications: what Baton told (or will tell) the owner, newest first, live. Reading them here marks nothing.
import { html } from '../lib/html.js';
import { get, enc, query } from '../lib/api.js';
import { useEvents, useResync } from '../lib/events.js';
import { useAsync, useThrottled } from '../lib/use-async.js';
import { useNow } from '../lib/clock.js';
import { dateTime, relative } from '../lib/format.js';
import { navigate } from '../lib/router.js';
import { Empty, ErrorState, Loading } from '../components/states.js';

export function NotificationsPage({ query: q }) {
  const all = q.all === 'true';
  const list = useAsync(() => get(`/api/v1/notifications${query({ unread_only: all ? 'false' : 'true', limit: 100 })}`), [all]);
  const refresh = useThrottled(list.reload, 250);
  useEvents({ type: 'notification.*' }, refresh);
  useResync(list.reload);
  const now = useNow(15000);
  if (list.error && !list.value) return html`<section class="page"><${ErrorState} error=${list.error} onRetry=${list.reload} /></section>`;
  if (!list.value) return html`<section class="page"><${Loading} /></section>`;
  const items = list.value.notifications || [];
  return html`<section class="page" aria-labelledby="notif-title" data-testid="notifications-page">
    <div class="page-head"><h1 id="notif-title">Notifications</h1><span class="count">${items.length} ${all ? 'recent' : 'not yet delivered'}</span>
      <label class="inline-field actions"><input type="checkbox" checked=${all} data-testid="notifications-all"
        onChange=${(e) => navigate('/notifications', e.currentTarget.checked ? { all: 'true' } : {}, { replace: true })} /> Include delivered</label></div>
    <div class="card">
      ${items.length === 0 ? html`<${Empty} title="Nothing to tell you" testid="notifications-empty">Workflow and task outcomes, milestones and questions appear here.<//>`
        : html`<ul class="notif-list">${items.map((n) => html`<li key=${n.id} class="notif" data-testid="notification">
          <span class="tag">${n.type.replace(/_/g, ' ')}</span>
          <span class="notif-text">${n.message}</span>
          <span class="notif-links small">
            ${n.task_id ? html`<a href=${`#/tasks/${enc(n.task_id)}`}>task</a>` : null}
            ${n.workflow_id ? html` <a href=${`#/workflows/${enc(n.workflow_id)}`}>workflow</a>` : null}
          </span>
          <time class="muted small nowrap" datetime=${n.created_at} title=${dateTime(n.created_at)}>${relative(n.created_at, now)}</time>
        </li>`)}</ul>`}
    </div>
  </section>`;
}
