import { type FormEvent, type Ref, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';

/** Where the creator types as the test member. Enter sends, Shift+Enter starts a new line. */
export function MessageComposer({
  isBusy,
  onSend,
  ref,
}: {
  isBusy: boolean;
  onSend: (content: string) => void;
  ref?: Ref<HTMLTextAreaElement>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [content, setContent] = useState('');
  const canSend = !isBusy && content.trim().length > 0;

  function send(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    onSend(content.trim());
    setContent('');
  }

  return (
    <form className="composer" onSubmit={send}>
      <label htmlFor={id} className="field-label">
        {t('coach.playground.messageLabel')}
      </label>
      <div className="composer-row">
        <textarea
          ref={ref}
          id={id}
          name="message"
          className="input textarea composer-input"
          rows={2}
          maxLength={4000}
          value={content}
          placeholder={t('coach.playground.messagePlaceholder')}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setContent(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              send();
            }
          }}
        />
        <Button type="submit" disabled={!canSend} icon={<Icon name="send" size={18} />}>
          {t('coach.playground.send')}
        </Button>
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {isBusy ? t('coach.playground.waiting') : t('coach.playground.sendHint')}
      </p>
    </form>
  );
}
