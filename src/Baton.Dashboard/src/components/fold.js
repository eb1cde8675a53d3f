// Long text folded: the first lines, and a button to show the rest. The text is always a text node.
import { html } from '../lib/html.js';
import { useState } from 'preact/hooks';

export function Fold({ text, lines = 12, chars = 4000, label = 'text', testid, className = '' }) {
  const [open, setOpen] = useState(false);
  const value = text ?? '';
  const all = value.split('\n');
  const long = all.length > lines || value.length > chars;
  let shown = value;
  if (long && !open) {
    shown = all.slice(0, lines).join('\n');
    if (shown.length > chars) shown = shown.slice(0, chars);
  }
  return html`<div class=${`fold ${className}`} data-testid=${testid} data-folded=${long && !open ? 'true' : 'false'}>
    <pre><code>${shown}${long && !open ? '\n…' : ''}</code></pre>
    ${long ? html`<button type="button" class="btn btn-link fold-toggle" aria-expanded=${open ? 'true' : 'false'} data-testid="fold-toggle"
      onClick=${() => setOpen(!open)}>${open ? `Fold the ${label}` : `Show all ${all.length} lines of the ${label}`}</button>` : null}
  </div>`;
}
