import type { ConversationSummary } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { useResolveAlert } from '../api/resolve-alert.ts';
import { useInboxLabels } from '../hooks/use-inbox-labels.ts';

/** The conversation's open alert (a request for a human, a crisis), until the creator marks it handled. */
export function AlertBanner({
  alert,
  conversationId,
  clientName,
}: {
  alert: NonNullable<ConversationSummary['alert']>;
  conversationId: string;
  clientName: string;
}) {
  const { t } = useTranslation();
  const labels = useInboxLabels();
  const format = useFormat();
  const resolve = useResolveAlert();
  const isCrisis = alert.kind !== 'handoff_request';
  return (
    <div className="inbox-alert" data-crisis={isCrisis || undefined}>
      <Icon name="alert" size={18} className="inbox-alert-icon" />
      <div className="inbox-alert-body">
        <p className="inbox-alert-title">{labels.alertHeadline(alert.kind, clientName)}</p>
        <p className="inbox-alert-when">
          {t('inbox.conversation.alertRaised', { when: format.dateTime(alert.createdAt) })}
          {isCrisis && ` ${t('inbox.conversation.crisisAdvice')}`}
        </p>
        {resolve.error && (
          <p className="field-error" role="alert">
            {translateError(t, resolve.error)}
          </p>
        )}
      </div>
      <Button
        variant="secondary"
        size="sm"
        icon={<Icon name="check" size={16} />}
        isLoading={resolve.isPending}
        onClick={() => resolve.mutate({ alertId: alert.id, conversationId })}
      >
        {t('inbox.conversation.alertHandled')}
      </Button>
    </div>
  );
}
