// What a person can do to an initiative, by its status: start a draft, cancel one that runs, archive one that ended
// (its worktrees are removed, its branches kept) and bring an archived one back. Read sessions see none of them.
import { html } from '../lib/html.js';
import { useState } from 'preact/hooks';
import { enc, post } from '../lib/api.js';
import { notify, notifyError } from '../lib/notices.js';
import { WriteButton } from '../components/buttons.js';

// The workflow statuses after which nothing more runs: the initiative may then be archived.
const ENDED = new Set(['completed', 'failed', 'cancelled', 'timed_out']);

export function InitiativeActions({ initiative, onChanged }) {
  const [busy, setBusy] = useState(null);
  const i = initiative;
  const path = `/api/v1/initiatives/${enc(i.id)}`;
  async function act(action, done) {
    setBusy(action);
    try {
      onChanged(await post(`${path}/${action}`, {}));
      notify(done, 'success');
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  }

  const button = (action, label, props) => html`<${WriteButton} testid=${`initiative-${action}`} busy=${busy === action} disabled=${!!busy} ...${props}>${label}<//>`;
  if (i.archived_at) {
    return html`<div class="button-row">${button('unarchive', 'Unarchive', { onClick: () => act('unarchive', `${i.name} is back in the list`) })}</div>`;
  }
  const draft = i.status === 'draft';
  const ended = ENDED.has(i.status);
  return html`<div class="button-row" data-testid="initiative-actions">
    ${draft ? button('start', 'Start', { kind: 'primary', onClick: () => act('start', `${i.name} started`) }) : null}
    ${!draft && !ended ? button('cancel', 'Cancel', {
      kind: 'danger',
      onClick: () => confirm(`Cancel initiative ${i.name}? Its running tasks are stopped.`) && act('cancel', `${i.name} cancelled`),
    }) : null}
    ${draft || ended ? button('archive', 'Archive', {
      onClick: () => confirm(`Archive initiative ${i.name}? Its worktrees are removed; its branches are kept.`) && act('archive', `${i.name} archived`),
    }) : null}
  </div>`;
}
