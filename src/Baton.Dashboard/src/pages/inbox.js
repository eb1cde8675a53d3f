// Needs you: every open interaction, oldest first, answered in place. A new one appears as soon as its event
// arrives (task.input_required, phase.input_required), and an answered or withdrawn one leaves (interaction.answered,
// and the task's own status changes), without a reload.
import { html } from '../lib/html.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post, enc } from '../lib/api.js';
import { useEvents, useResync } from '../lib/events.js';
import { useAsync, useThrottled } from '../lib/use-async.js';
import { useNow } from '../lib/clock.js';
import { between, duration } from '../lib/format.js';
import { notify, notifyError } from '../lib/notices.js';
import { useCanWrite } from '../lib/session.js';
import { disableNotifications, enableNotifications, notificationsOn, notificationsSupported, showNotification } from '../lib/desktop-notify.js';
import { Button, Writable } from '../components/buttons.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { Fold } from '../components/fold.js';

const KIND_LABEL = {
  tool_approval: 'Approve a tool call',
  question: 'Question',
  plan_approval: 'Approve a plan',
  phase_gate: 'Phase gate',
  budget: 'Budget',
  merge_conflict: 'Merge conflict',
};

const REFRESH_EVENTS = {
  type: ['task.input_required', 'phase.input_required', 'interaction.*', 'task.*', 'phase.*', 'workflow.cancelled'],
};

export function Inbox() {
  // waited_seconds is the daemon's count: the page adds the time since it asked, so a browser whose clock is off
  // still shows how long each has really waited.
  const list = useAsync(async () => {
    const page = await get('/api/v1/interactions?status=open&limit=1000');
    const at = Date.now();
    return { ...page, interactions: page.interactions.map((i) => ({ ...i, fetched_at: at })) };
  }, []);
  const seen = useRef(null);
  const refresh = useThrottled(list.reload, 100);
  useEvents(REFRESH_EVENTS, (event) => {
    if (event.type.startsWith('task.') && event.type !== 'task.input_required' && !isTerminalOrChange(event)) return;
    refresh();
  });
  useResync(list.reload);

  const items = list.value?.interactions || [];
  // A browser notification for each one that arrived after the page loaded.
  useEffect(() => {
    if (!list.value) return;
    const ids = new Set(items.map((i) => i.interaction_id));
    if (seen.current) {
      for (const item of items) {
        if (!seen.current.has(item.interaction_id)) {
          showNotification(`Baton: ${KIND_LABEL[item.kind] || item.kind}`, `${item.task_name || item.task_id || item.workflow_id || ''}: ${item.summary}`,
            item.interaction_id, () => { location.hash = '#/'; });
        }
      }
    }
    seen.current = ids;
  }, [list.value]);

  const remove = (id) => list.setValue((v) => v && { ...v, interactions: v.interactions.filter((i) => i.interaction_id !== id) });

  return html`<section class="inbox" aria-labelledby="inbox-title" data-testid="inbox">
    <div class="section-title">
      <h1 id="inbox-title">Needs you</h1>
      <span class="count" data-testid="inbox-count">${list.value ? `${items.length} waiting` : ''}</span>
      <span class="spacer"></span>
      <${NotifyToggle} />
    </div>
    ${list.error && !list.value ? html`<${ErrorState} error=${list.error} onRetry=${list.reload} />` : null}
    ${!list.value && !list.error ? html`<${Loading} />` : null}
    ${list.value && items.length === 0 ? html`<${Empty} title="Nothing waits for you" testid="inbox-empty">
      Approvals, questions, plans and phase gates appear here the moment an agent or a workflow asks.<//>` : null}
    ${items.length > 0 ? html`<ol class="inbox-list">
      ${[...items].sort(oldestFirst).map((item) => html`<li key=${item.interaction_id}><${InboxItem} item=${item} onDone=${() => remove(item.interaction_id)} /></li>`)}
    </ol>` : null}
  </section>`;
}

function isTerminalOrChange(event) {
  return ['task.completed', 'task.failed', 'task.cancelled', 'task.timed_out', 'task.started', 'task.paused', 'task.retrying'].includes(event.type);
}

function oldestFirst(a, b) {
  return new Date(a.created_at) - new Date(b.created_at);
}

function NotifyToggle() {
  const [on, setOn] = useState(notificationsOn());
  if (!notificationsSupported()) return null;
  if (on) {
    return html`<${Button} kind="ghost" testid="notify-off" onClick=${() => { disableNotifications(); setOn(false); }}>
      Browser notifications on · turn off<//>`;
  }
  return html`<${Button} kind="ghost" testid="notify-on" onClick=${async () => {
    const result = await enableNotifications();
    setOn(result === 'granted');
    if (result === 'denied') notify('The browser blocks notifications for this page; allow them in its site settings.', 'error');
  }}>Notify me of new ones<//>`;
}

