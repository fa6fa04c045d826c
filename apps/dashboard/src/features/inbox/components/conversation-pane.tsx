import { ApiError } from '@companero/api-client';
import type { MessageWithMeta } from '@companero/contracts';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { useDocumentVisible } from '../../../hooks/use-document-visible.ts';
import { translateError } from '../../../lib/form-errors.ts';
import { useConversation } from '../api/get-conversation.ts';
import { useMessages } from '../api/get-messages.ts';
import { useMarkRead } from '../api/mark-read.ts';
import { useSendCreatorMessage } from '../api/send-creator-message.ts';
import { useConversationLive } from '../hooks/use-conversation-live.ts';
import { useInboxLabels } from '../hooks/use-inbox-labels.ts';
import { useInboxParams } from '../hooks/use-inbox-params.ts';
import { useSummary } from '../hooks/use-summary.ts';
import { newClientMessageId } from '../utils/new-client-message-id.ts';
import { buildTranscript, lastClientMessage, laterOf, type PendingMessage } from '../utils/transcript.ts';
import { AlertBanner } from './alert-banner.tsx';
import { ConversationHeader } from './conversation-header.tsx';
import { CreatorComposer } from './creator-composer.tsx';
import { TranscriptItem } from './transcript-item.tsx';

/** How close to the bottom (px) counts as following the conversation, for auto-scrolling. */
const FOLLOW_SLACK = 80;

/**
 * One conversation, live: its header and actions, the transcript (with the
 * AI's replies as they are written, the client's typing, "Seen"), and the
 * composer. Opening it, and any client message arriving while it is in view,
 * marks the client's messages read. Mount it with `key={conversationId}`.
 */
