import type { ConversationSummary } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { Icon } from '../../../components/ui/icons.tsx';
import { useFormat } from '../../../lib/format.ts';
import { formatRelativeTime } from '../../../lib/relative-time.ts';
import { CHANNEL_ICONS, useInboxLabels } from '../hooks/use-inbox-labels.ts';
import { initialsOf } from '../utils/initials.ts';

/**
 * One conversation in the list: who, where from, the last message and when,
 * and what needs the creator (unread messages, an alert, a negative mood).
 */
export function ConversationListItem({
  conversation,
  search,
  now,
}: {
  conversation: ConversationSummary;
  search: string;
  now: number;
}) {
  const { t, i18n } = useTranslation();
  const labels = useInboxLabels();
  const format = useFormat();
  const name = labels.clientName(conversation.endUser);
  const at = conversation.preview?.createdAt ?? conversation.lastMessageAt ?? conversation.createdAt;
  const preview = conversation.preview;
  const prefix =
    preview?.role === 'creator'
      ? t('inbox.previewYou')
      : preview?.role === 'assistant'
        ? t('inbox.previewAi')
        : '';
  const isUnread = conversation.unreadCount > 0;
  const alert = conversation.alert;

  return (
    <li>
      <NavLink
        to={`/inbox/${conversation.id}${search}`}
        className="inbox-item"
        data-unread={isUnread || undefined}
        data-status={conversation.status}
      >
        <span className="avatar inbox-avatar" aria-hidden="true">
          {initialsOf(name)}
        </span>
        <span className="inbox-item-body">
          <span className="inbox-item-top">
            <span className="inbox-item-name">{name}</span>
            <time className="inbox-item-time" dateTime={at} title={format.dateTime(at)}>
              {formatRelativeTime(at, now, i18n.resolvedLanguage ?? 'en')}
            </time>
          </span>
          <span className="inbox-item-meta">
            <span className="inbox-channel">
              <Icon name={CHANNEL_ICONS[conversation.channel]} size={14} />
              {labels.channel(conversation.channel)}
            </span>
            {conversation.status !== 'bot' && (
              <span className={`badge inbox-status-${conversation.status}`}>
                {labels.status(conversation.status)}
              </span>
            )}
            {alert && (
              <span
                className={alert.kind === 'handoff_request' ? 'badge badge-warning' : 'badge badge-danger'}
              >
                <Icon name="alert" size={12} />
                {labels.alertKind(alert.kind)}
              </span>
            )}
          </span>
          <span className="inbox-item-preview">
            {preview ? `${prefix}${preview.content}` : t('inbox.noMessages')}
          </span>
        </span>
        <span className="inbox-item-side">
          {conversation.sentiment && (
            <span
              className="sentiment-dot"
              data-sentiment={conversation.sentiment}
              title={labels.sentiment(conversation.sentiment)}
            >
              <span className="visually-hidden">{labels.sentiment(conversation.sentiment)}</span>
            </span>
          )}
          {isUnread && (
            <span className="count-badge inbox-unread">
              <span aria-hidden="true">
                {conversation.unreadCount > 99 ? '99+' : conversation.unreadCount}
              </span>
              <span className="visually-hidden">
                {t('inbox.unread', { count: conversation.unreadCount })}
              </span>
            </span>
          )}
        </span>
      </NavLink>
    </li>
  );
}
