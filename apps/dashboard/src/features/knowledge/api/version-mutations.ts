import type { UploadFile, UploadProgress } from '@companero/api-client';
import type { KbDocument } from '@companero/contracts';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { invalidateKnowledge } from './invalidate.ts';
import { knowledgeKeys } from './query-keys.ts';

/** A new version exists: show the document's new state at once, then refresh its history and the lists. */
function onNewVersion(queryClient: QueryClient, document: KbDocument) {
  queryClient.setQueryData(knowledgeKeys.document(document.id), document);
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: knowledgeKeys.versions(document.id) }),
    invalidateKnowledge(queryClient),
  ]);
}

export const editContent = ({
  id,
  content,
  changeNote,
}: {
  id: string;
  content: string;
  changeNote?: string;
}) => api.knowledge.editContent(id, { content, ...(changeNote ? { changeNote } : {}) });

/** Saves edited text (TXT/Markdown) as a new version. */
export const useEditContent = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof editContent>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: editContent,
    onSuccess: (...args) => {
      void onNewVersion(queryClient, args[0]);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};

export const restoreVersion = ({ id, version }: { id: string; version: number }) =>
  api.knowledge.restoreVersion(id, version);

/** Restoring copies an old version into a new one; history is never rewritten. */
export const useRestoreVersion = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof restoreVersion>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: restoreVersion,
    onSuccess: async (...args) => {
      await onNewVersion(queryClient, args[0]);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};

export const uploadVersion = ({
  id,
  file,
  changeNote,
  onProgress,
}: {
  id: string;
  file: UploadFile;
  changeNote?: string;
  onProgress?: (progress: UploadProgress) => void;
}) =>
  api.knowledge.uploadVersion(
    id,
    file,
    { ...(changeNote ? { changeNote } : {}) },
    onProgress ? { onUploadProgress: onProgress } : undefined,
  );

export const useUploadVersion = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof uploadVersion>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: uploadVersion,
    onSuccess: (...args) => {
      void onNewVersion(queryClient, args[0]);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
