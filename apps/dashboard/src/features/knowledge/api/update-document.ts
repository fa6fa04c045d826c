import type { UpdateKbDocumentBody } from '@companero/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { invalidateKnowledge } from './invalidate.ts';
import { knowledgeKeys } from './query-keys.ts';

export const updateDocument = ({ id, body }: { id: string; body: UpdateKbDocumentBody }) =>
  api.knowledge.updateDocument(id, body);

export const useUpdateDocument = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof updateDocument>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: updateDocument,
    onSuccess: (...args) => {
      queryClient.setQueryData(knowledgeKeys.document(args[0].id), args[0]);
      void invalidateKnowledge(queryClient);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
