import type { Conversation, ConversationSummary } from '@companero/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useSetConversationStatus } from '../api/set-conversation-status.ts';
import { CHANNEL_ICONS, useInboxLabels } from '../hooks/use-inbox-labels.ts';
import { initialsOf } from '../utils/initials.ts';

const STATUS_BADGES: Record<Conversation['status'], string> = {
  bot: 'badge badge-info',
  human: 'badge inbox-status-human',
  closed: 'badge badge-muted',
};

/**
 * Who the conversation is with, who is answering (the AI or the creator),
 * and the actions on it: take over (the AI pauses), hand back to the AI,
 * close (after a confirmation) and reopen.
 */
export function ConversationHeader({
  conversation,
  summary,
  titleId,
  backTo,
}: {
  conversation: Conversation;
  summary: ConversationSummary | undefined;
  titleId: string;
  backTo: string;
}) {
  const { t } = useTranslation();
  const labels = useInboxLabels();
  const [isClosing, setIsClosing] = useState(false);
  const setStatus = useSetConversationStatus({
    mutationConfig: { onSuccess: () => setIsClosing(false) },
  });
  const name = labels.clientName(summary?.endUser);
  const email = summary?.endUser.email;
  const act = (status: Conversation['status']) => setStatus.mutate({ id: conversation.id, status });
  const busyWith = setStatus.isPending ? setStatus.variables?.status : undefined;

  return (
    <header className="inbox-conversation-header">
      <Link to={backTo} className="back-link inbox-back">
        <Icon name="arrowLeft" size={16} />
        {t('inbox.conversation.back')}
      </Link>
      <div className="inbox-conversation-who">
        <span className="avatar" aria-hidden="true">
          {initialsOf(name)}
        </span>
        <div className="inbox-conversation-names">
          <h2 id={titleId} className="inbox-conversation-title">
            {name}
          </h2>
          <p className="inbox-conversation-sub">
            <span className="inbox-channel">
              <Icon name={CHANNEL_ICONS[conversation.channel]} size={14} />
              {labels.channel(conversation.channel)}
            </span>
            {email && email !== name && <span className="inbox-conversation-email">{email}</span>}
            <span className={STATUS_BADGES[conversation.status]} data-testid="conversation-status">
              {labels.status(conversation.status)}
            </span>
          </p>
        </div>
      </div>
      <div className="inbox-conversation-actions">
        {conversation.status === 'bot' && (
          <Button
            size="sm"
            icon={<Icon name="user" size={16} />}
            isLoading={busyWith === 'human'}
            disabled={setStatus.isPending}
            onClick={() => act('human')}
            title={t('inbox.conversation.takeOverHint')}
          >
            {t('inbox.conversation.takeOver')}
          </Button>
        )}
        {conversation.status === 'human' && (
          <Button
            variant="secondary"
            size="sm"
            icon={<Icon name="sparkles" size={16} />}
            isLoading={busyWith === 'bot'}
            disabled={setStatus.isPending}
            onClick={() => act('bot')}
          >
            {t('inbox.conversation.handBack')}
          </Button>
        )}
        {conversation.status === 'closed' ? (
          <Button
            variant="secondary"
            size="sm"
            isLoading={busyWith === 'human'}
            disabled={setStatus.isPending}
            onClick={() => act('human')}
          >
            {t('inbox.conversation.reopen')}
          </Button>
        ) : (
          <Button
            variant="ghost"
            size="sm"
            icon={<Icon name="check" size={16} />}
            disabled={setStatus.isPending}
            onClick={() => setIsClosing(true)}
          >
            {t('inbox.conversation.close')}
          </Button>
        )}
      </div>
      {setStatus.error && !isClosing && (
        <p className="field-error inbox-conversation-error" role="alert">
          <Icon name="alert" size={16} />
          {translateError(t, setStatus.error)}
        </p>
      )}
      <Dialog
        open={isClosing}
        onClose={() => {
          setIsClosing(false);
          setStatus.reset();
        }}
        title={t('inbox.conversation.closeTitle')}
        description={t('inbox.conversation.closeBody', { name })}
      >
        {setStatus.error && (
          <p className="field-error dialog-body" role="alert">
            {translateError(t, setStatus.error)}
          </p>
        )}
        <footer className="dialog-footer">
          <Button variant="secondary" onClick={() => setIsClosing(false)}>
            {t('common.cancel')}
          </Button>
          <Button variant="danger" isLoading={busyWith === 'closed'} onClick={() => act('closed')}>
            {t('inbox.conversation.closeConfirm')}
          </Button>
        </footer>
      </Dialog>
    </header>
  );
}
