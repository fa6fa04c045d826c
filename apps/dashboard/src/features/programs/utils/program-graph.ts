import type {
  ProgramDefinition,
  ProgramEdge,
  ProgramNode,
  ProgramNodeOf,
  ProgramNodeType,
} from '@companero/contracts';
import type { Edge, Node } from '@xyflow/react';

/**
 * The editor's side of a program definition: React Flow nodes and edges that
 * carry the program's own `{ id, type, position, data }` plus React Flow's
 * bookkeeping (selection, measured size), and the way back to a definition.
 */

/** One React Flow node per program node type, so `data` stays typed by `type`. */
export type FlowNode = { [T in ProgramNodeType]: Node<ProgramNodeOf<T>['data'], T> }[ProgramNodeType];
export type FlowNodeOf<T extends ProgramNodeType> = Extract<FlowNode, { type: T }>;
export type FlowEdge = Edge;

/** The fields of a definition the editor does not draw, kept as loaded and sent back on save. */
export type DefinitionBase = Pick<ProgramDefinition, 'schemaVersion' | 'variables' | 'channels'>;

/** An outgoing connection point of a node (see the handle conventions in the contracts). */
export interface OutHandle {
  id: string;
  kind: 'next' | 'choice' | 'branch' | 'default' | 'invalid';
  /** The choice or branch label (raw; empty when the creator has not named it). */
  label?: string;
  /** 1-based position of a choice or branch, for unnamed ones. */
  index?: number;
}

export const NEXT_HANDLE = 'next';

/** Every handle an edge may leave `node` through, in the order the node shows them. */
export function outgoingHandles(node: ProgramNode | FlowNode): OutHandle[] {
  switch (node.type) {
    case 'end':
      return [];
    case 'condition':
      return [
        ...node.data.branches.map((branch, i) => ({
          id: `branch:${branch.id}`,
          kind: 'branch' as const,
          label: branch.label ?? '',
          index: i + 1,
        })),
        { id: 'default', kind: 'default' },
      ];
    case 'question': {
      const choices =
        node.data.answerType === 'choice'
          ? (node.data.choices ?? []).map((choice, i) => ({
              id: `choice:${choice.id}`,
              kind: 'choice' as const,
              label: choice.label,
              index: i + 1,
            }))
          : [];
      return [...choices, { id: NEXT_HANDLE, kind: 'next' }, { id: 'invalid', kind: 'invalid' }];
    }
    default:
      return [{ id: NEXT_HANDLE, kind: 'next' }];
  }
}

/** A definition node as React Flow draws it. */
export function toFlowNode(node: ProgramNode): FlowNode {
  return {
    id: node.id,
    type: node.type,
    position: { x: node.position.x, y: node.position.y },
    data: node.data,
    // The start is where every enrollment begins: it can be moved, never removed.
    ...(node.type === 'start' ? { deletable: false } : {}),
  } as FlowNode;
}

export function toFlowEdge(edge: ProgramEdge): FlowEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    // A missing handle means `next`; React Flow needs the id to attach the edge to the right handle.
    sourceHandle: edge.sourceHandle ?? NEXT_HANDLE,
    ...(edge.label ? { label: edge.label } : {}),
  };
}

export function fromDefinition(definition: ProgramDefinition): {
  nodes: FlowNode[];
  edges: FlowEdge[];
  base: DefinitionBase;
} {
  return {
    nodes: definition.nodes.map(toFlowNode),
    edges: definition.edges.map(toFlowEdge),
    base: {
      schemaVersion: definition.schemaVersion,
      variables: definition.variables,
      channels: definition.channels,
    },
  };
}

/** Back to a definition: only the program's own fields (React Flow's selection and sizes stay out). */
export function toDefinition(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  base: DefinitionBase,
): ProgramDefinition {
  return {
    ...base,
    nodes: nodes.map(
      (node) =>
        ({
          id: node.id,
          type: node.type,
          position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
          data: node.data,
        }) as ProgramNode,
    ),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? NEXT_HANDLE,
      ...(typeof edge.label === 'string' && edge.label ? { label: edge.label } : {}),
    })),
  };
}

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A short id (`message_k3f9qa`) not in `taken`; matches the contracts' element id pattern. */
export function newId(prefix: string, taken: ReadonlySet<string> = new Set()): string {
  for (;;) {
    let suffix = '';
    for (let i = 0; i < 6; i++) suffix += ID_ALPHABET[Math.floor(Math.random() * ID_ALPHABET.length)];
    const id = `${prefix}_${suffix}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * Keeps only the edges that still leave a node through a handle it has, e.g.
 * after a choice or branch was removed or a question stopped being a choice.
 */
export function pruneEdges(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): FlowEdge[] {
  const handles = new Map(nodes.map((node) => [node.id, new Set(outgoingHandles(node).map((h) => h.id))]));
  const next = edges.filter((edge) => {
    const ofSource = handles.get(edge.source);
    return !ofSource || ofSource.has(edge.sourceHandle ?? NEXT_HANDLE);
  });
  return next.length === edges.length ? (edges as FlowEdge[]) : next;
}

/** Variables the program sets (answers, AI steps, assignments, declarations): offered as `{{name}}` hints. */
export function knownVariables(definition: Pick<ProgramDefinition, 'nodes' | 'variables'>): string[] {
  const names = new Set<string>(definition.variables.map((v) => v.name));
  for (const node of definition.nodes) {
    if (node.type === 'question' && node.data.variable) names.add(node.data.variable);
    if (node.type === 'ai' && node.data.variable) names.add(node.data.variable);
    if (node.type === 'set') for (const a of node.data.assignments) if (a.variable) names.add(a.variable);
  }
  return [...names].sort();
}

/**
 * The steps the editor first shows: the whole program when it is small, else
 * the start and the steps right after it (breadth first), so a long program
 * opens readable at its beginning instead of as a tiny overview.
 */
export function openingView(
  nodes: readonly { id: string; type: string }[],
  edges: readonly { source: string; target: string }[],
  max = 6,
): string[] | undefined {
  if (nodes.length <= max) return undefined;
  const start = nodes.find((node) => node.type === 'start');
  if (!start) return undefined;
  const seen = [start.id];
  for (let i = 0; i < seen.length && seen.length < max; i++) {
    for (const edge of edges) {
      if (edge.source === seen[i] && !seen.includes(edge.target)) seen.push(edge.target);
      if (seen.length >= max) break;
    }
  }
  return seen;
}
