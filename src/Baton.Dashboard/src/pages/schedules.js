// Schedules: every schedule with when it fires next and how its last occurrence went; for the one opened, its coming
// occurrences (in its own time zone) and its history, with pause (and a note), resume and trigger now. The same REST
// calls as 'baton schedule list|next|history|pause|resume|trigger', kept live by the schedule.* events.
import { html } from '../lib/html.js';
import { useState } from 'preact/hooks';
import { enc, get, post } from '../lib/api.js';
import { useEvents, useFollow, useResync } from '../lib/events.js';
import { useAsync, useThrottled } from '../lib/use-async.js';
import { useNow } from '../lib/clock.js';
import { dateTime, relative } from '../lib/format.js';
import { href } from '../lib/router.js';
import { notify, notifyError } from '../lib/notices.js';
import { Button, Writable } from '../components/buttons.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { StatusBadge } from '../components/status-badge.js';

const NEXT_COUNT = 10;
const HISTORY_LIMIT = 50;
// An outcome's colour borrows a task status's, so it reads like the rest of the dashboard (and the word says it too).
const OUTCOME_BADGE = { fired: 'completed', skipped: 'cancelled', missed: 'paused', failed: 'failed' };
const TASK_CHANGES = ['task.started', 'task.completed', 'task.failed', 'task.cancelled', 'task.timed_out'];

/** The schedule list and, per schedule, its newest occurrence (the list itself does not carry it). */
async function loadSchedules() {
  const list = await get('/api/v1/schedules');
  const schedules = list.schedules || [];
  const last = await Promise.all(schedules.map((s) => get(`/api/v1/schedules/${enc(s.name)}/history?limit=1`)
    .then((h) => h.occurrences?.[0] || null, () => null)));
  return schedules.map((s, i) => ({ ...s, last: last[i] }));
}

