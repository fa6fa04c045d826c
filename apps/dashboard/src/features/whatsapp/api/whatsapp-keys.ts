import type { ListWhatsAppContactsQuery } from '@companero/contracts';

/** Query keys of the WhatsApp channel. */
export const whatsappKeys = {
  all: ['whatsapp'] as const,
  account: () => [...whatsappKeys.all, 'account'] as const,
  templates: () => [...whatsappKeys.all, 'templates'] as const,
  contacts: () => [...whatsappKeys.all, 'contacts'] as const,
  contactList: (filters: Pick<ListWhatsAppContactsQuery, 'tag' | 'consent'>) =>
    [...whatsappKeys.contacts(), 'list', filters] as const,
  audience: (tags: readonly string[]) => [...whatsappKeys.contacts(), 'audience', [...tags]] as const,
  broadcasts: () => [...whatsappKeys.all, 'broadcasts'] as const,
  recipients: (broadcastId: string) => [...whatsappKeys.broadcasts(), broadcastId, 'recipients'] as const,
};
