import { html } from '../lib/html.js';

export function TaskPage({ params }) {
  return html`<section class="page"><h1>Task ${params.id}</h1></section>`;
}
