// The workflow graph's layout: dagre, left to right, each phase a cluster around its tasks.
import dagre from '@dagrejs/dagre';
import { edgesOf } from './model.js';

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 52;

/** { nodes: [{task, x, y}], clusters: [{phase, x, y, width, height}], edges: [{from, to, points}], width, height } */
export function layoutWorkflow(workflow) {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 56, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const phase of workflow.phases || []) {
    if (!(phase.tasks || []).length) continue;
    const cluster = `phase:${phase.phase_id}`;
    g.setNode(cluster, { label: phase.name || phase.phase_id, paddingTop: 26, paddingLeft: 10, paddingRight: 10, paddingBottom: 10 });
    for (const task of phase.tasks) {
      g.setNode(task.task_id, { width: NODE_WIDTH, height: NODE_HEIGHT });
      g.setParent(task.task_id, cluster);
    }
  }
  const edges = edgesOf(workflow);
  for (const [from, to] of edges) g.setEdge(from, to);
  dagre.layout(g);

  const nodes = [];
  const clusters = [];
  for (const phase of workflow.phases || []) {
    if (!(phase.tasks || []).length) continue;
    const c = g.node(`phase:${phase.phase_id}`);
    clusters.push({ phase, x: c.x - c.width / 2, y: c.y - c.height / 2 - 14, width: c.width, height: c.height + 14 });
    for (const task of phase.tasks) {
      const n = g.node(task.task_id);
      nodes.push({ task, x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2 });
    }
  }
  const laid = edges.map(([from, to]) => ({ from, to, points: g.edge(from, to)?.points || [] }));
  const all = [...clusters.map((c) => [c.x + c.width, c.y + c.height, c.y]), ...nodes.map((n) => [n.x + NODE_WIDTH, n.y + NODE_HEIGHT, n.y])];
  const minY = Math.min(0, ...all.map((a) => a[2]));
  const shift = minY < 0 ? 8 - minY : 0;
  for (const item of [...nodes, ...clusters]) item.y += shift;
  for (const e of laid) e.points = e.points.map((p) => ({ x: p.x, y: p.y + shift }));
  const width = Math.max(200, ...all.map((a) => a[0])) + 12;
  const height = Math.max(80, ...all.map((a) => a[1] + shift)) + 12;
  return { nodes, clusters, edges: laid, width, height };
}
