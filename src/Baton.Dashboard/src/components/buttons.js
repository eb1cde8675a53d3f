// Buttons. <WriteButton> is every button that changes something: it renders nothing for a read-scope session, so
// read tokens and read sessions see the same pages without a single write action. Pass busy while a request runs.
import { html } from '../lib/html.js';
import { useCanWrite } from '../lib/session.js';

export function Button({ kind = 'secondary', busy = false, disabled = false, testid, children, type = 'button', ...rest }) {
  return html`<button type=${type} class=${`btn btn-${kind}${busy ? ' is-busy' : ''}`} disabled=${disabled || busy}
    aria-busy=${busy ? 'true' : undefined} data-testid=${testid} ...${rest}>${children}</button>`;
}

export function WriteButton(props) {
  return useCanWrite() ? html`<${Button} ...${props} />` : null;
}

/** Renders its children only for a session that may write (forms that act, not just buttons). */
export function Writable({ children }) {
  return useCanWrite() ? children : null;
}
