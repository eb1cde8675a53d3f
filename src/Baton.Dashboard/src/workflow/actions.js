// What a person can do to a workflow, by its status: cancel, pause or resume; approve or reject a phase that waits
// at its gate; re-run from a task that failed (retrying it re-opens the workflow). Every action is the REST call
// any client makes, and read sessions see none of them.
import { html } from '../lib/html.js';
import { useState } from 'preact/hooks';
import { enc, post } from '../lib/api.js';
import { notify, notifyError } from '../lib/notices.js';
import { WriteButton, Writable } from '../components/buttons.js';
import { TERMINAL } from './model.js';

function useAction(onChanged) {
  const [busy, setBusy] = useState(null);
  const run = async (name, path, body, done) => {
    setBusy(name);
    try {
      const next = await post(path, body);
      if (done) notify(done, 'success');
      onChanged(next);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };
  return [busy, run];
}

export function WorkflowActions({ workflow, onChanged }) {
  const [busy, run] = useAction(onChanged);
  const id = enc(workflow.workflow_id);
  if (TERMINAL.has(workflow.status)) return null;
  const paused = Boolean(workflow.paused_at) || workflow.status === 'paused';
  return html`<div class="button-row" data-testid="workflow-actions">
    ${workflow.status !== 'draft' && (paused
      ? html`<${WriteButton} testid="resume" busy=${busy === 'resume'} onClick=${() => run('resume', `/api/v1/workflows/${id}/resume`, {}, 'Workflow resumed')}>Resume<//>`
      : html`<${WriteButton} testid="pause" busy=${busy === 'pause'} onClick=${() => run('pause', `/api/v1/workflows/${id}/pause`, {}, 'Workflow paused')}>Pause<//>`)}
    <${WriteButton} kind="danger" testid="cancel" busy=${busy === 'cancel'}
      onClick=${() => confirm(`Cancel workflow ${workflow.name}? Running tasks are stopped.`) && run('cancel', `/api/v1/workflows/${id}/cancel`, {}, 'Workflow cancelled')}>Cancel workflow<//>
  </div>`;
}

/** A phase waiting at its gate: approve (with optional feedback for its tasks) or reject (with a reason). */
export function GateDecision({ workflow, phase, onChanged }) {
  const [busy, run] = useAction(onChanged);
  const [text, setText] = useState('');
  const base = `/api/v1/workflows/${enc(workflow.workflow_id)}/phases/${enc(phase.phase_id)}`;
  const field = `gate-text-${phase.phase_id}`;
  return html`<div class="gate card" data-testid=${`gate-${phase.phase_id}`}>
    <p class="gate-title"><strong>Phase ${phase.name || phase.phase_id}</strong> waits for your approval before its ${phase.tasks?.length ?? 0} task(s) start.</p>
    <${Writable}>
      <div class="inline-form">
        <label for=${field}>Feedback for its tasks, or the reason to reject (optional)</label>
        <textarea id=${field} value=${text} onInput=${(e) => setText(e.currentTarget.value)}></textarea>
        <div class="button-row">
          <button type="button" class="btn btn-primary" data-testid="gate-approve" disabled=${busy !== null}
            onClick=${() => run('approve', `${base}/approve`, text ? { feedback: text } : {}, `Phase ${phase.phase_id} approved`)}>Approve phase</button>
          <button type="button" class="btn btn-danger" data-testid="gate-reject" disabled=${busy !== null}
            onClick=${() => run('reject', `${base}/reject`, text ? { message: text } : {}, `Phase ${phase.phase_id} rejected`)}>Reject phase</button>
        </div>
      </div>
    <//>
  </div>`;
}

/** Re-run from a task that failed: it goes back to the queue and what depends on it runs after it. */
export function RerunButton({ task, onChanged }) {
  const [busy, run] = useAction(onChanged);
  return html`<${WriteButton} kind="secondary" testid=${`rerun-${task.task_id}`} busy=${busy === 'rerun'}
    onClick=${() => run('rerun', `/api/v1/tasks/${enc(task.task_id)}/retry`, {}, `Re-running from ${task.name}`)}>Re-run from here<//>`;
}
