import dagre from '@dagrejs/dagre';
import type { FlowEdge, FlowNode } from './program-graph.ts';

const FALLBACK_SIZE = { width: 240, height: 90 };

/**
 * Top-to-bottom positions for every node (dagre), from each node's measured
 * size. Answers top-left positions, as React Flow places nodes.
 */
export function autoLayout(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
): Record<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 56, ranksep: 72, marginx: 24, marginy: 24 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) {
    graph.setNode(node.id, {
      width: node.measured?.width ?? FALLBACK_SIZE.width,
      height: node.measured?.height ?? FALLBACK_SIZE.height,
    });
  }
  for (const edge of edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const node of nodes) {
    const placed = graph.node(node.id);
    if (!placed) continue;
    const width = node.measured?.width ?? FALLBACK_SIZE.width;
    const height = node.measured?.height ?? FALLBACK_SIZE.height;
    positions[node.id] = { x: Math.round(placed.x - width / 2), y: Math.round(placed.y - height / 2) };
  }
  return positions;
}
