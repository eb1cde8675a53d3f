import { html } from '../lib/html.js';
import { Empty } from '../components/states.js';

export function NotFoundPage({ params }) {
  return html`<section class="page"><${Empty} title="There is no such page" testid="not-found">
    ${params?.path ? html`<code>${params.path}</code> is not a page of the dashboard. ` : null}<a href="#/">Back to what needs you</a>.
  <//></section>`;
}
