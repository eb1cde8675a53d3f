// Outcomes and errors of actions, announced to screen readers.
import { html } from '../lib/html.js';
import { dismiss, notices } from '../lib/notices.js';
import { useStore } from '../lib/store.js';

export function Notices() {
  const list = useStore(notices);
  return html`<div class="notices" aria-live="polite">
    ${list.map((n) => html`<div key=${n.id} class=${`notice notice-${n.kind}`} data-testid=${`notice-${n.kind}`} role=${n.kind === 'error' ? 'alert' : undefined}>
      <span>${n.text}</span>
      <button type="button" class="notice-close" aria-label="Dismiss" onClick=${() => dismiss(n.id)}>×</button>
    </div>`)}
  </div>`;
}
