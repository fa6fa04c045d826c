import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ReplySources } from '../../../components/reply-sources.tsx';
import { ReplyText } from '../../../components/reply-text.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useCoachLabels } from '../hooks/use-coach-labels.ts';
import { getPlayground } from '../hooks/use-playground.ts';
import type { ReplyTurn, UserTurn } from '../utils/playground-chat.ts';
import { ReplyActions } from './reply-actions.tsx';

/** What the creator wrote as the test member; a message that never arrived says why, with a retry. */
export function UserMessage({ turn }: { turn: UserTurn }) {
  const { t } = useTranslation();
  return (
    <li className="chat-turn chat-turn-user">
      <div className="bubble bubble-user">
        <p className="bubble-name">{t('coach.playground.you')}</p>
        <p className="bubble-text">{turn.content}</p>
      </div>
      {turn.error !== null && (
        <div className="chat-turn-error" role="alert">
          <Icon name="alert" size={16} />
          <span>{translateError(t, turn.error)}</span>
          <Button variant="secondary" size="sm" onClick={() => getPlayground().retry(turn.clientMessageId)}>
            {t('common.retry')}
          </Button>
        </div>
      )}
    </li>
  );
}

/**
 * The coach's reply: streamed text, then its sources, the model that wrote it
 * (or "composed offline"), any notice, and the actions on it.
 */
export function ReplyMessage({
  turn,
  coachName,
  explainsId,
  isExplained,
  onExplain,
}: {
  turn: ReplyTurn;
  coachName: string;
  explainsId: string;
  isExplained: boolean;
  onExplain: () => void;
}) {
  const { t, i18n } = useTranslation();
  const labels = useCoachLabels();
  const sourcesId = useId();
  const meta = turn.message?.meta;
  const percent = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', { style: 'percent' });

  return (
    <li className="chat-turn chat-turn-coach">
      <article
        className="bubble bubble-coach"
        aria-busy={turn.isStreaming || undefined}
        aria-label={t('coach.reply.label', { name: coachName })}
        data-explained={isExplained || undefined}
      >
        <header className="bubble-header">
          <p className="bubble-name">{coachName}</p>
          {meta?.model && (
            <span className={meta.model === 'offline' ? 'badge badge-info' : 'badge badge-muted'}>
              {labels.model(meta.model)}
            </span>
          )}
          {meta?.noAnswer && <span className="badge badge-warning">{t('coach.reply.noAnswer')}</span>}
          {meta?.safety && <span className="badge badge-danger">{t('coach.reply.safetyBadge')}</span>}
          {typeof meta?.groundedness === 'number' && (
            <span className="badge badge-muted" title={t('coach.reply.groundednessHint')}>
              {t('coach.reply.groundedness', { value: percent.format(meta.groundedness) })}
            </span>
          )}
        </header>
        <p className="bubble-text">
          {turn.text ? (
            <ReplyText text={turn.text} sourcesId={sourcesId} />
          ) : (
            turn.isStreaming && <span className="typing-dots">{t('coach.reply.typing')}</span>
          )}
          {turn.isStreaming && turn.text && <span className="typing-caret" aria-hidden="true" />}
        </p>
        {meta?.notice && (
          <p className="reply-notice">
            <Icon name="alert" size={16} />
            {labels.notice(meta.notice)}
          </p>
        )}
        {turn.error && (
          <p className="field-error" role="alert">
            <Icon name="alert" size={16} />
            {t(`errors.${turn.error.code}` as 'errors.INTERNAL', { defaultValue: turn.error.detail })}
          </p>
        )}
        <ReplySources citations={meta?.citations ?? []} idPrefix={sourcesId} />
        {turn.message && (
          <ReplyActions
            message={turn.message}
            explainsId={explainsId}
            isExplained={isExplained}
            onExplain={onExplain}
          />
        )}
      </article>
    </li>
  );
}
