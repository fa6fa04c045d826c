import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { usePersonality } from '../api/get-personality.ts';
import { getPlayground, usePlaygroundChat } from '../hooks/use-playground.ts';
import { latestReply, type ReplyTurn } from '../utils/playground-chat.ts';
import { ReplyMessage, UserMessage } from './chat-turn.tsx';
import { MessageComposer } from './message-composer.tsx';
import { StartConversationForm } from './start-conversation-form.tsx';
import { WhyThisAnswer } from './why-this-answer.tsx';

/** How close to the bottom (px) counts as "following the conversation" for auto-scrolling. */
const FOLLOW_SLACK = 80;

/**
 * The creator talks to their own coach as a test member: replies stream in,
 * each with its sources, model and actions, and "Why this answer" beside the
 * chat explains the reply picked (the latest by default).
 */
export function PlaygroundPanel() {
  const { t } = useTranslation();
  const chat = usePlaygroundChat();
  const personality = usePersonality();
  const whyId = useId();
  const logRef = useRef<HTMLOListElement>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const whyHeadingRef = useRef<HTMLHeadingElement>(null);
  const isFollowing = useRef(true);
  const [picked, setPicked] = useState<string | null>(null);
  const coachName = personality.data?.coachName.trim() || t('coach.preview.defaultName');
  const isBusy = chat.turns.some((turn) => turn.kind === 'reply' && turn.isStreaming);

  const explained =
    chat.turns.find((turn): turn is ReplyTurn => turn.kind === 'reply' && turn.clientMessageId === picked) ??
    latestReply(chat);
  const lastFinished = chat.turns.findLast(
    (turn): turn is ReplyTurn => turn.kind === 'reply' && !turn.isStreaming && turn.message !== null,
  );

  // A conversation just started here: start typing right away, and explain its replies afresh.
  // (Coming back to the tab leaves focus where the creator put it.)
  const shownConversation = useRef(chat.conversationId);
  useEffect(() => {
    if (chat.conversationId === shownConversation.current) return;
    shownConversation.current = chat.conversationId;
    composerRef.current?.focus();
    setPicked(null);
  }, [chat.conversationId]);

  // Keep the newest words in view while the creator follows along (not when they scrolled up to read).
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && isFollowing.current) log.scrollTop = log.scrollHeight;
  });

  return (
    <div className="stack-lg">
      <StartConversationForm hasConversation={chat.conversationId !== null} initialTags={chat.tags} />
      {chat.conversationId ? (
        <div className="playground-layout">
          <section className="card playground-chat" aria-labelledby="playground-chat-title">
            <header className="playground-chat-header">
              <h2 id="playground-chat-title" className="card-title">
                {t('coach.playground.chatTitle')}
              </h2>
              <p className="card-subtitle">
                {chat.tags.length > 0
                  ? t('coach.playground.asMemberWithTags', { tags: chat.tags.join(', ') })
                  : t('coach.playground.asMember')}
              </p>
            </header>
            {chat.status === 'human' && <Alert tone="warning">{t('coach.playground.handedOver')}</Alert>}
            {chat.turns.length === 0 ? (
              <p className="chat-empty">{t('coach.playground.chatEmpty')}</p>
            ) : (
              <ol
                ref={logRef}
                className="chat-log"
                aria-label={t('coach.playground.messages')}
                onScroll={(event) => {
                  const log = event.currentTarget;
                  isFollowing.current = log.scrollHeight - log.scrollTop - log.clientHeight < FOLLOW_SLACK;
                }}
              >
                {chat.turns.map((turn) =>
                  turn.kind === 'user' ? (
                    <UserMessage key={`user-${turn.clientMessageId}`} turn={turn} />
                  ) : (
                    <ReplyMessage
                      key={`reply-${turn.clientMessageId}`}
                      turn={turn}
                      coachName={coachName}
                      explainsId={whyId}
                      isExplained={explained === turn}
                      onExplain={() => {
                        setPicked(turn.clientMessageId);
                        whyHeadingRef.current?.focus();
                        whyHeadingRef.current?.scrollIntoView({ block: 'nearest' });
                      }}
                    />
                  ),
                )}
              </ol>
            )}
            {/* Streaming word by word would make a screen reader stutter: the reply is read once, complete. */}
            <p className="visually-hidden" aria-live="polite" aria-atomic="true">
              {lastFinished ? `${t('coach.reply.label', { name: coachName })}: ${lastFinished.text}` : ''}
            </p>
            <MessageComposer
              ref={composerRef}
              isBusy={isBusy}
              onSend={(content) => {
                isFollowing.current = true;
                setPicked(null);
                void getPlayground().send(content);
              }}
            />
          </section>
          <WhyThisAnswer id={whyId} turn={explained} headingRef={whyHeadingRef} />
        </div>
      ) : (
        <EmptyState icon="sparkles" title={t('coach.playground.emptyTitle')}>
          {t('coach.playground.emptyBody')}
        </EmptyState>
      )}
    </div>
  );
}
