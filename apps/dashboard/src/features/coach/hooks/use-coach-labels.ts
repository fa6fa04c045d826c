import type { Alert, MessageMeta } from '@companero/contracts';
import { useTranslation } from 'react-i18next';

/** Words for alert kinds, reply notices and models, in the interface language. */
export function useCoachLabels() {
  const { t } = useTranslation();
  return {
    alertKind: (kind: Alert['kind']) => t(`coach.alertKinds.${kind}`),
    notice: (notice: NonNullable<MessageMeta['notice']>) => t(`coach.notices.${notice}`),
    /** `offline` and `safety` are the engine's own composers; anything else is a provider:model id. */
    model: (model: string) =>
      model === 'offline'
        ? t('coach.reply.offline')
        : model === 'safety'
          ? t('coach.reply.safety')
          : t('coach.reply.model', { model }),
  };
}
