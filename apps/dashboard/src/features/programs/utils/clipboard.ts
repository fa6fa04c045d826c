import { type FlowEdge, type FlowNode, newId } from './program-graph.ts';

/** What Ctrl+C keeps: the selected steps (never the start) and the connections between them. */
export interface Clip {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export function copySelection(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Clip | undefined {
  const picked = nodes.filter((node) => node.selected && node.type !== 'start');
  if (picked.length === 0) return undefined;
  const ids = new Set(picked.map((node) => node.id));
  return {
    nodes: picked.map((node) => structuredClone({ ...node, selected: false }) as FlowNode),
    edges: edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge) => ({ ...edge, selected: false })),
  };
}

/**
 * Copies of the clip with new ids, moved by `offset`, selected; connections
 * between copied steps follow the new ids. Choice and branch ids stay (they
 * are unique within their step), so the copied connections keep their handles.
 */
export function pasteClip(clip: Clip, takenIds: ReadonlySet<string>, offset: { x: number; y: number }): Clip {
  const taken = new Set(takenIds);
  const idMap = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = newId(node.type, taken);
    taken.add(id);
    idMap.set(node.id, id);
  }
  const nodes = clip.nodes.map(
    (node) =>
      ({
        ...structuredClone(node),
        id: idMap.get(node.id) ?? node.id,
        position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
        selected: true,
        measured: undefined,
      }) as FlowNode,
  );
  const edges = clip.edges.map((edge) => {
    const id = newId('e', taken);
    taken.add(id);
    return {
      ...edge,
      id,
      source: idMap.get(edge.source) ?? edge.source,
      target: idMap.get(edge.target) ?? edge.target,
      selected: false,
    };
  });
  return { nodes, edges };
}
