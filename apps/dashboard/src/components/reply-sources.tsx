import type { Citation } from '@companero/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The numbered sources under a reply: the [n] markers in its text point here. */
export function ReplySources({ citations, idPrefix }: { citations: readonly Citation[]; idPrefix: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  if (citations.length === 0) return null;
  return (
    <div className="reply-sources">
      <h3 id={titleId} className="reply-sources-title">
        {t('coach.reply.sources')}
      </h3>
      <ol aria-labelledby={titleId} className="reply-sources-list">
        {citations.map((citation) => {
          const where = [
            citation.version !== null
              ? t('knowledge.versionShort', { version: citation.version })
              : undefined,
            citation.page !== null ? t('knowledge.pageShort', { page: citation.page }) : undefined,
            citation.headingPath.length > 0 ? citation.headingPath.join(' › ') : undefined,
          ].filter(Boolean);
          return (
            <li key={citation.n} id={`${idPrefix}-${citation.n}`} className="reply-source">
              <span className="citation-marker" aria-hidden="true">
                [{citation.n}]
              </span>
              <span className="visually-hidden">{t('coach.reply.sourceN', { n: citation.n })} </span>
              <cite className="reply-source-where">
                {citation.kind === 'correction' ? (
                  <span className="reply-source-title">{t('coach.reply.correctionSource')}</span>
                ) : citation.documentId ? (
                  <Link to={`/knowledge/documents/${citation.documentId}`} className="reply-source-title">
                    {citation.documentTitle}
                  </Link>
                ) : (
                  <span className="reply-source-title">{citation.documentTitle}</span>
                )}
                {where.map((part) => (
                  <span key={part}>
                    <span aria-hidden="true"> · </span>
                    {part}
                  </span>
                ))}
              </cite>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
