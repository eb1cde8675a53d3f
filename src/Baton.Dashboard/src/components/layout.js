// The frame of every page: skip link, header with the navigation, who is signed in, the live state; then the page.
import { html } from '../lib/html.js';
import { useLocation } from '../lib/router.js';
import { signOut, useSession } from '../lib/session.js';
import { notifyError } from '../lib/notices.js';
import { ConnectionBanner, ConnectionState } from './conn-state.js';
import { Notices } from './notices.js';

export const NAV = [
  { path: '/', label: 'Needs you' },
  { path: '/work', label: 'Work' },
  { path: '/agents', label: 'Agents' },
  { path: '/notifications', label: 'Notifications' },
  { path: '/webhooks', label: 'Webhooks' },
  { path: '/workers', label: 'Workers' },
  { path: '/shares', label: 'Shares' },
  { path: '/metrics', label: 'Metrics' },
  { path: '/schedules', label: 'Schedules' },
  { path: '/initiatives', label: 'Initiatives' },
  { path: '/sessions', label: 'Sessions' },
];

function isCurrent(item, path) {
  if (item.path === '/') return path === '/';
  if (item.path === '/work') return path === '/work' || path.startsWith('/tasks/') || path.startsWith('/workflows/');
  return path === item.path || path.startsWith(`${item.path}/`);
}

function skipToContent(e) {
  // A plain '#main' link would change the hash route: move the focus instead.
  e.preventDefault();
  const main = document.getElementById('main');
  main?.focus();
  main?.scrollIntoView();
}

export function Layout({ children }) {
  const { path } = useLocation();
  const session = useSession();
  return html`<div class="shell">
    <a class="skip-link" href="#main" onClick=${skipToContent}>Skip to content</a>
    <header class="topbar">
      <a class="brand" href="#/" aria-label="Baton: needs you">Baton</a>
      <nav class="nav" aria-label="Main">
        <ul>
          ${NAV.map((item) => html`<li key=${item.path}>
            <a href=${`#${item.path}`} aria-current=${isCurrent(item, path) ? 'page' : undefined} data-testid=${`nav-${item.label.toLowerCase().replace(/\s+/g, '-')}`}>${item.label}</a>
          </li>`)}
        </ul>
      </nav>
      <div class="topbar-end">
        <${ConnectionState} />
        ${session ? html`<span class="who" data-testid="who" title=${`Signed in as ${session.caller}`}>
          ${session.name || session.caller}${session.scope === 'read' ? html` <span class="scope-tag" data-testid="read-only">read only</span>` : null}
        </span>` : null}
        ${session?.caller === 'session' ? html`<button type="button" class="btn btn-ghost btn-small" data-testid="sign-out"
          onClick=${() => signOut().catch(notifyError)}>Sign out</button>` : null}
      </div>
    </header>
    <${ConnectionBanner} />
    <main id="main" class="main" tabindex="-1">${children}</main>
    <${Notices} />
  </div>`;
}
