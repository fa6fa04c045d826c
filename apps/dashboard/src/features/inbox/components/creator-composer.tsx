import type { Conversation } from '@companero/contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';

/** At most one "typing" frame this often while the creator keeps typing. */
const TYPING_THROTTLE_MS = 3_000;
/** This long without a keystroke counts as stopped typing. */
const TYPING_IDLE_MS = 4_000;

/**
 * Where the creator writes to the client. Enter sends, Shift+Enter starts a
 * new line. While typing, the client sees "typing…" (throttled frames over
 * the conversation's socket). A closed conversation cannot be written to,
 * and the composer says why.
 */
export function CreatorComposer({
  status,
  clientName,
  onSend,
  onTyping,
}: {
  status: Conversation['status'];
  clientName: string;
  onSend: (content: string) => void;
  onTyping: (typing: boolean) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [content, setContent] = useState('');
  const isClosed = status === 'closed';
  const canSend = !isClosed && content.trim().length > 0;
  const typing = useRef({
    isOn: false,
    sentAt: 0,
    idle: undefined as ReturnType<typeof setTimeout> | undefined,
  });
  const latestOnTyping = useRef(onTyping);
  latestOnTyping.current = onTyping;

  function stopTyping() {
    clearTimeout(typing.current.idle);
    if (typing.current.isOn) latestOnTyping.current(false);
    typing.current.isOn = false;
  }
  // Leaving the conversation mid-sentence: the client must not see "typing…" forever.
  useEffect(() => {
    const state = typing.current;
    return () => {
      clearTimeout(state.idle);
      if (state.isOn) latestOnTyping.current(false);
    };
  }, []);

  function noteTyping() {
    const now = Date.now();
    if (!typing.current.isOn || now - typing.current.sentAt > TYPING_THROTTLE_MS) {
      latestOnTyping.current(true);
      typing.current.isOn = true;
      typing.current.sentAt = now;
    }
    clearTimeout(typing.current.idle);
    typing.current.idle = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function send(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    stopTyping();
    onSend(content.trim());
    setContent('');
  }

  const hint = isClosed
    ? t('inbox.composer.closed', { name: clientName })
    : status === 'bot'
      ? t('inbox.composer.hintTakesOver')
      : t('inbox.composer.hint');

  return (
    <form className="inbox-composer" onSubmit={send}>
      <label htmlFor={id} className="visually-hidden">
        {t('inbox.composer.label', { name: clientName })}
      </label>
      <div className="composer-row">
        <textarea
          id={id}
          name="reply"
          className="input textarea composer-input"
          rows={2}
          maxLength={4000}
          value={content}
          disabled={isClosed}
          placeholder={isClosed ? '' : t('inbox.composer.placeholder', { name: clientName })}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setContent(event.target.value);
            if (event.target.value.trim()) noteTyping();
            else stopTyping();
          }}
          onBlur={stopTyping}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              send();
            }
          }}
        />
        <Button type="submit" disabled={!canSend} icon={<Icon name="send" size={18} />}>
          {t('inbox.composer.send')}
        </Button>
      </div>
      <p id={`${id}-hint`} className="field-hint" data-closed={isClosed || undefined}>
        {hint}
      </p>
    </form>
  );
}
