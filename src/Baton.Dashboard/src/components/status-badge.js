// A status as text with a colour and a shape, so it reads without colour too (and to screen readers as words).
import { html } from '../lib/html.js';

const LABELS = {
  pending: 'pending', queued: 'queued', running: 'running', retrying: 'retrying', input_required: 'needs input',
  paused: 'paused', completed: 'completed', failed: 'failed', cancelled: 'cancelled', timed_out: 'timed out',
  draft: 'draft', open: 'open', answered: 'answered', withdrawn: 'withdrawn', expired: 'expired',
};

const SHAPES = {
  pending: '○', queued: '○', running: '●', retrying: '↻', input_required: '!', paused: '❚❚', completed: '✓',
  failed: '✕', cancelled: '⊘', timed_out: '⧖', draft: '✎', open: '!', answered: '✓', withdrawn: '⊘', expired: '⧖',
};

export function StatusBadge({ status, testid }) {
  const s = status || 'unknown';
  return html`<span class=${`badge badge-${s}`} data-status=${s} data-testid=${testid}>
    <span class="badge-shape" aria-hidden="true">${SHAPES[s] || '•'}</span>${LABELS[s] || s.replace(/_/g, ' ')}
  </span>`;
}
