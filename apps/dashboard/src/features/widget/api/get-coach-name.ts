import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { widgetKeys } from './widget-keys.ts';

/** The coach's name, which the widget's header shows when the theme has no title. */
export const getCoachName = async (signal?: AbortSignal) =>
  (await api.assistant.getPersonality(signal ? { signal } : undefined)).coachName.trim();

export const getCoachNameQueryOptions = () =>
  queryOptions({ queryKey: widgetKeys.coachName(), queryFn: ({ signal }) => getCoachName(signal) });

export const useCoachName = () => useQuery(getCoachNameQueryOptions());
