import { MessageWithMetaSchema } from '@companero/contracts';
import { useMutation } from '@tanstack/react-query';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { requestJson } from './request.ts';

/** Thumbs up or down on an AI answer; a second rating replaces the first. Answers the rated message. */
export const rateMessage = ({ messageId, rating }: { messageId: string; rating: 'up' | 'down' }) =>
  requestJson(`/messages/${encodeURIComponent(messageId)}/feedback`, {
    method: 'PUT',
    body: { rating },
    schema: MessageWithMetaSchema,
  });

export const useRateMessage = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof rateMessage>;
} = {}) => useMutation({ ...mutationConfig, mutationFn: rateMessage });
