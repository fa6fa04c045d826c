import {
  type Enrollment,
  type ProgramDefinition,
  ProgramDefinitionSchema,
  type ProgramNodeType,
  type ProgramSummary,
} from '@companero/contracts';
import { compileProgram } from './engine/compile-program.ts';
import type { EnrollmentState } from './engine/types.ts';
import type { EnrollmentRow, ProgramRow } from './programs.repository.ts';

// Rows to API shapes, and small pure helpers of the programs service.

export const blankProgram = (language: 'en' | 'es'): ProgramDefinition =>
  ProgramDefinitionSchema.parse({
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'end',
        type: 'end',
        position: { x: 0, y: 200 },
        data: { message: language === 'es' ? '¡Programa completado!' : 'Program complete!' },
      },
    ],
    edges: [{ id: 'e-start-end', source: 'start', target: 'end', sourceHandle: 'next' }],
  });

export function toEnrollment(row: EnrollmentRow, endUserName: string | null): Enrollment {
  return {
    id: row.id,
    programId: row.programId,
    version: row.version,
    endUserId: row.endUserId,
    endUserName,
    conversationId: row.conversationId,
    status: row.status,
    currentNodeId: row.currentNodeId,
    currentNodeType: (row.currentNodeType as ProgramNodeType | null) ?? null,
    progress: row.progress,
    variables: row.variables,
    resumeAt: row.resumeAt?.toISOString() ?? null,
    startedAt: row.startedAt.toISOString(),
    lastActivityAt: row.lastActivityAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export function toSummary(row: ProgramRow, activeEnrollments: number): ProgramSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    language: row.language,
    status: row.status,
    publishedVersion: row.publishedVersion,
    hasUnpublishedChanges: row.publishedRevision === null || row.publishedRevision !== row.draftRevision,
    templateKey: row.templateKey,
    activeEnrollments,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const stateOf = (row: EnrollmentRow): EnrollmentState => ({
  currentNodeId: row.currentNodeId,
  status: row.status,
  variables: row.variables,
  retries: row.retries,
  aiTurns: row.aiTurns,
  resumeAt: row.resumeAt?.toISOString() ?? null,
  enrolledAt: row.startedAt.toISOString(),
});

export function compileSafe(def: ProgramDefinition) {
  try {
    return compileProgram(def).progress;
  } catch {
    return null;
  }
}

export function labelOf(n: ProgramDefinition['nodes'][number]): string {
  const d = n.data as Record<string, unknown>;
  const text =
    (d.label as string | undefined) ||
    (d.name as string | undefined) ||
    (d.prompt as string | undefined) ||
    (d.text as string | undefined) ||
    (d.goal as string | undefined) ||
    n.id;
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
