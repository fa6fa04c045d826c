import { AiSettingsSchema } from '@companero/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { coachKeys } from './query-keys.ts';
import { requestJson } from './request.ts';

export const getAiSettings = (signal?: AbortSignal) =>
  requestJson('/assistant/settings', { schema: AiSettingsSchema, signal });

export const getAiSettingsQueryOptions = () =>
  queryOptions({ queryKey: coachKeys.settings(), queryFn: ({ signal }) => getAiSettings(signal) });

export const useAiSettings = () => useQuery(getAiSettingsQueryOptions());