export function SchedulesPage({ query }) {
  const list = useAsync(loadSchedules);
  const now = useNow(15000);
  const refresh = useThrottled(() => list.reload(), 300);
  useEvents({ type: 'schedule.*' }, refresh);
  useResync(() => list.reload());
  if (list.error && !list.value) return html`<section class="page"><${ErrorState} error=${list.error} onRetry=${list.reload} /></section>`;
  if (!list.value) return html`<section class="page"><${Loading} /></section>`;
  const schedules = list.value;
  const open = query.open || (schedules.length === 1 ? schedules[0].name : null);
  const opened = schedules.find((s) => s.name === open);
  return html`<section class="page" aria-labelledby="schedules-title" data-testid="schedules-page">
    <div class="page-head"><h1 id="schedules-title">Schedules</h1><span class="count">${schedules.length} schedule${schedules.length === 1 ? '' : 's'}</span></div>
    <div class="card">
      ${schedules.length === 0 ? html`<${Empty} title="No schedules" testid="schedules-empty">
          Add one with <code>baton schedule add --name nightly --cron "0 2 * * *" --tz Europe/Berlin -- make test</code>
          (or <code>--every 1h --agent NAME --prompt TEXT</code>).<//>`
        : html`<div class="table-wrap"><table class="list" data-testid="schedules-table">
          <thead><tr><th scope="col">Name</th><th scope="col">When</th><th scope="col">Runs</th><th scope="col">State</th>
            <th scope="col">Next</th><th scope="col">Last</th><th scope="col" class="num nowrap">Failure streak</th></tr></thead>
          <tbody>${schedules.map((s) => html`<tr key=${s.name} data-testid="schedule-row" data-name=${s.name}>
            <td class="nowrap"><a class="mono" href=${href('/schedules', { open: s.name })} aria-current=${open === s.name ? 'true' : undefined} data-testid="schedule-link">${s.name}</a></td>
            <td class="small" data-testid="schedule-when"><${When} spec=${s.spec} /></td>
            <td class="small" data-testid="schedule-runs"><${Runs} task=${s.spec?.task} /></td>
            <td data-testid="schedule-state">${s.paused
              ? html`<${StatusBadge} status="paused" />${s.pause_note ? html`<div class="muted small" data-testid="schedule-note">${s.pause_note}</div>` : null}`
              : html`<span class="badge badge-completed">active</span>`}</td>
            <td class="small" data-testid="schedule-next">${s.next_at
              ? html`<span title=${dateTime(s.next_at)}>${relative(s.next_at, now)}</span><div class="muted">${dateTime(s.next_at)}</div>`
              : html`<span class="muted">${s.paused ? 'paused' : 'none'}</span>`}</td>
            <td class="small" data-testid="schedule-last">${s.last
              ? html`<${Outcome} outcome=${s.last.outcome} /> <span title=${dateTime(s.last.planned_at)}>${relative(s.last.planned_at, now)}</span>`
              : html`<span class="muted">never</span>`}</td>
            <td class="num" data-testid="schedule-streak">${s.failure_streak || 0}</td>
          </tr>`)}</tbody></table></div>`}
    </div>
    ${open ? html`<${ScheduleDetail} key=${open} name=${open} schedule=${opened} now=${now} onChanged=${list.reload} />` : null}
  </section>`;
}

/** "every 1h" or "cron 0 9 * * 1", with the time zone the cron fields are read in. */
function When({ spec }) {
  if (!spec) return null;
  return html`${spec.every ? html`every <span class="mono">${spec.every}</span>` : html`cron <code>${spec.cron}</code>`}${spec.time_zone
    ? html` <span class="muted">(${spec.time_zone})</span>` : null}`;
}

/** What each occurrence queues: an agent and its prompt, or a command line (as text, never markup). */
function Runs({ task }) {
  if (!task) return null;
  if (task.agent_name) {
    const prompt = task.agent_instructions || '';
    return html`<span>agent <strong>${task.agent_name}</strong></span>${prompt
      ? html`<div class="muted" title=${prompt}>${prompt.length > 80 ? `${prompt.slice(0, 79)}…` : prompt}</div>` : null}`;
  }
  return html`<span class="mono">${(task.command || []).map(quoted).join(' ')}</span>`;
}

/** One argument as a shell would need it written, so 'sh -c "echo hi"' does not read as four words. */
function quoted(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${String(arg).replace(/'/g, `'\\''`)}'`;
}

/** "in 5 min · " while the time is within a week (past that, relative() gives the date the line already shows). */
function soon(at, now) {
  const text = relative(at, now);
  return text === dateTime(at) ? '' : `${text} · `;
}

function Outcome({ outcome, testid }) {
  return html`<span class=${`badge badge-${OUTCOME_BADGE[outcome] || 'cancelled'}`} data-outcome=${outcome} data-testid=${testid}>${outcome}</span>`;
}

/** A time as the schedule's zone reads it ("Mon 9 Mar, 09:00 Europe/Berlin"); the browser's own if the zone is unknown to it. */
function zoned(when, zone) {
  try {
    const text = new Intl.DateTimeFormat(undefined, { timeZone: zone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .format(new Date(when));
    return `${text} ${zone}`;
  } catch {
    return dateTime(when);
  }
}

function ScheduleDetail({ name, schedule, now, onChanged }) {
  // A fired occurrence shows its task's status: follow the tasks it queued as they start and end.
  const tasks = useFollow({ type: TASK_CHANGES }, (e) => e.task_id, () => refresh());
  const data = useAsync(async () => {
    tasks.begin();
    const [next, history] = await Promise.all([
      get(`/api/v1/schedules/${enc(name)}/next?count=${NEXT_COUNT}`),
      get(`/api/v1/schedules/${enc(name)}/history?limit=${HISTORY_LIMIT}`),
    ]);
    const occurrences = history.occurrences || [];
    tasks.landed(occurrences.map((o) => o.task_id));
    return { next, history: occurrences };
  }, [name]);
  const refresh = useThrottled(() => data.reload(), 300);
  useEvents({ type: 'schedule.*' }, refresh);
  useResync(() => data.reload());
  const changed = () => { data.reload(); onChanged(); };

  const zone = data.value?.next.time_zone;
  return html`<section class="card" aria-labelledby="schedule-title" data-testid="schedule-detail">
    <div class="page-head"><h2 id="schedule-title">Schedule <span class="mono">${name}</span></h2>
      ${schedule ? html`<div class="actions"><${Actions} schedule=${schedule} onChanged=${changed} /></div>` : null}</div>
    ${data.error ? html`<${ErrorState} error=${data.error} onRetry=${data.reload} />` : !data.value ? html`<${Loading} />` : html`
      <h3 id="schedule-next-title">Next ${NEXT_COUNT} occurrences</h3>
      ${data.value.next.next.length === 0
        ? html`<p class="muted" data-testid="schedule-next-none">${schedule?.paused ? 'None while paused: resume it to plan again.' : 'None: the schedule has ended.'}</p>`
        : html`<ol class="occurrences" aria-labelledby="schedule-next-title" data-testid="schedule-next-list">${data.value.next.next.map((at) => html`<li key=${at} data-testid="next-occurrence">
            <span>${zoned(at, zone)}</span> <span class="muted">· ${soon(at, now)}${dateTime(at)} here</span></li>`)}</ol>`}
      <h3 id="schedule-history-title">History</h3>
      ${data.value.history.length === 0 ? html`<${Empty} title="Nothing has fired yet" testid="schedule-history-empty" />`
        : html`<div class="table-wrap"><table class="list" aria-labelledby="schedule-history-title" data-testid="schedule-history">
          <thead><tr><th scope="col">Planned</th><th scope="col">Outcome</th><th scope="col">Task or reason</th><th scope="col" class="hide-narrow">Recorded</th></tr></thead>
          <tbody>${data.value.history.map((o) => html`<tr key=${`${o.planned_at}/${o.recorded_at}`} data-testid="occurrence-row" data-outcome=${o.outcome}>
            <td class="small" title=${zoned(o.planned_at, zone)}>${dateTime(o.planned_at)}<div class="muted">${relative(o.planned_at, now)}</div></td>
            <td><${Outcome} outcome=${o.outcome} testid="occurrence-outcome" /></td>
            <td class="small">${o.task_id
              ? html`<a class="mono" href=${`#/tasks/${enc(o.task_id)}`} data-testid="occurrence-task">${o.task_id}</a> ${o.task_status ? html`<${StatusBadge} status=${o.task_status} />` : null}`
              : null}${o.reason ? html`<div class=${o.task_id ? 'muted' : ''} data-testid="occurrence-reason">${o.reason}</div>` : null}</td>
            <td class="small hide-narrow" title=${dateTime(o.recorded_at)}>${relative(o.recorded_at, now)}</td>
          </tr>`)}</tbody></table></div>`}`}
  </section>`;
}

/** Pause (with an optional note), resume and trigger now: write sessions only. */
function Actions({ schedule, onChanged }) {
  const [busy, setBusy] = useState(null);
  const [pausing, setPausing] = useState(false);
  const [note, setNote] = useState('');
  const path = `/api/v1/schedules/${enc(schedule.name)}`;

  async function act(label, action, body, done) {
    setBusy(label);
    try {
      const answer = await post(`${path}/${action}`, body);
      notify(typeof done === 'function' ? done(answer) : done, 'success');
      setPausing(false);
      setNote('');
      onChanged();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  }

  return html`<${Writable}><div class="schedule-actions">
    <div class="button-row">
      ${schedule.paused
        ? html`<${Button} kind="primary" testid="schedule-resume" busy=${busy === 'resume'} disabled=${!!busy}
            onClick=${() => act('resume', 'resume', {}, 'Resumed from the next occurrence')}>Resume<//>`
        : html`<${Button} testid="schedule-pause" disabled=${!!busy} aria-expanded=${pausing ? 'true' : 'false'}
            onClick=${() => setPausing(!pausing)}>Pause…<//>`}
      <${Button} testid="schedule-trigger" busy=${busy === 'trigger'} disabled=${!!busy}
        onClick=${() => act('trigger', 'trigger', {}, (o) => (o?.task_id ? `Fired now: task ${o.task_id}` : `Triggered: ${o?.outcome ?? 'recorded'}`))}>Trigger now<//>
    </div>
    ${pausing && !schedule.paused ? html`<form class="inline-form" data-testid="schedule-pause-form" onSubmit=${(e) => {
        e.preventDefault();
        const text = note.trim();
        act('pause', 'pause', text ? { note: text } : {}, 'Paused: it fires nothing until resumed');
      }}>
      <label for="schedule-note">Note (optional): why it is paused, for whoever looks</label>
      <input id="schedule-note" data-testid="schedule-pause-note" value=${note} onInput=${(e) => setNote(e.currentTarget.value)} />
      <div class="button-row">
        <${Button} type="submit" kind="primary" testid="schedule-pause-confirm" busy=${busy === 'pause'}>Pause<//>
        <${Button} kind="ghost" onClick=${() => setPausing(false)}>Back<//>
      </div>
    </form>` : null}
  </div><//>`;
}
