import type { AnalyticsExportQuery } from '@companero/api-client';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { saveBlob } from '../../../lib/save-blob.ts';
import { type AnalyticsPeriod, periodQuery } from '../utils/period.ts';

export type ExportFormat = AnalyticsExportQuery['format'];
export type ExportSection = NonNullable<AnalyticsExportQuery['section']>;

/** Fetches a period's figures as a file with the session token, then hands it to the browser as a download. */
export const exportAnalytics = async ({
  period,
  format,
  section,
}: {
  period: AnalyticsPeriod;
  format: ExportFormat;
  section?: ExportSection | undefined;
}) => {
  const { blob, filename } = await api.analytics.export({
    format,
    ...(format === 'csv' && section ? { section } : {}),
    ...periodQuery(period),
  });
  saveBlob(blob, filename);
  return { filename, size: blob.size };
};

export const useExportAnalytics = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof exportAnalytics>;
} = {}) => useMutation({ ...mutationConfig, mutationFn: exportAnalytics });
