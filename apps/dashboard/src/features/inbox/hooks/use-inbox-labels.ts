import type { Channel, ConversationSummary } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import type { IconName } from '../../../components/ui/icons.tsx';

type AlertKind = NonNullable<ConversationSummary['alert']>['kind'];

export const CHANNEL_ICONS: Record<Channel, IconName> = {
  web: 'globe',
  whatsapp: 'whatsapp',
  mobile: 'phone',
  playground: 'sparkles',
};

/** Words for channels, statuses, moods and alerts, and the name to show for a client. */
export function useInboxLabels() {
  const { t } = useTranslation();
  return {
    channel: (channel: Channel) => t(`inbox.channels.${channel}`),
    status: (status: ConversationSummary['status']) => t(`inbox.statuses.${status}`),
    sentiment: (sentiment: NonNullable<ConversationSummary['sentiment']>) =>
      t(`inbox.sentiments.${sentiment}`),
    alertKind: (kind: AlertKind) => t(`inbox.alertKinds.${kind}`),
    /** "Ana asked for a human" / "Possible crisis: Ana may be at risk of self-harm". */
    alertHeadline: (kind: AlertKind, name: string) => t(`inbox.alertHeadlines.${kind}`, { name }),
    /** Name, else email, else "Visitor": an anonymous web visitor has neither. */
    clientName: (endUser: ConversationSummary['endUser'] | undefined) =>
      endUser?.displayName?.trim() || endUser?.email || t('inbox.visitor'),
  };
}
