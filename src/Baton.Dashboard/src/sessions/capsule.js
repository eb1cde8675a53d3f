// A context capsule as a person reads it: what the work is, what was done, what comes next, the decisions with their
// reasons, the files that matter, open questions and approaches that failed. Everything in it was written by an
// agent, so every part is a text node.
import { html } from '../lib/html.js';
import { dateTime } from '../lib/format.js';
import { enc } from '../lib/api.js';

const LISTS = [
  ['completed_steps', 'Done', 'capsule-done'],
  ['next_steps', 'Next steps', 'capsule-next'],
  ['open_questions', 'Open questions', 'capsule-questions'],
  ['failed_approaches', 'Tried, did not work', 'capsule-failed'],
];

export function CapsuleView({ saved }) {
  const c = saved.capsule || {};
  return html`<div class="capsule" data-testid="capsule">
    <p class="small muted">Latest capsule, saved ${dateTime(saved.created_at)} by ${saved.agent} in task
      <a class="mono" href=${`#/tasks/${enc(saved.task_id)}`}>${saved.task_id}</a>${saved.attempt_number ? ` (attempt ${saved.attempt_number})` : ''}</p>
    <p data-testid="capsule-current"><strong>Current task:</strong> ${c.current_task}</p>
    ${LISTS.map(([field, label, testid]) => (c[field]?.length ? html`<div key=${field}>
      <h4>${label}</h4>
      <${field === 'next_steps' ? 'ol' : 'ul'} data-testid=${testid}>${c[field].map((item, n) => html`<li key=${n}>${item}</li>`)}<//>
    </div>` : null))}
    ${c.decisions?.length ? html`<div><h4>Decisions</h4><ul data-testid="capsule-decisions">${c.decisions.map((d, n) => html`<li key=${n}>
      <span data-testid="capsule-decision">${d.decision}</span><span class="muted"> (because ${d.reason})</span></li>`)}</ul></div>` : null}
    ${c.files?.length ? html`<div><h4>Files</h4><ul class="mono small" data-testid="capsule-files">${c.files.map((f, n) => html`<li key=${n}>${f}</li>`)}</ul></div>` : null}
  </div>`;
}
