// What the workflow views derive from GET /api/v1/workflows/{id}: the tasks in phase order, the edges between them
// (a task's own depends_on, and a phase's dependency drawn from the upstream phase's last tasks to the downstream
// phase's first ones), and each task's run as times on the workflow's clock.

/** Every task of the workflow with its phase, in phase order. */
export function tasksOf(workflow) {
  const tasks = [];
  for (const phase of workflow?.phases || []) for (const task of phase.tasks || []) tasks.push({ ...task, phase_id: phase.phase_id });
  return tasks;
}

/** Edges [from, to] between task ids: declared dependencies, and phase order where no task names one. */
export function edgesOf(workflow) {
  const edges = [];
  const phases = new Map((workflow?.phases || []).map((p) => [p.phase_id, p]));
  const all = tasksOf(workflow);
  const ids = new Set(all.map((t) => t.task_id));
  const idsByName = new Map(all.map((t) => [t.name, t.task_id]));
  // depends_on names task ids; a name is accepted too, as workflow files write them.
  const resolve = (ref) => (ids.has(ref) ? ref : idsByName.get(ref) ?? ref);
  for (const phase of phases.values()) {
    for (const task of phase.tasks || []) for (const dep of task.depends_on || []) edges.push([resolve(dep), task.task_id]);
  }
  for (const phase of phases.values()) {
    const inPhase = new Set((phase.tasks || []).map((t) => t.task_id));
    const firsts = (phase.tasks || []).filter((t) => !(t.depends_on || []).some((d) => inPhase.has(resolve(d))));
    for (const upstreamId of phase.depends_on || []) {
      const upstream = phases.get(upstreamId);
      if (!upstream) continue;
      const upIds = new Set((upstream.tasks || []).map((t) => t.task_id));
      const lasts = (upstream.tasks || []).filter((t) => !(upstream.tasks || []).some((o) => (o.depends_on || []).some((d) => resolve(d) === t.task_id && upIds.has(o.task_id))));
      for (const from of lasts) for (const to of firsts) edges.push([from.task_id, to.task_id]);
    }
  }
  const seen = new Set();
  return edges.filter(([a, b]) => {
    const key = `${a}>${b}`;
    if (!ids.has(a) || !ids.has(b) || a === b || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const ms = (when) => (when ? new Date(when).getTime() : null);

/** A task's run on the clock: start and end in ms (end is now while it runs), or null before it starts. */
export function runOf(task, now) {
  const start = ms(task.started_at);
  if (start === null) return null;
  return { start, end: ms(task.completed_at) ?? now };
}

/**
 * The critical path as it actually ran: from the task that ended last, back through the dependency that ended
 * last before it, to a task with none. Those tasks decided the workflow's elapsed time.
 */
export function criticalPath(workflow, now) {
  const tasks = tasksOf(workflow).filter((t) => t.started_at);
  if (!tasks.length) return new Set();
  const byId = new Map(tasks.map((t) => [t.task_id, t]));
  const preds = new Map();
  for (const [from, to] of edgesOf(workflow)) {
    if (!preds.has(to)) preds.set(to, []);
    preds.get(to).push(from);
  }
  let current = tasks.reduce((a, b) => (runOf(b, now).end > runOf(a, now).end ? b : a));
  const path = new Set();
  while (current && !path.has(current.task_id)) {
    path.add(current.task_id);
    const before = (preds.get(current.task_id) || []).map((id) => byId.get(id)).filter(Boolean);
    current = before.length ? before.reduce((a, b) => (runOf(b, now).end > runOf(a, now).end ? b : a)) : null;
  }
  return path;
}

export const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'timed_out']);
