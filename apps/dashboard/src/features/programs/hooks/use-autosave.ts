import { isApiError } from '@companero/api-client';
import type { ProgramDefinition } from '@companero/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSaveProgramDraft } from '../api/use-save-program-draft.ts';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error' | 'invalid';

const SAVE_DELAY_MS = 800;

/**
 * Saves the draft a moment after each change (PATCH with the `draftRevision`
 * it started from), one request at a time; a rename rides along. A 409 means
 * someone else saved in between: saving stops until the editor reloads.
 * `flush` saves now and resolves true once everything on screen is saved.
 */
export function useAutosave({
  programId,
  initialRevision,
  definition,
  seq,
  isSavable,
  viewport,
}: {
  programId: string;
  initialRevision: number;
  definition: ProgramDefinition;
  /** Moves on every change of the definition. */
  seq: number;
  /** False when the schema would refuse the draft (an emptied required field). */
  isSavable: boolean;
  /** The canvas position, saved with the draft (not a change of its own). */
  viewport: () => ProgramDefinition['viewport'];
}) {
  const save = useSaveProgramDraft();
  const [status, setStatus] = useState<SaveStatus>('saved');
  const revision = useRef(initialRevision);
  const savedSeq = useRef(seq);
  const pendingName = useRef<string | undefined>(undefined);
  const inFlight = useRef<Promise<boolean> | undefined>(undefined);
  const isConflict = useRef(false);
  const latest = useRef({ definition, seq, isSavable });
  latest.current = { definition, seq, isSavable };

  const flush = useCallback(async (): Promise<boolean> => {
    // One request at a time: wait for the running one, then save what changed since.
    while (inFlight.current) await inFlight.current;
    if (isConflict.current) return false;
    const { definition: draft, seq: sentSeq, isSavable: canSave } = latest.current;
    const name = pendingName.current;
    const hasDraft = sentSeq !== savedSeq.current;
    if (!hasDraft && name === undefined) return true;
    if (hasDraft && !canSave) {
      setStatus('invalid');
      return false;
    }
    setStatus('saving');
    const run = (async () => {
      try {
        const view = viewport();
        const program = await save.mutateAsync({
          programId,
          body: {
            ...(name !== undefined ? { name } : {}),
            ...(hasDraft
              ? { draft: view ? { ...draft, viewport: view } : draft, draftRevision: revision.current }
              : {}),
          },
        });
        revision.current = Math.max(revision.current, program.draftRevision);
        if (hasDraft) savedSeq.current = sentSeq;
        if (pendingName.current === name) pendingName.current = undefined;
        const isCurrent = latest.current.seq === savedSeq.current && pendingName.current === undefined;
        setStatus(isCurrent ? 'saved' : 'unsaved');
        return true;
      } catch (error) {
        if (isApiError(error, 'CONFLICT')) {
          isConflict.current = true;
          setStatus('conflict');
        } else {
          setStatus('error');
        }
        return false;
      }
    })();
    inFlight.current = run;
    const ok = await run;
    inFlight.current = undefined;
    if (!ok) return false;
    // Changes made while the request ran are saved right after.
    return latest.current.seq === savedSeq.current && pendingName.current === undefined ? true : flush();
  }, [programId, save.mutateAsync, viewport]);

  // Each change: "unsaved" now, saved a moment after the last one.
  useEffect(() => {
    if (isConflict.current || seq === savedSeq.current) return;
    setStatus(isSavable ? 'unsaved' : 'invalid');
    if (!isSavable) return;
    const timer = setTimeout(() => void flush(), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [seq, isSavable, flush]);

  const rename = useCallback(
    (name: string) => {
      pendingName.current = name;
      void flush();
    },
    [flush],
  );

  const isDirty = status !== 'saved';
  return { status, isDirty, flush, rename };
}
