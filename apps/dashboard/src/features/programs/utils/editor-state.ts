import type { ProgramDefinition } from '@companero/contracts';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import {
  type DefinitionBase,
  type FlowEdge,
  type FlowNode,
  fromDefinition,
  NEXT_HANDLE,
  pruneEdges,
  toDefinition,
} from './program-graph.ts';

/**
 * The editor's state as a pure reducer: the graph React Flow draws, the
 * definition it stands for, and the undo history (snapshots of the graph).
 *
 * `seq` moves on every change to the program itself (not on selection or a
 * node being measured): autosave compares it with the last saved one.
 */

interface Snapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export interface EditorState {
  nodes: FlowNode[];
  edges: FlowEdge[];
  base: DefinitionBase;
  definition: ProgramDefinition;
  past: Snapshot[];
  future: Snapshot[];
  seq: number;
  /** The last recorded change's key and time: edits of one field within a second are one undo step. */
  coalesce: { key: string; at: number } | undefined;
}

export type EditorAction =
  /** React Flow's own changes: selection, measuring, dragging and keyboard moves. */
  | { type: 'nodesChange'; changes: NodeChange<FlowNode>[]; isDragging: boolean; at: number }
  | { type: 'edgesChange'; changes: EdgeChange<FlowEdge>[] }
  /** A drag starts: the graph before it is one undo step, however long the drag. */
  | { type: 'checkpoint' }
  | { type: 'connect'; connection: Connection; id: string }
  | { type: 'updateData'; nodeId: string; data: FlowNode['data']; key: string; at: number }
  | { type: 'add'; nodes: FlowNode[]; edges?: FlowEdge[] }
  | { type: 'delete'; nodeIds: readonly string[]; edgeIds: readonly string[] }
  | { type: 'positions'; positions: Record<string, { x: number; y: number }> }
  | { type: 'select'; nodeIds: readonly string[]; edgeIds?: readonly string[] }
  | { type: 'undo' }
  | { type: 'redo' };

export const HISTORY_LIMIT = 100;
const COALESCE_MS = 1000;

export function initEditorState(definition: ProgramDefinition): EditorState {
  const { nodes, edges, base } = fromDefinition(definition);
  return {
    nodes,
    edges,
    base,
    definition: toDefinition(nodes, edges, base),
    past: [],
    future: [],
    seq: 0,
    coalesce: undefined,
  };
}

function record(
  state: EditorState,
  key?: string,
  at?: number,
): Pick<EditorState, 'past' | 'future' | 'coalesce'> {
  if (
    key !== undefined &&
    at !== undefined &&
    state.coalesce?.key === key &&
    at - state.coalesce.at < COALESCE_MS
  ) {
    return { past: state.past, future: [], coalesce: { key, at } };
  }
  return {
    past: [...state.past, { nodes: state.nodes, edges: state.edges }].slice(-HISTORY_LIMIT),
    future: [],
    coalesce: key !== undefined && at !== undefined ? { key, at } : undefined,
  };
}

/** A change to the program: new graph, new definition, new `seq`; recorded for undo unless `history` is false. */
function change(
  state: EditorState,
  nodes: FlowNode[],
  edges: FlowEdge[],
  history: false | { key?: string; at?: number } = {},
): EditorState {
  return {
    ...state,
    ...(history ? record(state, history.key, history.at) : {}),
    nodes,
    edges,
    definition: toDefinition(nodes, edges, state.base),
    seq: state.seq + 1,
  };
}

/** A snapshot back on screen, with today's measured sizes (the nodes did not change size by moving in time). */
function restore(state: EditorState, snapshot: Snapshot): Pick<EditorState, 'nodes' | 'edges'> {
  const measured = new Map(state.nodes.map((node) => [node.id, node.measured]));
  return {
    nodes: snapshot.nodes.map((node) => {
      const size = measured.get(node.id);
      return size ? ({ ...node, measured: size } as FlowNode) : node;
    }),
    edges: snapshot.edges,
  };
}