function Waited({ item }) {
  const now = useNow(1000);
  const waited = item.fetched_at && Number.isFinite(item.waited_seconds)
    ? item.waited_seconds * 1000 + (now - item.fetched_at)
    : between(item.created_at, now);
  return html`<span class="waited" data-testid="waited" title=${`asked ${new Date(item.created_at).toLocaleString()}`}>waiting ${duration(waited)}</span>`;
}

function Origin({ item }) {
  if (item.task_id) {
    return html`<a href=${`#/tasks/${enc(item.task_id)}`} data-testid="inbox-task">${item.task_name || item.task_id}</a>`;
  }
  if (item.workflow_id) {
    return html`<a href=${`#/workflows/${enc(item.workflow_id)}`}>${item.phase_id ? `${item.workflow_id} · phase ${item.phase_id}` : item.workflow_id}</a>`;
  }
  return null;
}

export function InboxItem({ item, onDone }) {
  const [busy, setBusy] = useState(null);
  const [denying, setDenying] = useState(false);
  const [reason, setReason] = useState('');
  const decisions = item.decisions || [];

  async function respond(body, label) {
    setBusy(label);
    try {
      await post(`/api/v1/interactions/${enc(item.interaction_id)}/respond`, body);
      notify(`${label}: ${item.summary}`, 'info');
      onDone?.();
    } catch (error) {
      notifyError(error);
      if (error.status === 409) onDone?.();
    } finally {
      setBusy(null);
    }
  }

  return html`<article class=${`card inbox-item kind-${item.kind}`} data-testid="inbox-item" data-interaction=${item.interaction_id} data-kind=${item.kind}
      aria-labelledby=${`ix-${item.interaction_id}`}>
    <header class="inbox-head">
      <span class="kind">${KIND_LABEL[item.kind] || item.kind}</span>
      <${Origin} item=${item} />
      <${Waited} item=${item} />
    </header>
    <h2 class="inbox-summary" id=${`ix-${item.interaction_id}`}>${item.summary}</h2>
    <${Body} item=${item} />
    ${item.kind === 'question' && decisions.includes('answer')
      ? html`<${Writable}><${QuestionForm} item=${item} busy=${busy} onAnswer=${(body) => respond(body, 'Answered')} /><//>`
      : null}
    ${item.kind === 'budget' && decisions.includes('answer')
      ? html`<${Writable}><${BudgetForm} item=${item} busy=${busy} onRaise=${(body) => respond(body, 'Raised')} /><//>`
      : null}
    <${Writable}>
      <div class="button-row inbox-actions">
        ${decisions.includes('approve') ? html`
          <${Button} kind="primary" testid="approve" busy=${busy === 'Approved'} disabled=${!!busy}
            title=${item.kind === 'budget' ? 'Let one more attempt run; the budget stays as it is' : undefined}
            onClick=${() => respond({ decision: 'approve' }, 'Approved')}>${item.kind === 'budget' ? 'Approve once' : 'Approve'}<//>
          ${item.kind === 'tool_approval' ? html`<${Button} testid="always" busy=${busy === 'Approved always'} disabled=${!!busy}
            title="Approve, and do not ask again for this in the agent's session"
            onClick=${() => respond({ decision: 'approve', remember: true }, 'Approved always')}>Always<//>` : null}` : null}
        ${decisions.includes('deny') && !denying ? html`<${Button} kind="secondary" testid="deny" disabled=${!!busy}
          onClick=${() => setDenying(true)}>${item.kind === 'budget' ? 'Cancel the task…' : 'Deny…'}<//>` : null}
      </div>
      ${denying ? html`<form class="deny-form" onSubmit=${(e) => { e.preventDefault(); respond({ decision: 'deny', message: reason.trim() || undefined }, 'Denied'); }}>
        <label for=${`deny-${item.interaction_id}`}>Why (the agent reads this)</label>
        <textarea id=${`deny-${item.interaction_id}`} data-testid="deny-message" value=${reason} onInput=${(e) => setReason(e.currentTarget.value)}
          placeholder="e.g. do not touch the production config; edit config/dev.json instead"></textarea>
        <div class="button-row">
          <${Button} type="submit" kind="danger" testid="deny-confirm" busy=${busy === 'Denied'}>${item.kind === 'budget' ? 'Cancel the task' : 'Deny'}<//>
          <${Button} kind="ghost" onClick=${() => setDenying(false)}>Back<//>
        </div>
      </form>` : null}
    <//>
    ${!useCanWrite() && item.answer_with?.length ? html`<p class="muted small">Read-only session: answer with <code>${item.answer_with[0]}</code></p>` : null}
  </article>`;
}

function Body({ item }) {
  if (item.kind === 'tool_approval') return html`<${ToolInput} tool=${item.tool_name} input=${item.input} detail=${item.detail} />`;
  if (item.kind === 'plan_approval') {
    return html`<${Fold} text=${item.plan || item.detail || ''} lines=${30} label="plan" testid="plan" />`;
  }
  if (item.kind === 'question') return item.detail ? html`<p class="detail">${item.detail}</p>` : null;
  return item.detail ? html`<${Fold} text=${item.detail} lines=${20} label="detail" />` : null;
}

/** What a tool call would do: a command, a file edit as a diff, or the input as JSON. Always text. */
export function ToolInput({ tool, input, detail }) {
  if (!input || typeof input !== 'object') return detail ? html`<${Fold} text=${detail} lines=${20} />` : null;
  if (typeof input.command === 'string') {
    return html`<div class="tool-input">
      <pre class="command" data-testid="command"><code>$ ${input.command}</code></pre>
      ${input.description ? html`<p class="muted">${input.description}</p>` : null}
    </div>`;
  }
  if (typeof input.file_path === 'string' && (typeof input.old_string === 'string' || typeof input.new_string === 'string')) {
    return html`<div class="tool-input"><p class="mono">${input.file_path}</p>
      <${Diff} lines=${[...(input.old_string || '').split('\n').map((l) => `-${l}`), ...(input.new_string || '').split('\n').map((l) => `+${l}`)]} /></div>`;
  }
  if (typeof input.file_path === 'string' && typeof input.content === 'string') {
    return html`<div class="tool-input"><p class="mono">${input.file_path} (new content)</p>
      <${Diff} lines=${input.content.split('\n').map((l) => `+${l}`)} /></div>`;
  }
  if (Array.isArray(input.edits) && typeof input.file_path === 'string') {
    const lines = input.edits.flatMap((e) => [...(e.old_string || '').split('\n').map((l) => `-${l}`), ...(e.new_string || '').split('\n').map((l) => `+${l}`), ' ']);
    return html`<div class="tool-input"><p class="mono">${input.file_path}</p><${Diff} lines=${lines} /></div>`;
  }
  if (typeof input.patch === 'string' || typeof input.diff === 'string') return html`<${DiffText} text=${input.patch || input.diff} />`;
  return html`<${Fold} text=${JSON.stringify(input, null, 2)} lines=${20} label="input" />`;
}

/** A unified diff's text, each line coloured by its first character. */
export function DiffText({ text, testid }) {
  return html`<${Diff} lines=${(text || '').split('\n')} testid=${testid} />`;
}

function Diff({ lines, testid }) {
  const [all, setAll] = useState(false);
  const max = 400;
  const shown = all ? lines : lines.slice(0, max);
  return html`<div class="diff-wrap" data-testid=${testid || 'diff'}>
    <pre class="diff"><code>${shown.map((line, i) => html`<span key=${i} class=${diffClass(line)}>${line}\n</span>`)}</code></pre>
    ${lines.length > max && !all ? html`<button type="button" class="btn btn-link" onClick=${() => setAll(true)}>Show all ${lines.length} lines</button>` : null}
  </div>`;
}

function diffClass(line) {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff ') || line.startsWith('index ')) return 'd-file';
  if (line.startsWith('@@')) return 'd-hunk';
  if (line.startsWith('+')) return 'd-add';
  if (line.startsWith('-')) return 'd-del';
  return 'd-ctx';
}

/** Whose budget a budget card is about, when it is not the task's own. */
const BUDGET_SCOPES = {
  agent_day: ' (the agent\'s budget for today)',
  workflow: ' (the workflow\'s budget, shared by all its tasks)',
};

/** A budget that is used up: what was spent of how much, and a new amount to raise it to. */
function BudgetForm({ item, busy, onRaise }) {
  const spent = Number(item.input?.spent_usd ?? 0);
  const limit = Number(item.input?.limit_usd ?? 0);
  const [amount, setAmount] = useState(String(Math.ceil(Math.max(limit, spent) * 2) || 1));
  function submit(e) {
    e.preventDefault();
    const value = Number(amount);
    if (!Number.isFinite(value) || value <= spent) return notify(`The new budget must be more than the $${spent.toFixed(2)} spent.`, 'error');
    onRaise({ decision: 'answer', message: String(value) });
  }
  return html`<form class="question-form budget-form" onSubmit=${submit} data-testid="budget-form">
    <p class="muted">Spent <strong data-testid="budget-spent">$${spent.toFixed(2)}</strong> of <strong data-testid="budget-limit">$${limit.toFixed(2)}</strong>${BUDGET_SCOPES[item.input?.scope] ?? ''}.</p>
    <label for=${`budget-${item.interaction_id}`}>New budget (USD)</label>
    <input id=${`budget-${item.interaction_id}`} type="number" min="0.01" step="0.01" inputmode="decimal" data-testid="budget-amount"
      value=${amount} onInput=${(e) => setAmount(e.currentTarget.value)} />
    <div class="button-row">
      <${Button} type="submit" kind="primary" testid="raise" busy=${busy === 'Raised'} disabled=${!!busy}>Raise<//>
    </div>
  </form>`;
}

function QuestionForm({ item, busy, onAnswer }) {
  const questions = item.questions || [];
  const [values, setValues] = useState({});
  const set = (key, value) => setValues((v) => ({ ...v, [key]: value }));
  function submit(e) {
    e.preventDefault();
    if (questions.length === 0) {
      const text = (values.text || '').trim();
      if (!text) return notify('Type an answer first.', 'error');
      onAnswer({ decision: 'answer', message: text });
      return;
    }
    const answers = {};
    for (const q of questions) {
      const key = String(q.number);
      const picked = values[key];
      const other = (values[`${key}-other`] || '').trim();
      let value = Array.isArray(picked) ? picked.join(', ') : picked;
      if (other) value = value ? `${value}, ${other}` : other;
      if (!value) return notify(`Answer question ${q.number}: ${q.text}`, 'error');
      answers[key] = value;
    }
    onAnswer({ decision: 'answer', answers });
  }
  return html`<form class="question-form" onSubmit=${submit} data-testid="question-form">
    ${questions.length === 0 ? html`<label for=${`ans-${item.interaction_id}`}>Your answer</label>
      <textarea id=${`ans-${item.interaction_id}`} data-testid="answer-text" value=${values.text || ''} onInput=${(e) => set('text', e.currentTarget.value)}></textarea>` : null}
    ${questions.map((q) => html`<fieldset key=${q.number} class="question">
      <legend>${q.header ? html`<span class="tag">${q.header}</span>` : null}${q.text}</legend>
      ${q.options.map((o) => html`<label key=${o.number} class="option">
        <input type=${q.multi_select ? 'checkbox' : 'radio'} name=${`q-${item.interaction_id}-${q.number}`} value=${o.label}
          data-testid=${`option-${q.number}-${o.number}`}
          checked=${q.multi_select ? (values[q.number] || []).includes(o.label) : values[q.number] === o.label}
          onChange=${(e) => {
            if (!q.multi_select) return set(String(q.number), o.label);
            const current = values[q.number] || [];
            set(String(q.number), e.currentTarget.checked ? [...current, o.label] : current.filter((x) => x !== o.label));
          }} />
        <span><span class="option-label">${o.label}</span>${o.description ? html`<span class="muted"> — ${o.description}</span>` : null}</span>
      </label>`)}
      <label class="other">
        <span class="visually-hidden">${q.options.length ? 'Or answer in your own words' : 'Your answer'}</span>
        <input type="text" data-testid=${`answer-text-${q.number}`} placeholder=${q.options.length ? 'Or in your own words…' : 'Your answer'}
          value=${values[`${q.number}-other`] || ''} onInput=${(e) => set(`${q.number}-other`, e.currentTarget.value)} />
      </label>
    </fieldset>`)}
    <div class="button-row">
      <${Button} type="submit" kind="primary" testid="answer" busy=${busy === 'Answered'} disabled=${!!busy}>Answer<//>
    </div>
  </form>`;
}
