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
  assistant: 'Assistant', assistant_text: 'Assistant', text: 'Assistant', thinking: 'Thinking', reasoning: 'Thinking',
  tool_call: 'Tool call', tool_use: 'Tool call', tool_result: 'Result', user: 'User', prompt: 'Prompt',
  system: 'System', init: 'Session', error: 'Error', result: 'Final result', stderr: 'stderr', stdout: 'Output',
  message: 'Message', intervention: 'Message from a person', notice: 'Notice',
};

let transcriptRoute = true; // false once the daemon said it has no structured transcript: use /logs from then on

function entryKind(entry) {
  return String(entry.kind || entry.type || entry.role || 'text').toLowerCase();
}

function entryText(entry) {
  const parts = [];
  const head = entry.tool || entry.tool_name || entry.name;
  const body = entry.text ?? entry.content ?? entry.summary ?? entry.output ?? entry.message;
  if (typeof body === 'string') parts.push(body);
  else if (body !== undefined && body !== null) parts.push(JSON.stringify(body, null, 2));
  if (entry.input !== undefined && typeof body !== 'string') parts.push(typeof entry.input === 'string' ? entry.input : JSON.stringify(entry.input, null, 2));
  return { head, text: parts.join('\n') };
}

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
  return blocks.map((b) => ({ kind: 'text', text: b }));
}

async function loadTranscript(taskId, attempt) {
  const suffix = qs({ attempt });
  if (transcriptRoute) {
    try {
      const data = await get(`/api/v1/tasks/${enc(taskId)}/transcript${suffix}`);
      const entries = Array.isArray(data) ? data : data?.entries;
      if (Array.isArray(entries)) return { entries, structured: true };
    } catch (error) {
      // A 404 about this task is the task's own; a bare 404 or 405 means a daemon without the route.
      const aboutTask = (error.problem?.detail || '').includes(taskId);
      if (!((error.status === 404 && !aboutTask) || error.status === 405)) throw error;
      transcriptRoute = false;
    }
  }
  const text = await getText(`/api/v1/tasks/${enc(taskId)}/logs${suffix}`);
  return { entries: blocksOf(typeof text === 'string' ? text : JSON.stringify(text)), structured: false };
}

export function Transcript({ taskId, running, attempt }) {
  const [mode, setMode] = useState('transcript');
  const [state, setState] = useState({ entries: null, raw: null, error: null });
  const box = useRef(null);
  const follow = useRef(true);

  async function load() {
    try {
      if (mode === 'raw') {
        const raw = await getText(`/api/v1/tasks/${enc(taskId)}/logs${qs({ raw: 'true', attempt })}`);
        setState((s) => ({ ...s, raw: typeof raw === 'string' ? raw : JSON.stringify(raw, null, 2), error: null }));
      } else {
        const { entries } = await loadTranscript(taskId, attempt);
        setState((s) => ({ ...s, entries, error: null }));
      }
    } catch (error) {
      setState((s) => ({ ...s, error }));
    }
  }

  useEffect(() => { load(); }, [taskId, mode, attempt]);
  const refresh = useThrottled(load, 400);
  useEvents({ task_id: taskId }, () => refresh(), [taskId]);
  useResync(load);
  // While running, also poll gently: output that does not make an event (a command's stdout) still appears.
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(refresh, 2000);
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
        : content.map((entry, i) => html`<${Entry} key=${i} entry=${entry} />`)) : null}
    </div>
  </section>`;
}

function Entry({ entry }) {
  const kind = entryKind(entry);
  const { head, text } = entryText(entry);
  return html`<div class=${`entry entry-${kind.replace(/[^a-z_]/g, '')}`} data-testid="transcript-entry" data-kind=${kind}>
    ${kind !== 'text' ? html`<div class="entry-head"><span class="entry-kind">${LABELS[kind] || kind}</span>${head ? html`<span class="mono">${head}</span>` : null}
      ${entry.is_error ? html`<span class="badge badge-failed">error</span>` : null}</div>` : null}
    <${Fold} text=${text} lines=${kind === 'tool_result' ? 8 : 24} label=${LABELS[kind] ? LABELS[kind].toLowerCase() : 'entry'} />
  </div>`;
}
