import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { useNow } from '../../../hooks/use-now.ts';
import { translateError } from '../../../lib/form-errors.ts';
import type { LiveSocketStatus } from '../../../lib/live-socket.ts';
import { useConversations } from '../api/get-conversations.ts';
import { useInboxParams } from '../hooks/use-inbox-params.ts';
import { ConversationListItem } from './conversation-list-item.tsx';
import { InboxFilters } from './inbox-filters.tsx';

/** The conversations, newest activity first, filtered by the address; kept live by the inbox socket. */
export function ConversationList({ liveStatus }: { liveStatus: LiveSocketStatus }) {
  const { t } = useTranslation();
  const params = useInboxParams();
  const list = useConversations(params.filters);
  const now = useNow();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="inbox-list" aria-labelledby="inbox-list-title">
      <header className="inbox-list-header">
        <h2 id="inbox-list-title" className="inbox-list-title">
          {t('inbox.listTitle')}
        </h2>
        <span className="inbox-live" data-status={liveStatus} role="status">
          <span className="inbox-live-dot" aria-hidden="true" />
          {t(`inbox.live.${liveStatus}`)}
        </span>
      </header>
      <InboxFilters />
      <div className="inbox-list-scroll">
        {list.isPending && <LoadingState />}
        {list.isError && (
          <div className="inbox-list-message">
            <Alert
              tone="error"
              action={
                <Button variant="secondary" size="sm" onClick={() => list.refetch()}>
                  {t('common.retry')}
                </Button>
              }
            >
              {translateError(t, list.error)}
            </Alert>
          </div>
        )}
        {list.isSuccess &&
          items.length === 0 &&
          (params.hasFilters ? (
            <EmptyState
              icon="search"
              title={t('inbox.emptyFiltered')}
              action={
                <Button variant="secondary" size="sm" onClick={params.clear}>
                  {t('inbox.filters.clear')}
                </Button>
              }
            >
              {t('inbox.emptyFilteredBody')}
            </EmptyState>
          ) : (
            <EmptyState
              icon="inbox"
              title={t('inbox.empty')}
              action={
                <Link to="/widget" className="btn btn-secondary btn-sm">
                  {t('inbox.emptyAction')}
                </Link>
              }
            >
              {t('inbox.emptyBody')}
            </EmptyState>
          ))}
        {items.length > 0 && (
          <ul className="inbox-items" aria-label={t('inbox.listLabel')}>
            {items.map((conversation) => (
              <ConversationListItem
                key={conversation.id}
                conversation={conversation}
                search={params.search}
                now={now}
              />
            ))}
          </ul>
        )}
        {list.hasNextPage && (
          <div className="list-footer">
            <Button
              variant="secondary"
              size="sm"
              isLoading={list.isFetchingNextPage}
              onClick={() => list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? t('common.loadingMore') : t('inbox.loadMore')}
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}
