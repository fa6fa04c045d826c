import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { knowledgeKeys } from './query-keys.ts';

export const getFolders = (signal?: AbortSignal) =>
  api.knowledge.listFolders(signal ? { signal } : undefined);

export const getFoldersQueryOptions = () =>
  queryOptions({ queryKey: knowledgeKeys.folders(), queryFn: ({ signal }) => getFolders(signal) });

export const useFolders = () => useQuery(getFoldersQueryOptions());
