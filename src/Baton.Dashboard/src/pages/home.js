import { html } from '../lib/html.js';

export function HomePage() {
  return html`<section class="page"><h1>Needs you</h1></section>`;
}
