import type { MessageWithMeta } from '@companero/contracts';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useRateMessage } from '../api/rate-message.ts';
import { getPlayground } from '../hooks/use-playground.ts';
import { CorrectionForm } from './correction-form.tsx';

/** Under each finished reply: rate it, correct it, or see why the coach answered so. */
export function ReplyActions({
  message,
  explainsId,
  isExplained,
  onExplain,
}: {
  message: MessageWithMeta;
  /** The "Why this answer" panel these buttons control. */
  explainsId: string;
  isExplained: boolean;
  onExplain: () => void;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const correctRef = useRef<HTMLButtonElement>(null);
  const [isCorrecting, setIsCorrecting] = useState(false);
  const [isCorrected, setIsCorrected] = useState(false);
  const rate = useRateMessage({
    mutationConfig: { onSuccess: (rated) => getPlayground().replaceMessage(rated) },
  });
  const rating = rate.isPending ? rate.variables.rating : message.feedback?.rating;

  const thumb = (value: 'up' | 'down') => (
    <button
      type="button"
      className="icon-button icon-button-sm reply-rate"
      aria-pressed={rating === value}
      aria-label={value === 'up' ? t('coach.reply.rateUp') : t('coach.reply.rateDown')}
      title={value === 'up' ? t('coach.reply.rateUp') : t('coach.reply.rateDown')}
      disabled={rate.isPending}
      onClick={() => rate.mutate({ messageId: message.id, rating: value })}
    >
      <Icon name={value === 'up' ? 'thumbUp' : 'thumbDown'} size={18} />
    </button>
  );

  return (
    <div className="reply-actions-block">
      <div className="reply-actions">
        {thumb('up')}
        {thumb('down')}
        <Button
          ref={correctRef}
          variant="ghost"
          size="sm"
          icon={<Icon name="edit" size={16} />}
          aria-expanded={isCorrecting}
          aria-controls={isCorrecting ? formId : undefined}
          onClick={() => {
            setIsCorrecting((open) => !open);
            setIsCorrected(false);
          }}
        >
          {t('coach.reply.correct')}
        </Button>
        <Button
          variant="ghost"
          size="sm"
          icon={<Icon name="info" size={16} />}
          aria-controls={explainsId}
          aria-pressed={isExplained}
          onClick={onExplain}
        >
          {t('coach.reply.why')}
        </Button>
      </div>
      {rate.error && (
        <p className="field-error" role="alert">
          {translateError(t, rate.error)}
        </p>
      )}
      {rate.isSuccess && !rate.isPending && (
        <p className="visually-hidden" role="status">
          {t('coach.reply.rated')}
        </p>
      )}
      {isCorrected && (
        <p className="inline-status" role="status">
          {t('coach.correct.saved')}
        </p>
      )}
      {isCorrecting && (
        <CorrectionForm
          id={formId}
          messageId={message.id}
          onDone={() => {
            setIsCorrecting(false);
            setIsCorrected(true);
            correctRef.current?.focus();
          }}
          onCancel={() => {
            setIsCorrecting(false);
            correctRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}
