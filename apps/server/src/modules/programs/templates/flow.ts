import {
  type Locale,
  type ProgramDefinition,
  type ProgramDefinitionInput,
  ProgramDefinitionSchema,
} from '@companero/contracts';

/** A ready-made program a creator can start from (one entry per language). */
export interface ProgramTemplateEntry {
  /** Shared across languages, e.g. `habit-21-days`. */
  key: string;
  language: Locale;
  name: string;
  description: string;
  /** e.g. "21 days" */
  duration: string;
  definition: ProgramDefinition;
}

type NodeInput = ProgramDefinitionInput['nodes'][number];
type EdgeInput = ProgramDefinitionInput['edges'][number];
type VariableInput = NonNullable<ProgramDefinitionInput['variables']>[number];
type NodeType = NodeInput['type'];
type DataOf<T extends NodeType> = Extract<NodeInput, { type: T }>['data'];

/** Horizontal distance between branch columns and vertical distance between rows (px). */
export const COLUMN_WIDTH = 300;
export const ROW_HEIGHT = 180;

/**
 * A small builder for template graphs: nodes placed on a grid (column, row; top to
 * bottom, branches side by side) and edges named after their ends.
 */
export class Flow {
  private readonly nodes: NodeInput[] = [];
  private readonly edges: EdgeInput[] = [];

  /** `labels`: the editor label of each node by id (localised per template language). */
  constructor(private readonly labels: Readonly<Record<string, string>> = {}) {}

  node<T extends NodeType>(id: string, type: T, data: DataOf<T>, col: number, row: number): this {
    const label = (data as { label?: string }).label ?? this.labels[id];
    this.nodes.push({
      id,
      type,
      data: label === undefined ? data : { ...data, label },
      position: { x: col * COLUMN_WIDTH, y: row * ROW_HEIGHT },
    } as NodeInput);
    return this;
  }

  /** An edge leaving `source` through `handle` (default `next`). */
  edge(source: string, target: string, handle?: string): this {
    const suffix = handle ? `-${handle.replace(/[^A-Za-z0-9_-]/g, '-')}` : '';
    const edge: EdgeInput = { id: `${source}${suffix}--${target}`, source, target };
    if (handle) edge.sourceHandle = handle;
    this.edges.push(edge);
    return this;
  }

  /** Edges `a → b → c → ...` through `next`. */
  chain(...ids: string[]): this {
    for (let i = 0; i + 1 < ids.length; i++) this.edge(ids[i]!, ids[i + 1]!);
    return this;
  }

  build(variables: VariableInput[] = []): ProgramDefinition {
    return ProgramDefinitionSchema.parse({ nodes: this.nodes, edges: this.edges, variables });
  }
}
