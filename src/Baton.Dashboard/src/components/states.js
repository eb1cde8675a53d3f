// What a part of a page shows while loading, when it has nothing, and when a request failed.
import { html } from '../lib/html.js';

export function Loading({ label = 'Loading…' }) {
  return html`<p class="state state-loading" role="status">${label}</p>`;
}

export function Empty({ title, children, testid }) {
  return html`<div class="state state-empty" data-testid=${testid}>
    <p class="state-title">${title}</p>
    ${children ? html`<p class="muted">${children}</p>` : null}
  </div>`;
}

export function ErrorState({ error, onRetry, title = 'This could not be loaded' }) {
  return html`<div class="state state-error" role="alert">
    <p class="state-title">${title}</p>
    <p>${error?.message || String(error)}</p>
    ${onRetry ? html`<button type="button" class="btn btn-secondary" onClick=${onRetry}>Try again</button>` : null}
  </div>`;
}
