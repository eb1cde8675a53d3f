// A task's transcript, as `baton task logs` renders it: the structured entries of GET /api/v1/tasks/{id}/transcript
// (assistant text, tool calls, tool results, ...) when the daemon has that route, else the readable text of
// /logs split into blocks; the raw log (?raw=true) on request. Long entries are folded. While the task runs it
// follows the task's events. Everything an agent wrote is put on the page as text nodes, never as markup.
import { html } from '../lib/html.js';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { get, getText, enc, query as qs } from '../lib/api.js';
import { useEvents, useResync } from '../lib/events.js';
import { useThrottled } from '../lib/use-async.js';
import { Fold } from './fold.js';
import { Empty } from './states.js';

const LABELS = {
  session: 'Session', assistant: 'Assistant', user: 'User', thinking: 'Thinking', tool_call: 'Tool call',
  tool_result: 'Tool result', tool_error: 'Tool error', request: 'Request', error: 'Error', usage: 'Usage',
  result: 'Result', output: 'Output', text: 'Output',
};

let transcriptRoute = true; // false once the daemon said it has no structured transcript: use /logs from then on

function blocksOf(text) {
  // The readable log separates entries with blank lines; keep runs together so a folded block is one entry.
  const blocks = [];
  let current = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' && current.length) {
      blocks.push(current.join('\n'));
      current = [];
    } else if (line.trim() !== '' || current.length) current.push(line);
  }
  if (current.length) blocks.push(current.join('\n'));
  return blocks.map((b) => ({ kind: 'output', text: b }));
}

/**
 * Reads the transcript on from where the last read stopped (next_offset), so a long running attempt is not read
 * again on every event. A new attempt, or an attempt asked for by number, starts over.
 */
async function readTranscript(taskId, attempt, previous) {
  if (transcriptRoute) {
    const sameAttempt = previous && previous.structured && previous.taskId === taskId && (attempt === undefined || previous.attempt === attempt);
    const offset = sameAttempt ? previous.offset : 0;
    try {
      const data = await get(`/api/v1/tasks/${enc(taskId)}/transcript${qs({ attempt, offset: offset || undefined })}`);
      if (sameAttempt && data.attempt === previous.attempt) {
        return { ...previous, entries: data.entries.length ? [...previous.entries, ...data.entries] : previous.entries, offset: data.next_offset, complete: data.complete };
      }
      if (offset === 0) return { structured: true, taskId, attempt: data.attempt, entries: data.entries, offset: data.next_offset, complete: data.complete };
      // Another attempt began since the last read: read it from its start.
      return readTranscript(taskId, attempt, null);
    } catch (error) {
      // A 404 about this task is the task's own; a bare 404 or 405 means a daemon without the route.
      const aboutTask = (error.problem?.detail || '').includes(taskId);
      if (!((error.status === 404 && !aboutTask) || error.status === 405)) throw error;
      transcriptRoute = false;
    }
  }
  const text = await getText(`/api/v1/tasks/${enc(taskId)}/logs${qs({ attempt })}`);
  return { structured: false, entries: blocksOf(typeof text === 'string' ? text : JSON.stringify(text)) };
}

/** Consecutive output lines (a command's stdout, one entry per line) read as one block. */
function grouped(entries) {
  const out = [];
  for (const entry of entries) {
    const last = out[out.length - 1];
    if (entry.kind === 'output' && last?.kind === 'output' && last.merged) {
      last.text += `\n${entry.text}`;
    } else {
      out.push({ ...entry, merged: entry.kind === 'output' });
    }
  }
  return out;
}

