import { PersonalitySchema } from '@companero/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { coachKeys } from './query-keys.ts';
import { requestJson } from './request.ts';

export const getPersonality = (signal?: AbortSignal) =>
  requestJson('/assistant/personality', { schema: PersonalitySchema, signal });

export const getPersonalityQueryOptions = () =>
  queryOptions({ queryKey: coachKeys.personality(), queryFn: ({ signal }) => getPersonality(signal) });

export const usePersonality = () => useQuery(getPersonalityQueryOptions());
