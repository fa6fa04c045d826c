import type { KbSearchHit } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { type SearchParams, useSearchKnowledge } from '../api/search-knowledge.ts';
import { highlightSegments } from '../utils/highlight.ts';

/** Search answers: the matching passage with its words marked, and where it comes from. */
export function SearchResults({ params }: { params: SearchParams }) {
  const { t, i18n } = useTranslation();
  const search = useSearchKnowledge(params);
  const hits = search.data?.pages.flatMap((page) => page.items) ?? [];
  const tookMs = search.data?.pages[0]?.tookMs;
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', { maximumFractionDigits: 2 });

  if (search.isPending) return <LoadingState label={t('knowledge.search.searching')} />;
  if (search.isError) {
    return (
      <Alert
        tone="error"
        action={
          <Button variant="secondary" size="sm" onClick={() => search.refetch()}>
            {t('common.retry')}
          </Button>
        }
      >
        {translateError(t, search.error)}
      </Alert>
    );
  }
  return (
    <section aria-label={t('knowledge.search.resultsLabel', { q: params.q })}>
      <p className="search-summary" role="status">
        {hits.length === 0
          ? t('knowledge.search.noResults', { q: params.q })
          : t('knowledge.search.summary', {
              count: hits.length,
              more: search.hasNextPage ? '+' : '',
              q: params.q,
              ms: number.format(tookMs ?? 0),
            })}
      </p>
      {hits.length === 0 ? (
        <EmptyState icon="search" title={t('knowledge.search.noResultsTitle')}>
          {t('knowledge.search.noResultsHint')}
        </EmptyState>
      ) : (
        <ol className="search-hits">
          {hits.map((hit) => (
            <SearchHit key={hit.chunkId} hit={hit} score={number.format(hit.score)} />
          ))}
        </ol>
      )}
      {search.hasNextPage && (
        <div className="list-footer">
          <Button
            variant="secondary"
            isLoading={search.isFetchingNextPage}
            onClick={() => search.fetchNextPage()}
          >
            {search.isFetchingNextPage ? t('common.loadingMore') : t('knowledge.search.loadMore')}
          </Button>
        </div>
      )}
    </section>
  );
}

function SearchHit({ hit, score }: { hit: KbSearchHit; score: string }) {
  const { t } = useTranslation();
  const { citation } = hit;
  const snippet = hit.snippet || hit.content;
  const segments = highlightSegments(snippet, hit.snippet ? hit.highlights : []);
  const where = [
    t('knowledge.versionShort', { version: citation.version }),
    citation.page !== null ? t('knowledge.pageShort', { page: citation.page }) : undefined,
    citation.headingPath.length > 0 ? citation.headingPath.join(' › ') : undefined,
  ].filter(Boolean);

  return (
    <li className="search-hit">
      <div className="search-hit-head">
        <cite className="search-hit-citation">
          <Link to={`/knowledge/documents/${citation.documentId}`} className="search-hit-title">
            {citation.documentTitle}
          </Link>
          {where.map((part) => (
            <span key={part}>
              <span aria-hidden="true"> · </span>
              {part}
            </span>
          ))}
        </cite>
        <span className="search-hit-score" title={t('knowledge.search.scoreHint')}>
          {t('knowledge.search.score', { score })}
        </span>
      </div>
      {/* Text nodes and <mark>s built from the ranges: server text is never parsed as HTML. */}
      <p className="search-hit-snippet">
        {segments.map((segment, index) =>
          segment.isMatch ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
            <mark key={index}>{segment.text}</mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
            <span key={index}>{segment.text}</span>
          ),
        )}
      </p>
    </li>
  );
}
