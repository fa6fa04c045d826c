import type { MessageWithMeta } from '@companero/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ReplySources } from '../../../components/reply-sources.tsx';
import { ReplyText } from '../../../components/reply-text.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import type { TranscriptItem as Item } from '../utils/transcript.ts';
import { DeliveryStatus } from './delivery-status.tsx';

const ROLE_CLASS: Record<MessageWithMeta['role'], string> = {
  user: 'inbox-msg-client',
  assistant: 'inbox-msg-ai',
  creator: 'inbox-msg-you',
  system: 'inbox-msg-system',
};

/** "14:05" today, "12 Mar, 14:05" before. */
function useMessageTime() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  });
  const today = new Date().toDateString();
  return (iso: string) => {
    const at = new Date(iso);
    return at.toDateString() === today ? time.format(at) : dateTime.format(at);
  };
}

/**
 * One line of the transcript, styled by who wrote it: the client (left), the
 * AI coach or the creator (right, the coach's side), the system (centred).
 * AI replies show their numbered sources; a reply being written grows live.
 * Messages sent to WhatsApp show their delivery ticks (only messages sent to
 * an external channel carry a delivery state), and a client's reaction shows
 * as an emoji on the message.
 */
export function TranscriptItem({
  item,
  clientName,
  onRetry,
}: {
  item: Item;
  clientName: string;
  onRetry: (clientMessageId: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const timeOf = useMessageTime();
  const sourcesId = useId();

  if (item.kind === 'streaming') {
    return (
      <li className="inbox-msg inbox-msg-ai">
        <article className="inbox-bubble" aria-busy="true" aria-label={t('inbox.conversation.fromAi')}>
          <p className="inbox-bubble-name">
            <Icon name="sparkles" size={14} />
            {t('inbox.conversation.aiCoach')}
          </p>
          <p className="bubble-text">
            {item.text ? (
              <>
                <ReplyText text={item.text} />
                <span className="typing-caret" aria-hidden="true" />
              </>
            ) : (
              <span className="typing-dots">{t('inbox.conversation.writing')}</span>
            )}
          </p>
        </article>
      </li>
    );
  }

  if (item.kind === 'pending') {
    const hasFailed = item.error !== null;
    return (
      <li className="inbox-msg inbox-msg-you" data-pending={!hasFailed || undefined}>
        <article className="inbox-bubble" aria-label={t('inbox.conversation.fromYou')}>
          <p className="inbox-bubble-name">{t('inbox.conversation.you')}</p>
          <p className="bubble-text">{item.content}</p>
        </article>
        {hasFailed ? (
          <p className="inbox-msg-foot inbox-msg-failed" role="alert">
            <Icon name="alert" size={14} />
            {t('inbox.conversation.failed')} {translateError(t, item.error)}
            <Button variant="secondary" size="sm" onClick={() => onRetry(item.clientMessageId)}>
              {t('common.retry')}
            </Button>
          </p>
        ) : (
          <p className="inbox-msg-foot">{t('inbox.conversation.sending')}</p>
        )}
      </li>
    );
  }

  const { message, isSeen } = item;
  if (message.role === 'system') {
    return (
      <li className="inbox-msg inbox-msg-system">
        <p>
          {message.content}{' '}
          <time dateTime={message.createdAt} title={format.dateTime(message.createdAt)}>
            · {timeOf(message.createdAt)}
          </time>
        </p>
      </li>
    );
  }

  const who =
    message.role === 'user'
      ? clientName
      : message.role === 'assistant'
        ? t('inbox.conversation.aiCoach')
        : t('inbox.conversation.you');
  const citations = message.role === 'assistant' ? (message.meta.citations ?? []) : [];
  const delivery = message.role === 'user' ? undefined : message.meta.delivery;
  return (
    <li className={`inbox-msg ${ROLE_CLASS[message.role]}`}>
      <article className="inbox-bubble" aria-label={t('inbox.conversation.from', { name: who })}>
        <header className="inbox-bubble-name">
          {message.role === 'assistant' && <Icon name="sparkles" size={14} />}
          <span>{who}</span>
          <time dateTime={message.createdAt} title={format.dateTime(message.createdAt)}>
            {timeOf(message.createdAt)}
          </time>
          {message.meta.safety && (
            <span className="badge badge-danger">{t('inbox.conversation.safety')}</span>
          )}
        </header>
        <p className="bubble-text">
          {message.role === 'assistant' ? (
            <ReplyText text={message.content} sourcesId={citations.length > 0 ? sourcesId : undefined} />
          ) : (
            message.content
          )}
        </p>
        <ReplySources citations={citations} idPrefix={sourcesId} />
      </article>
      {message.meta.reaction && (
        <span
          className="inbox-reaction"
          role="img"
          aria-label={t('inbox.conversation.reaction', { emoji: message.meta.reaction })}
        >
          {message.meta.reaction}
        </span>
      )}
      {delivery && <DeliveryStatus delivery={delivery} />}
      {isSeen && !delivery && (
        <p className="inbox-msg-foot inbox-msg-seen">
          <Icon name="check" size={14} />
          {t('inbox.conversation.seen')}
        </p>
      )}
    </li>
  );
}
