import { AssistantStatusSchema } from '@companero/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { coachKeys } from './query-keys.ts';
import { requestJson } from './request.ts';

export const getStatus = (signal?: AbortSignal) =>
  requestJson('/assistant/status', { schema: AssistantStatusSchema, signal });

/** Offline or model mode, the models in use and this month's tokens; fresh each time the tab opens. */
export const getStatusQueryOptions = () =>
  queryOptions({ queryKey: coachKeys.status(), queryFn: ({ signal }) => getStatus(signal), staleTime: 0 });

export const useAssistantStatus = () => useQuery(getStatusQueryOptions());
