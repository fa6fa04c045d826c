import { programKeys } from './program-keys.ts';

/**
 * Query keys of one program as the editor loads it. They live under
 * `programKeys.all`, so refreshing the whole programs area refreshes them too.
 */
export const programEditorKeys = {
  detail: (programId: string) => [...programKeys.all, 'detail', programId] as const,
  versions: (programId: string) => [...programEditorKeys.detail(programId), 'versions'] as const,
};
