import './inbox.css';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { findSummary } from '../api/conversation-cache.ts';
import { inboxKeys } from '../api/inbox-keys.ts';
import { useDesktopNotifications } from '../hooks/use-desktop-notifications.ts';
import { useInboxLabels } from '../hooks/use-inbox-labels.ts';
import { type InboxAlertEvent, useInboxLive } from '../hooks/use-inbox-live.ts';
import { useInboxParams } from '../hooks/use-inbox-params.ts';
import { type AlertToast, AlertToasts } from './alert-toasts.tsx';
import { ConversationList } from './conversation-list.tsx';

/** How long an alert waits for the list to learn the client's name before it shows anyway. */
const NAME_WAIT_MS = 2_000;
const MAX_TOASTS = 4;

/**
 * The inbox: the live list on the left, the open conversation (`children`)
 * on the right; one at a time on a phone. Owns the inbox's socket, so alerts
 * reach the creator whichever conversation is open: a toast, a count in the
 * tab's title, and a desktop notification when allowed.
 */
export function InboxWorkspace({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { conversationId } = useParams();
  const params = useInboxParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const labels = useInboxLabels();
  const notifications = useDesktopNotifications();
  const [toasts, setToasts] = useState<AlertToast[]>([]);
  const search = useRef(params.search);
  search.current = params.search;

  async function onAlert(event: InboxAlertEvent) {
    // The list is refreshed for the change anyway; waiting for it gives the alert a name.
    await Promise.race([
      queryClient.refetchQueries({ queryKey: inboxKeys.lists(), type: 'active' }),
      new Promise((resolve) => setTimeout(resolve, NAME_WAIT_MS)),
    ]);
    const name = labels.clientName(findSummary(queryClient, event.conversationId)?.endUser);
    const headline = labels.alertHeadline(event.kind, name);
    setToasts((current) =>
      [
        {
          id: `${event.conversationId}-${Date.now()}`,
          conversationId: event.conversationId,
          isCrisis: event.kind !== 'handoff_request',
          headline,
          excerpt: event.excerpt,
        },
        ...current.filter((toast) => toast.conversationId !== event.conversationId),
      ].slice(0, MAX_TOASTS),
    );
    notifications.notify(headline, {
      body: event.excerpt,
      tag: event.conversationId,
      onClick: () => navigate(`/inbox/${event.conversationId}${search.current}`),
    });
  }

  const liveStatus = useInboxLive({ openConversationId: conversationId ?? null, onAlert });

  // Opening a conversation is answering its alert's toast.
  useEffect(() => {
    if (conversationId)
      setToasts((current) => current.filter((toast) => toast.conversationId !== conversationId));
  }, [conversationId]);

  const waiting = toasts.length;
  return (
    <div className="inbox" data-has-open={conversationId ? true : undefined}>
      <title>{`${waiting > 0 ? `(${waiting}) ` : ''}${t('inbox.title')} · ${t('app.name')}`}</title>
      <PageHeader
        title={t('inbox.title')}
        subtitle={t('inbox.subtitle')}
        actions={
          notifications.isSupported && notifications.permission === 'default' ? (
            <Button
              variant="secondary"
              size="sm"
              icon={<Icon name="bell" size={16} />}
              onClick={notifications.request}
            >
              {t('inbox.notifications.enable')}
            </Button>
          ) : notifications.permission === 'granted' ? (
            <span className="badge badge-success">
              <Icon name="bell" size={14} />
              {t('inbox.notifications.enabled')}
            </span>
          ) : undefined
        }
      />
      <div className="inbox-panes">
        <ConversationList liveStatus={liveStatus} />
        <div className="inbox-pane">{children}</div>
      </div>
      <AlertToasts
        toasts={toasts}
        search={params.search}
        onDismiss={(id) => setToasts((current) => current.filter((toast) => toast.id !== id))}
      />
    </div>
  );
}
