import {
  type ProgramDefinition,
  ProgramDefinitionSchema,
  type ProgramIssue,
  validateProgram,
} from '@companero/contracts';

/** The problems of a definition, and where they are, for the editor's highlighting. */
export interface IssueReport {
  issues: ProgramIssue[];
  errorCount: number;
  warningCount: number;
  /** Per node id: its errors and warnings. */
  byNode: ReadonlyMap<string, { errors: number; warnings: number }>;
  /** Edge ids with an error. */
  edgesWithErrors: ReadonlySet<string>;
  /** False when the draft breaks the contracts' schema: the server would refuse to save it. */
  isSavable: boolean;
}

/** `['nodes', 3, 'data', 'choices', 0, 'label']` → `data.choices[0].label`, as the validator names fields. */
function fieldOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/**
 * What the contracts' schema refuses (an emptied choice label, a variable
 * name with a space): the validator checks meaning, not shape, and the server
 * checks both, so the editor reports these too and does not try to save.
 */
function schemaIssues(definition: ProgramDefinition): ProgramIssue[] {
  const parsed = ProgramDefinitionSchema.safeParse(definition);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const [list, index, ...rest] = issue.path;
    const out: ProgramIssue = { code: 'invalid_field', severity: 'error', message: issue.message };
    if (list === 'nodes' && typeof index === 'number') {
      const id = definition.nodes[index]?.id;
      if (id !== undefined) out.nodeId = id;
    } else if (list === 'edges' && typeof index === 'number') {
      const id = definition.edges[index]?.id;
      if (id !== undefined) out.edgeId = id;
    }
    const field = fieldOf(rest);
    if (field) out.field = field;
    return out;
  });
}

export function checkDefinition(definition: ProgramDefinition): IssueReport {
  const semantic = validateProgram(definition).issues;
  const shape = schemaIssues(definition);
  const seen = new Set(semantic.map((i) => `${i.nodeId ?? ''}|${i.edgeId ?? ''}|${i.field ?? ''}`));
  const issues = [
    ...semantic,
    ...shape.filter((i) => !seen.has(`${i.nodeId ?? ''}|${i.edgeId ?? ''}|${i.field ?? ''}`)),
  ];
  const byNode = new Map<string, { errors: number; warnings: number }>();
  const edgesWithErrors = new Set<string>();
  let errorCount = 0;
  for (const issue of issues) {
    const isError = issue.severity === 'error';
    if (isError) errorCount++;
    if (issue.nodeId !== undefined) {
      const counts = byNode.get(issue.nodeId) ?? { errors: 0, warnings: 0 };
      if (isError) counts.errors++;
      else counts.warnings++;
      byNode.set(issue.nodeId, counts);
    }
    if (issue.edgeId !== undefined && isError) edgesWithErrors.add(issue.edgeId);
  }
  return {
    issues,
    errorCount,
    warningCount: issues.length - errorCount,
    byNode,
    edgesWithErrors,
    isSavable: shape.length === 0,
  };
}

/** `data.choices[0].label` → `choices`; `next` → `next`: the key of the field's label. */
export function fieldKey(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const match = /^(?:data\.)?([A-Za-z]+)/.exec(field);
  return match?.[1];
}

/** True when `issue` is about `field` of its node (`data.choices[1].label` is about `choices`). */
export function isAbout(issue: ProgramIssue, field: string): boolean {
  return fieldKey(issue.field) === field;
}
