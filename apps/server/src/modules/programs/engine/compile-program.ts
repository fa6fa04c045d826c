import type { ProgramDefinition, ProgramEdge, ProgramNode } from '@companero/contracts';
import type { CompiledProgram } from './types.ts';

/** The handle an edge leaves through (a missing or empty `sourceHandle` means `next`). */
export function edgeHandle(edge: Pick<ProgramEdge, 'sourceHandle'>): string {
  return edge.sourceHandle ? edge.sourceHandle : 'next';
}

/** Shortest distances (in edges) from the given roots, following `neighbours`. */
function bfs(roots: readonly string[], neighbours: (id: string) => Iterable<string>): Map<string, number> {
  const dist = new Map<string, number>();
  const queue: string[] = [];
  for (const r of roots) {
    if (!dist.has(r)) {
      dist.set(r, 0);
      queue.push(r);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    const d = dist.get(id)!;
    for (const n of neighbours(id)) {
      if (!dist.has(n)) {
        dist.set(n, d + 1);
        queue.push(n);
      }
    }
  }
  return dist;
}

/**
 * Indexes a program definition for the interpreter: nodes by id, outgoing edges by
 * handle (the first edge wins when a handle is used twice), and each node's progress:
 * `round(100 * fromStart / (fromStart + toNearestEnd))` over shortest paths
 * (end nodes 100, the start 0, nodes off every start → end path 0).
 * Throws when there is no start node (the service compiles validated programs only).
 */
export function compileProgram(def: ProgramDefinition): CompiledProgram {
  const nodes = new Map<string, ProgramNode>();
  for (const n of def.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const start = def.nodes.find((n) => n.type === 'start');
  if (!start) throw new Error('Program has no start node');

  const outgoing = new Map<string, Map<string, ProgramEdge>>();
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const e of def.edges) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    let byHandle = outgoing.get(e.source);
    if (!byHandle) {
      byHandle = new Map();
      outgoing.set(e.source, byHandle);
    }
    const handle = edgeHandle(e);
    if (byHandle.has(handle)) continue;
    byHandle.set(handle, e);
    forward.set(e.source, [...(forward.get(e.source) ?? []), e.target]);
    backward.set(e.target, [...(backward.get(e.target) ?? []), e.source]);
  }

  const fromStart = bfs([start.id], (id) => forward.get(id) ?? []);
  const ends = def.nodes.filter((n) => n.type === 'end').map((n) => n.id);
  const toEnd = bfs(ends, (id) => backward.get(id) ?? []);

  const progress = new Map<string, number>();
  for (const id of nodes.keys()) {
    const node = nodes.get(id)!;
    const a = fromStart.get(id);
    const b = toEnd.get(id);
    if (node.type === 'end') progress.set(id, 100);
    else if (a === undefined || b === undefined || a + b === 0) progress.set(id, 0);
    else progress.set(id, Math.round((100 * a) / (a + b)));
  }

  return { definition: def, nodes, startNodeId: start.id, outgoing, progress };
}
