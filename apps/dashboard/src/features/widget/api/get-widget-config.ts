import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { widgetKeys } from './widget-keys.ts';

export const getWidgetConfig = (signal?: AbortSignal) => api.widget.get(signal ? { signal } : undefined);

/** The widget's settings and public key; the server creates them with defaults on first read. */
export const getWidgetConfigQueryOptions = () =>
  queryOptions({ queryKey: widgetKeys.config(), queryFn: ({ signal }) => getWidgetConfig(signal) });

export const useWidgetConfig = () => useQuery(getWidgetConfigQueryOptions());
