import type { QueryClient } from '@tanstack/react-query';
import { knowledgeKeys } from './query-keys.ts';

/** After a change to documents: lists, details, folder counts and search answers may all differ now. */
export function invalidateKnowledge(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: knowledgeKeys.documents() }),
    queryClient.invalidateQueries({ queryKey: knowledgeKeys.folders() }),
    queryClient.invalidateQueries({ queryKey: [...knowledgeKeys.all, 'search'] }),
  ]);
}
