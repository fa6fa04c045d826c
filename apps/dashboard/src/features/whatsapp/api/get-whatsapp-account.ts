import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

export const getWhatsAppAccount = (signal?: AbortSignal) =>
  api.whatsapp.account(signal ? { signal } : undefined);

/** The connection (never its secrets), with the webhook URL and verify token to paste into Meta. */
export const getWhatsAppAccountQueryOptions = () =>
  queryOptions({ queryKey: whatsappKeys.account(), queryFn: ({ signal }) => getWhatsAppAccount(signal) });

export const useWhatsAppAccount = () => useQuery(getWhatsAppAccountQueryOptions());
