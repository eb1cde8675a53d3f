// The dashboard's pages, by hash route ('#/tasks/tsk_abc' → '/tasks/:id'). Append new pages at the end of the
// imports and of the table; the first match wins, so keep the order.
//
// How a page module is written (src/pages/<name>.js):
//   import { html } from '../lib/html.js';
//   export function Page({ params, query, session }) { return html`<section class="page">...</section>`; }
// params: the route's ':name' segments (decoded); query: the hash's ?a=b pairs as an object; session: the
// GET /api/v1/session body ({ caller, scope, name, csrf_token }). Load data with get()/post() from lib/api.js
// (errors carry the daemon's detail: show them with <ErrorState> or notifyError), follow changes with
// useEvents(filter, listener) from lib/events.js (and useResync to refetch after a reconnect), put every write
// action in <WriteButton> / <Writable> (components/buttons.js) so read scopes see none, render agent output only
// as ${text} (a text node), never as markup. The page sets document.title through the table's title.
// A route with share: true is not a hash route: it answers the path /share/{token} without a session.
import { HomePage } from './pages/home.js';
import { WorkPage } from './pages/work.js';
import { TaskPage } from './pages/task.js';
import { WorkflowPage } from './pages/workflow.js';
import { AgentsPage } from './pages/agents.js';
import { NotificationsPage } from './pages/notifications.js';
import { WebhooksPage } from './pages/webhooks.js';
import { WorkersPage } from './pages/workers.js';
import { SharesPage } from './pages/shares.js';
import { SharePage } from './pages/share.js';
import { MetricsPage } from './pages/metrics.js';
import { SchedulesPage } from './pages/schedules.js';
import { InitiativesPage } from './pages/initiatives.js';
import { SessionsPage } from './pages/sessions.js';

export const routes = [
  { path: '/', page: HomePage, title: 'Needs you' },
  { path: '/work', page: WorkPage, title: 'Work' },
  { path: '/tasks/:id', page: TaskPage, title: 'Task' },
  { path: '/workflows/:id', page: WorkflowPage, title: 'Workflow' },
  { path: '/agents', page: AgentsPage, title: 'Agents' },
  { path: '/notifications', page: NotificationsPage, title: 'Notifications' },
  { path: '/webhooks', page: WebhooksPage, title: 'Webhooks' },
  { path: '/workers', page: WorkersPage, title: 'Workers' },
  { path: '/shares', page: SharesPage, title: 'Share links' },
  { path: '/share/:token', page: SharePage, title: 'Shared', share: true },
  { path: '/metrics', page: MetricsPage, title: 'Metrics' },
  { path: '/schedules', page: SchedulesPage, title: 'Schedules' },
  { path: '/initiatives', page: InitiativesPage, title: 'Initiatives' },
  { path: '/initiatives/:id', page: InitiativesPage, title: 'Initiative' },
  { path: '/sessions', page: SessionsPage, title: 'Sessions' },
];
