// The dashboard's entry: find out who the page is, then render the route the hash names inside the layout.
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { html } from './lib/html.js';
import { routes } from './routes.js';
import { match, useLocation } from './lib/router.js';
import { loadSession, sessionStore } from './lib/session.js';
import { prefetch } from './lib/api.js';
import { HOME_READS } from './pages/home.js';
import { startEvents, stopEvents } from './lib/events.js';
import { useStore } from './lib/store.js';
import { Layout } from './components/layout.js';
import { SignIn } from './components/sign-in.js';
import { ErrorState, Loading } from './components/states.js';
import { NotFoundPage } from './pages/not-found.js';

function Routed({ session }) {
  const { path, query } = useLocation();
  const found = match(routes, path);
  const title = found?.route.title;
  useEffect(() => {
    document.title = title ? `${title} · Baton` : 'Baton';
  }, [title, path]);
  if (!found) return html`<${NotFoundPage} params=${{ path }} />`;
  const Page = found.route.page;
  return html`<${Page} key=${found.route.path} params=${found.params} query=${query} session=${session} />`;
}

function App() {
  const { state, session, error } = useStore(sessionStore);
  useEffect(() => {
    if (state === 'ready') startEvents();
    else if (state === 'signin') stopEvents();
  }, [state]);
  if (state === 'loading') return html`<main id="main" class="main"><${Loading} label="Connecting to the daemon…" /></main>`;
  if (state === 'signin') return html`<${SignIn} />`;
  if (state === 'error') {
    return html`<main id="main" class="main"><${ErrorState} title="The dashboard cannot reach the daemon" error=${error} onRetry=${loadSession} /></main>`;
  }
  return html`<${Layout}><${Routed} session=${session} /><//>`;
}

/** The read-only share view: the path /share/{token}, no session, no buttons. */
function Shared({ route, token }) {
  const Page = route.page;
  useEffect(() => {
    document.title = `${route.title || 'Shared'} · Baton`;
  }, []);
  return html`<main id="main" class="main main-shared"><${Page} params=${{ token }} query=${{}} session=${null} /></main>`;
}

const root = document.getElementById('app');
root.textContent = '';
const shared = /^\/share\/([^/]+)\/?$/.exec(location.pathname);
const shareRoute = routes.find((r) => r.share);
if (shared && shareRoute) {
  render(html`<${Shared} route=${shareRoute} token=${decodeURIComponent(shared[1])} />`, root);
} else {
  // The home page's lists travel beside the session request rather than after it (the first paint waits for both).
  if (!location.hash || location.hash === '#/' || location.hash === '#') prefetch(HOME_READS);
  render(html`<${App} />`, root);
  loadSession();
}