const deselect = <T extends { selected?: boolean }>(items: readonly T[]): T[] =>
  items.map((item) => (item.selected ? { ...item, selected: false } : item));

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'nodesChange': {
      // Removal and additions go through 'delete' and 'add' (one undo step each).
      const changes = action.changes.filter(
        (c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace',
      );
      if (changes.length === 0) return state;
      const nodes = applyNodeChanges(changes, state.nodes);
      const moved = changes.some((c) => c.type === 'position' && c.position);
      if (!moved) return { ...state, nodes };
      // A mouse drag recorded its checkpoint when it started; keyboard moves coalesce.
      return change(state, nodes, state.edges, action.isDragging ? false : { key: 'move', at: action.at });
    }
    case 'edgesChange': {
      const changes = action.changes.filter((c) => c.type === 'select');
      return changes.length === 0 ? state : { ...state, edges: applyEdgeChanges(changes, state.edges) };
    }
    case 'checkpoint':
      return { ...state, ...record(state) };
    case 'connect': {
      const { source, target } = action.connection;
      const sourceHandle = action.connection.sourceHandle ?? NEXT_HANDLE;
      if (!source || !target || source === target) return state;
      // One connection per handle: a new one replaces the old.
      const kept = state.edges.filter(
        (e) => !(e.source === source && (e.sourceHandle ?? NEXT_HANDLE) === sourceHandle),
      );
      const edge: FlowEdge = { id: action.id, source, target, sourceHandle };
      return change(state, state.nodes, [...deselect(kept), edge]);
    }
    case 'updateData': {
      const nodes = state.nodes.map((node) =>
        node.id === action.nodeId ? ({ ...node, data: action.data } as FlowNode) : node,
      );
      return change(state, nodes, pruneEdges(nodes, state.edges), { key: action.key, at: action.at });
    }
    case 'add': {
      const nodes = [...deselect(state.nodes), ...action.nodes];
      const edges = [...deselect(state.edges), ...(action.edges ?? [])];
      return change(state, nodes, edges);
    }
    case 'delete': {
      const nodeIds = new Set(
        action.nodeIds.filter((id) => state.nodes.find((node) => node.id === id)?.type !== 'start'),
      );
      const edgeIds = new Set(action.edgeIds);
      if (nodeIds.size === 0 && edgeIds.size === 0) return state;
      const nodes = state.nodes.filter((node) => !nodeIds.has(node.id));
      const edges = state.edges.filter(
        (edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target),
      );
      return change(state, nodes, edges);
    }
    case 'positions': {
      const nodes = state.nodes.map((node) => {
        const position = action.positions[node.id];
        return position ? ({ ...node, position } as FlowNode) : node;
      });
      return change(state, nodes, state.edges);
    }
    case 'select': {
      const nodeIds = new Set(action.nodeIds);
      const edgeIds = new Set(action.edgeIds ?? []);
      return {
        ...state,
        nodes: state.nodes.map((node) =>
          Boolean(node.selected) === nodeIds.has(node.id)
            ? node
            : ({ ...node, selected: nodeIds.has(node.id) } as FlowNode),
        ),
        edges: state.edges.map((edge) =>
          Boolean(edge.selected) === edgeIds.has(edge.id)
            ? edge
            : { ...edge, selected: edgeIds.has(edge.id) },
        ),
      };
    }
    case 'undo': {
      const snapshot = state.past.at(-1);
      if (!snapshot) return state;
      const { nodes, edges } = restore(state, snapshot);
      return {
        ...state,
        nodes,
        edges,
        definition: toDefinition(nodes, edges, state.base),
        past: state.past.slice(0, -1),
        future: [{ nodes: state.nodes, edges: state.edges }, ...state.future],
        seq: state.seq + 1,
        coalesce: undefined,
      };
    }
    case 'redo': {
      const [snapshot, ...future] = state.future;
      if (!snapshot) return state;
      const { nodes, edges } = restore(state, snapshot);
      return {
        ...state,
        nodes,
        edges,
        definition: toDefinition(nodes, edges, state.base),
        past: [...state.past, { nodes: state.nodes, edges: state.edges }],
        future,
        seq: state.seq + 1,
        coalesce: undefined,
      };
    }
  }
}
