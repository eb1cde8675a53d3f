import { html } from '../lib/html.js';

export function WorkPage() {
  return html`<section class="page"><h1>Work</h1></section>`;
}
