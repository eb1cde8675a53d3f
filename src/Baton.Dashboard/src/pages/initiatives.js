// Initiatives: each with its status and its streams' progress as the monitor shows it (bars, tasks done, running,
// phase, branch, worktree), its workflow, and start, cancel, archive or unarchive for write sessions. The same REST
// calls as 'baton initiative list|show|start|cancel|archive|unarchive', kept live by its workflow's events.
import { html } from '../lib/html.js';
import { enc, get } from '../lib/api.js';
import { useEvents, useFollow, useResync } from '../lib/events.js';
import { useAsync, useThrottled } from '../lib/use-async.js';
import { dateTime } from '../lib/format.js';
import { href, navigate } from '../lib/router.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { StatusBadge } from '../components/status-badge.js';
import { InitiativeActions } from '../initiatives/actions.js';
import { StreamTable } from '../initiatives/streams.js';

// A started initiative's workflow appears with these; its tasks' events carry the workflow's id.
const STARTS = ['workflow.created', 'workflow.started'];

/**
 * Refetches when a workflow starts (an initiative may have just started) or when an event of one of the workflows
 * shown arrives. The loader tells the returned follower what it brought (begin() and landed(workflow ids)).
 */
function useLive(reload) {
  const refresh = useThrottled(reload, 300);
  useEvents({ type: STARTS }, refresh);
  useResync(reload);
  return useFollow((e) => !!e.workflow_id, (e) => e.workflow_id, refresh);
}

export function InitiativesPage({ params, query }) {
  return params.id
    ? html`<${InitiativeDetail} key=${params.id} id=${params.id} />`
    : html`<${InitiativeList} all=${query.all === 'true'} />`;
}

function InitiativeList({ all }) {
  const live = useLive(() => list.reload());
  const list = useAsync(async () => {
    live.begin();
    const value = await get(`/api/v1/initiatives${all ? '?all=true' : ''}`);
    live.landed((value.initiatives || []).map((i) => i.workflow_id));
    return value;
  }, [all]);
  if (list.error && !list.value) return html`<section class="page"><${ErrorState} error=${list.error} onRetry=${list.reload} /></section>`;
  if (!list.value) return html`<section class="page"><${Loading} /></section>`;
  const initiatives = list.value.initiatives || [];
  return html`<section class="page" aria-labelledby="initiatives-title" data-testid="initiatives-page">
    <div class="page-head"><h1 id="initiatives-title">Initiatives</h1>
      <span class="count">${initiatives.length} initiative${initiatives.length === 1 ? '' : 's'}</span>
      <label class="actions check"><input type="checkbox" checked=${all} data-testid="initiatives-all"
        onChange=${(e) => navigate('/initiatives', e.currentTarget.checked ? { all: 'true' } : {}, { replace: true })} /> Show archived</label>
    </div>
    ${initiatives.length === 0 ? html`<div class="card"><${Empty} title=${all ? 'No initiatives' : 'No initiatives in progress'} testid="initiatives-empty">
        Create one with <code>baton initiative create initiative.yaml</code> (streams of tasks, each in its own worktree and branch),
        then <code>baton initiative start NAME</code>.<//></div>`
      : initiatives.map((i) => html`<${InitiativeCard} key=${i.id} initiative=${i} heading="h2" onChanged=${list.reload} />`)}
  </section>`;
}

function InitiativeDetail({ id }) {
  const live = useLive(() => reload());
  const one = useAsync(async () => {
    live.begin();
    const value = await get(`/api/v1/initiatives/${enc(id)}`);
    live.landed([value.workflow_id]);
    return value;
  }, [id]);
  // An open merge conflict of its workflow waits in Needs you: say so, and link there.
  const workflowId = one.value?.workflow_id;
  const conflicts = useAsync(async () => (workflowId
    ? ((await get(`/api/v1/interactions?status=open&workflow_id=${enc(workflowId)}`)).interactions || []).filter((x) => x.kind === 'merge_conflict')
    : []), [workflowId]);
  const reload = () => { one.reload(); conflicts.reload(); };
  if (one.error && !one.value) return html`<section class="page"><${ErrorState} error=${one.error} onRetry=${one.reload} /></section>`;
  if (!one.value) return html`<section class="page"><${Loading} /></section>`;
  return html`<section class="page" data-testid="initiative-page">
    <p class="small"><a href=${href('/initiatives')}>All initiatives</a></p>
    ${conflicts.value?.length ? html`<p class="card wf-error" role="status" data-testid="initiative-conflict">
      A merge conflict waits for you: <a href="#/">resolve it in Needs you</a>.</p>` : null}
    <${InitiativeCard} initiative=${one.value} heading="h1" onChanged=${reload} />
  </section>`;
}

function InitiativeCard({ initiative: i, heading, onChanged }) {
  const titleId = `initiative-${i.id}`;
  return html`<article class="card initiative" aria-labelledby=${titleId} data-testid="initiative" data-id=${i.id} data-status=${i.status}>
    <div class="page-head">
      <${StatusBadge} status=${i.status} testid="initiative-status" />
      ${heading === 'h1' ? html`<h1 id=${titleId}>${i.name}</h1>` : html`<h2 id=${titleId}><a href=${href(`/initiatives/${enc(i.id)}`)} data-testid="initiative-link">${i.name}</a></h2>`}
      <span class="mono muted small">${i.id}</span>
      ${i.archived_at ? html`<span class="badge badge-cancelled" data-testid="initiative-archived">archived</span>` : null}
      <div class="actions"><${InitiativeActions} initiative=${i} onChanged=${onChanged} /></div>
    </div>
    <p class="small muted">
      <span class="mono">${i.repository}</span>${i.base ? html` from <span class="mono">${i.base}</span>` : null}
      · at most ${i.max_parallel} streams at once · created ${dateTime(i.created_at)} by ${i.created_by || 'unknown'}
      ${i.workflow_id ? html` · workflow <a class="mono" href=${`#/workflows/${enc(i.workflow_id)}`} data-testid="initiative-workflow">${i.workflow_id}</a>` : null}
      ${i.archived_at ? ` · archived ${dateTime(i.archived_at)}` : null}
    </p>
    <${StreamTable} initiative=${i} />
  </article>`;
}
