// The buttons that apply to a task in its status: cancel, retry, continue, intervene, pause/resume, priority, share.
// Each is the REST call any client makes; read scopes see none of them.
import { html } from '../lib/html.js';
import { useState } from 'preact/hooks';
import { post, enc } from '../lib/api.js';
import { notify, notifyError } from '../lib/notices.js';
import { useCanWrite } from '../lib/session.js';
import { Button } from './buttons.js';

const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'timed_out']);
const PRIORITIES = ['critical', 'high', 'normal', 'low'];

export function TaskActions({ task, onChanged }) {
  const canWrite = useCanWrite();
  const [busy, setBusy] = useState(null);
  const [open, setOpen] = useState(null); // which inline form is shown: cancel, continue, intervene, pause, share
  const [text, setText] = useState('');
  const [shared, setShared] = useState(null);
  if (!canWrite) return null;

  const id = enc(task.task_id);
  const terminal = TERMINAL.has(task.status);
  const isAgent = task.runner !== 'command';

  async function act(label, path, body, done) {
    setBusy(label);
    try {
      const answer = await post(`/api/v1/tasks/${id}/${path}`, body);
      notify(done, 'info');
      setOpen(null);
      setText('');
      onChanged?.(answer);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  }

  async function share() {
    setBusy('share');
    try {
      const created = await post('/api/v1/shares', { task_id: task.task_id, expires_in: '24h' });
      setShared(created);
      setOpen('share');
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  }

  const toggle = (name) => { setOpen(open === name ? null : name); setText(''); };

  return html`<div class="task-actions">
    <div class="button-row">
      ${!terminal && !task.cancel_requested ? html`<${Button} kind="danger" testid="cancel" disabled=${!!busy} onClick=${() => toggle('cancel')}
        aria-expanded=${open === 'cancel' ? 'true' : 'false'}>Cancel…<//>` : null}
      ${terminal && task.status !== 'completed' ? html`<${Button} kind="primary" testid="retry" busy=${busy === 'retry'} disabled=${!!busy}
        onClick=${() => act('retry', 'retry', {}, 'Queued again')}>Retry<//>` : null}
      ${terminal && isAgent && task.session_id ? html`<${Button} testid="continue" disabled=${!!busy} onClick=${() => toggle('continue')}
        aria-expanded=${open === 'continue' ? 'true' : 'false'}>Continue…<//>` : null}
      ${task.status === 'running' && isAgent ? html`<${Button} testid="intervene" disabled=${!!busy} onClick=${() => toggle('intervene')}
        aria-expanded=${open === 'intervene' ? 'true' : 'false'}>Message the agent…<//>` : null}
      ${['running', 'pending', 'retrying', 'input_required'].includes(task.status) && !task.pause_requested ? html`<${Button} testid="pause"
        disabled=${!!busy} onClick=${() => toggle('pause')} aria-expanded=${open === 'pause' ? 'true' : 'false'}>Pause…<//>` : null}
      ${task.status === 'paused' ? html`<${Button} kind="primary" testid="resume" busy=${busy === 'resume'} disabled=${!!busy}
        onClick=${() => act('resume', 'resume', {}, 'Resumed')}>Resume<//>` : null}
      ${!terminal ? html`<label class="inline-field">
        <span>Priority</span>
        <select data-testid="priority" value=${task.priority} disabled=${!!busy}
          onChange=${(e) => act('priority', 'priority', { priority: e.currentTarget.value }, `Priority ${e.currentTarget.value}`)}>
          ${PRIORITIES.map((p) => html`<option value=${p}>${p}</option>`)}
        </select></label>` : null}
      <${Button} testid="share" busy=${busy === 'share'} disabled=${!!busy} onClick=${share}>Share a read-only link<//>
    </div>

    ${open === 'cancel' ? html`<div class="inline-form" role="group" aria-label="Cancel the task">
      <p>Cancel this task? Its processes are stopped${task.workflow_id ? '; tasks that depend on it will not run' : ''}.</p>
      <div class="button-row">
        <${Button} kind="danger" testid="cancel-confirm" busy=${busy === 'cancel'} onClick=${() => act('cancel', 'cancel', {}, 'Cancelling')}>Yes, cancel it<//>
        <${Button} kind="ghost" onClick=${() => setOpen(null)}>No, keep it<//>
      </div>
    </div>` : null}

    ${open === 'continue' || open === 'intervene' || open === 'pause' ? html`<form class="inline-form" onSubmit=${(e) => {
        e.preventDefault();
        const message = text.trim();
        if (open === 'pause') return act('pause', 'pause', message ? { reason: message } : {}, 'Pausing');
        if (!message) return notify('Write the message first.', 'error');
        return open === 'continue'
          ? act('continue', 'continue', { message }, 'Continuing the session')
          : act('intervene', 'intervene', { message }, 'Message sent to the agent');
      }}>
      <label for="task-message">${open === 'continue' ? 'Follow-up for the agent (its session resumes with it)'
        : open === 'intervene' ? 'Message to the running agent' : 'Why pause (optional)'}</label>
      <textarea id="task-message" data-testid="task-message" value=${text} onInput=${(e) => setText(e.currentTarget.value)}></textarea>
      <div class="button-row">
        <${Button} type="submit" kind="primary" testid=${`${open}-send`} busy=${!!busy}>${open === 'continue' ? 'Continue' : open === 'intervene' ? 'Send' : 'Pause'}<//>
        <${Button} kind="ghost" onClick=${() => setOpen(null)}>Back<//>
      </div>
    </form>` : null}

    ${open === 'share' && shared ? html`<div class="inline-form" data-testid="share-result">
      <label for="share-url">Read-only link (anyone with it can see this task until ${new Date(shared.expires_at).toLocaleString()})</label>
      <div class="button-row">
        <input id="share-url" class="share-url" readonly value=${shared.url} onFocus=${(e) => e.currentTarget.select()} data-testid="share-url" />
        <${Button} onClick=${() => navigator.clipboard?.writeText(shared.url).then(() => notify('Link copied'), () => notify('Select the link and copy it', 'error'))}>Copy<//>
        <${Button} kind="ghost" onClick=${() => setOpen(null)}>Close<//>
      </div>
      <p class="muted">Revoke it on the <a href="#/shares">Shares</a> page or with <code>baton share revoke ${shared.id}</code>.</p>
    </div>` : null}
  </div>`;
}
