import type { ProgramDefinition } from '@companero/contracts';
import { useEffect, useMemo, useState } from 'react';
import { checkDefinition, type IssueReport } from '../utils/issues.ts';

/**
 * Validates the definition on screen as it changes, a moment after the last
 * change (typing or dragging does not validate on every keystroke or frame).
 * The validator is the one the server uses on publish, so what it shows here
 * is what publishing would refuse.
 */
export function useLiveValidation(definition: ProgramDefinition, delayMs = 150): IssueReport {
  const [checked, setChecked] = useState(definition);
  useEffect(() => {
    if (checked === definition) return;
    const timer = setTimeout(() => setChecked(definition), delayMs);
    return () => clearTimeout(timer);
  }, [definition, checked, delayMs]);
  return useMemo(() => checkDefinition(checked), [checked]);
}
