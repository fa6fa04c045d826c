import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { saveBlob } from '../../../lib/save-blob.ts';

/** Fetches a version's original file with the session token, then hands it to the browser as a download. */
export const downloadVersion = async ({ id, version }: { id: string; version: number }) => {
  const { blob, filename } = await api.knowledge.downloadVersion(id, version);
  saveBlob(blob, filename);
  return filename;
};

export const useDownloadVersion = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof downloadVersion>;
} = {}) => useMutation({ ...mutationConfig, mutationFn: downloadVersion });
