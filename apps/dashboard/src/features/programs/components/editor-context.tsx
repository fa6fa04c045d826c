import type { ProgramIssue } from '@companero/contracts';
import { createContext, useContext } from 'react';
import type { IssueReport } from '../utils/issues.ts';

/** What nodes and edges drawn by React Flow need from the editor (they get only their own props). */
export interface EditorContextValue {
  report: IssueReport;
  /** Issues per node id (errors first). */
  issuesByNode: ReadonlyMap<string, ProgramIssue[]>;
  deleteEdge: (edgeId: string) => void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditorContext needs the program editor around it');
  return value;
}
