// Share links: who made each, what it shows, until when; revoke one and it shows nothing from then on. The links'
// tokens are never listed (the daemon keeps only what verifies them).
import { html } from '../lib/html.js';
import { useState } from 'preact/hooks';
import { get, enc, post } from '../lib/api.js';
import { useAsync } from '../lib/use-async.js';
import { useNow } from '../lib/clock.js';
import { dateTime, relative } from '../lib/format.js';
import { notify, notifyError } from '../lib/notices.js';
import { WriteButton } from '../components/buttons.js';
import { Empty, ErrorState, Loading } from '../components/states.js';

export function SharesPage() {
  const list = useAsync(() => get('/api/v1/shares'));
  const now = useNow(15000);
  const [busy, setBusy] = useState(null);
  const revoke = async (share) => {
    if (!confirm(`Revoke share link ${share.id}? Whoever has it sees nothing from now on.`)) return;
    setBusy(share.id);
    try {
      await post(`/api/v1/shares/${enc(share.id)}/revoke`, {});
      notify(`Share link ${share.id} revoked`, 'success');
      list.reload();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };
  if (list.error && !list.value) return html`<section class="page"><${ErrorState} error=${list.error} onRetry=${list.reload} /></section>`;
  if (!list.value) return html`<section class="page"><${Loading} /></section>`;
  const shares = list.value.shares || [];
  return html`<section class="page" aria-labelledby="shares-title" data-testid="shares-page">
    <div class="page-head"><h1 id="shares-title">Share links</h1><span class="count">${shares.length}</span></div>
    <div class="card">
      ${shares.length === 0 ? html`<${Empty} title="No share links" testid="shares-empty">Share a task or a workflow from its page, or with baton share create.<//>`
        : html`<div class="table-wrap"><table class="list" data-testid="shares-table">
          <thead><tr><th scope="col">Link</th><th scope="col">Shows</th><th scope="col">State</th><th scope="col">Expires</th><th scope="col" class="hide-narrow">Made by</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${shares.map((s) => html`<tr key=${s.id} data-testid="share-row" data-state=${s.status}>
            <td class="mono small">${s.id}</td>
            <td>${s.target.kind} <a href=${`#/${s.target.kind === 'workflow' ? 'workflows' : 'tasks'}/${enc(s.target.id)}`}>${s.target.id}</a></td>
            <td><span class=${`badge badge-${s.status === 'active' ? 'completed' : 'cancelled'}`}>${s.status}</span></td>
            <td title=${dateTime(s.expires_at)}>${s.revoked_at ? `revoked ${relative(s.revoked_at, now)}` : relative(s.expires_at, now)}</td>
            <td class="hide-narrow small">${s.created_by} · ${relative(s.created_at, now)}</td>
            <td>${s.status === 'active' ? html`<${WriteButton} kind="danger" testid="share-revoke" busy=${busy === s.id} onClick=${() => revoke(s)}>Revoke<//>` : null}</td>
          </tr>`)}</tbody></table></div>`}
    </div>
  </section>`;
}