export function Transcript({ taskId, running, attempt }) {
  const [mode, setMode] = useState('transcript');
  const [state, setState] = useState({ entries: null, raw: null, error: null });
  const box = useRef(null);
  const follow = useRef(true);
  const readRef = useRef(null);

  const inFlight = useRef(false);
  const again = useRef(false);

  // One read at a time: a read that continues from next_offset must not run twice from the same offset.
  async function load() {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      if (mode === 'raw') {
        const raw = await getText(`/api/v1/tasks/${enc(taskId)}/logs${qs({ raw: 'true', attempt })}`);
        setState((s) => ({ ...s, raw: typeof raw === 'string' ? raw : JSON.stringify(raw, null, 2), error: null }));
      } else {
        const next = await readTranscript(taskId, attempt, readRef.current);
        readRef.current = next;
        setState((s) => ({ ...s, entries: next.entries, error: null }));
      }
    } catch (error) {
      setState((s) => ({ ...s, error }));
    } finally {
      inFlight.current = false;
      if (again.current) {
        again.current = false;
        latest.current();
      }
    }
  }

  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    readRef.current = null;
    load();
  }, [taskId, mode, attempt]);
  const refresh = useThrottled(load, 400);
  useEvents({ task_id: taskId }, () => refresh(), [taskId]);
  useResync(load);
  // While running, also poll gently: output that does not make an event (a command's stdout) still appears.
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(refresh, 1000);
    return () => clearInterval(timer);
  }, [running, taskId, mode, attempt]);

  function onScroll() {
    const el = box.current;
    if (el) follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  }
  useLayoutEffect(() => {
    const el = box.current;
    if (el && running && follow.current) el.scrollTop = el.scrollHeight;
  }, [state.entries, state.raw]);

  const content = mode === 'raw' ? state.raw : state.entries;
  return html`<section class="card transcript-card" aria-labelledby="transcript-title">
    <div class="section-title">
      <h2 id="transcript-title">${mode === 'raw' ? 'Raw log' : 'Transcript'}</h2>
      ${running ? html`<span class="live-tag" data-testid="transcript-live">live</span>` : null}
      <span class="spacer"></span>
      <div class="segmented" role="group" aria-label="Log view">
        <button type="button" class="btn btn-small" aria-pressed=${mode === 'transcript' ? 'true' : 'false'} data-testid="show-transcript"
          onClick=${() => setMode('transcript')}>Transcript</button>
        <button type="button" class="btn btn-small" aria-pressed=${mode === 'raw' ? 'true' : 'false'} data-testid="show-raw"
          onClick=${() => setMode('raw')}>Raw log</button>
      </div>
    </div>
    ${state.error ? html`<p class="form-error" role="alert">${state.error.message}</p>` : null}
    <div class="transcript" ref=${box} onScroll=${onScroll} data-testid=${mode === 'raw' ? 'raw-log' : 'transcript'} tabindex="0"
      aria-label=${mode === 'raw' ? 'Raw log' : 'Transcript'}>
      ${content === null ? html`<p class="muted">Loading…</p>` : null}
      ${mode === 'raw' && content !== null ? (content ? html`<${Fold} text=${content} lines=${400} chars=${200000} label="log" />` : html`<${Empty} title="No output yet" />`) : null}
      ${mode !== 'raw' && content !== null ? (content.length === 0
        ? html`<${Empty} title=${running ? 'Waiting for the first output…' : 'No output'} />`
        : grouped(content).map((entry, i) => html`<${Entry} key=${i} entry=${entry} />`)) : null}
    </div>
  </section>`;
}

function Entry({ entry }) {
  const kind = String(entry.kind || 'output');
  const label = LABELS[kind] || kind;
  return html`<div class=${`entry entry-${kind.replace(/[^a-z_]/g, '')}`} data-testid="transcript-entry" data-kind=${kind}>
    ${kind !== 'output' ? html`<div class="entry-head"><span class="entry-kind">${label}</span></div>` : null}
    <${Fold} text=${entry.text ?? ''} lines=${kind === 'tool_result' || kind === 'usage' ? 8 : kind === 'output' ? 40 : 24} label=${label.toLowerCase()} />
  </div>`;
}