export function ConversationPane({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const labels = useInboxLabels();
  const params = useInboxParams();
  const titleId = useId();
  const conversation = useConversation(conversationId);
  const summary = useSummary(conversationId);
  const messagesQuery = useMessages(conversationId);
  const markRead = useMarkRead();
  const send = useSendCreatorMessage();
  const isVisible = useDocumentVisible();
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const logRef = useRef<HTMLOListElement>(null);
  const isFollowing = useRef(true);
  const clientName = labels.clientName(summary?.endUser);

  const live = useConversationLive(conversationId, {
    onMessage: (message: MessageWithMeta) => {
      if (message.role === 'creator') return;
      const who = message.role === 'user' ? clientName : t('inbox.conversation.aiCoach');
      setAnnouncement(t('inbox.conversation.newMessage', { name: who, text: message.content }));
    },
  });

  const messages = useMemo(
    () => messagesQuery.data?.pages.flatMap((page) => page.items) ?? [],
    [messagesQuery.data],
  );
  const readMessage = messages.find((m) => m.id === live.clientReadMessageId);
  const visitorReadAt = laterOf(summary?.visitorReadAt, readMessage?.createdAt);
  const items = buildTranscript({ messages, streaming: live.streaming, pending, visitorReadAt });

  // Read on opening, and again whenever a client message arrives while the creator looks.
  const isLoaded = messagesQuery.isComplete;
  const lastClientId = lastClientMessage(messages)?.id ?? null;
  const markedUpTo = useRef<string | null | undefined>(undefined);
  const { mutate: mark } = markRead;
  useEffect(() => {
    if (!isVisible || !isLoaded || markedUpTo.current === lastClientId) return;
    markedUpTo.current = lastClientId;
    mark({ conversationId, ...(lastClientId ? { messageId: lastClientId } : {}) });
  }, [isVisible, isLoaded, lastClientId, conversationId, mark]);

  // Keep the newest message in view while the creator follows along (not after scrolling up to read).
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && isFollowing.current) log.scrollTop = log.scrollHeight;
  });

  function deliver(clientMessageId: string, content: string) {
    // Per-call promises, not mutate's callbacks: those fire only for the latest of quick sends.
    send.mutateAsync({ conversationId, content, clientMessageId }).then(
      () => setPending((current) => current.filter((p) => p.clientMessageId !== clientMessageId)),
      (error: unknown) =>
        setPending((current) =>
          current.map((p) => (p.clientMessageId === clientMessageId ? { ...p, error } : p)),
        ),
    );
  }

  if (conversation.isPending) return <LoadingState label={t('inbox.conversation.loading')} />;
  if (conversation.isError) {
    const isMissing = conversation.error instanceof ApiError && conversation.error.status === 404;
    return isMissing ? (
      <EmptyState
        icon="inbox"
        title={t('inbox.conversation.notFound')}
        action={
          <Link to={`/inbox${params.search}`} className="btn btn-secondary btn-sm">
            {t('inbox.conversation.back')}
          </Link>
        }
      >
        {t('inbox.conversation.notFoundBody')}
      </EmptyState>
    ) : (
      <div className="inbox-pane-message">
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => conversation.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, conversation.error)}
        </Alert>
      </div>
    );
  }

  const status = conversation.data.status;
  return (
    <article className="inbox-conversation" aria-labelledby={titleId}>
      <ConversationHeader
        conversation={conversation.data}
        summary={summary}
        titleId={titleId}
        backTo={`/inbox${params.search}`}
      />
      {summary?.alert && (
        <AlertBanner alert={summary.alert} conversationId={conversationId} clientName={clientName} />
      )}
      {messagesQuery.isPending ? (
        <div className="inbox-log-state">
          <LoadingState />
        </div>
      ) : messagesQuery.isError ? (
        <div className="inbox-log-state">
          <Alert
            tone="error"
            action={
              <Button variant="secondary" size="sm" onClick={() => messagesQuery.refetch()}>
                {t('common.retry')}
              </Button>
            }
          >
            {translateError(t, messagesQuery.error)}
          </Alert>
        </div>
      ) : items.length === 0 ? (
        <p className="inbox-log-state inbox-log-empty">{t('inbox.conversation.empty')}</p>
      ) : (
        <ol
          ref={logRef}
          className="inbox-log"
          aria-label={t('inbox.conversation.messagesLabel')}
          onScroll={(event) => {
            const log = event.currentTarget;
            isFollowing.current = log.scrollHeight - log.scrollTop - log.clientHeight < FOLLOW_SLACK;
          }}
        >
          {items.map((item) => (
            <TranscriptItem
              key={
                item.kind === 'message'
                  ? item.message.id
                  : item.kind === 'streaming'
                    ? `streaming-${item.replyId}`
                    : `pending-${item.clientMessageId}`
              }
              item={item}
              clientName={clientName}
              onRetry={(clientMessageId) => {
                const retried = pending.find((p) => p.clientMessageId === clientMessageId);
                if (!retried) return;
                setPending((current) =>
                  current.map((p) => (p.clientMessageId === clientMessageId ? { ...p, error: null } : p)),
                );
                deliver(clientMessageId, retried.content);
              }}
            />
          ))}
          {messagesQuery.hasNextPage && !messagesQuery.isFetchingNextPage && (
            <li className="list-footer">
              <Button variant="secondary" size="sm" onClick={() => messagesQuery.fetchNextPage()}>
                {t('inbox.conversation.moreMessages')}
              </Button>
            </li>
          )}
        </ol>
      )}
      <p className="inbox-typing" aria-hidden={!live.isClientTyping}>
        {live.isClientTyping ? t('inbox.conversation.typing', { name: clientName }) : ''}
      </p>
      {/* New messages are read out once, whole; a reply being written would make a screen reader stutter. */}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <CreatorComposer
        status={status}
        clientName={clientName}
        onTyping={(typing) => live.sendTyping(typing)}
        onSend={(content) => {
          const clientMessageId = newClientMessageId();
          isFollowing.current = true;
          setPending((current) => [...current, { clientMessageId, content, error: null }]);
          deliver(clientMessageId, content);
        }}
      />
    </article>
  );
}
