import type { AnalyticsOverview } from '@companero/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AnalyticsFormat } from '../hooks/use-analytics-format.ts';

/** The knowledge the coach leans on most, and how often citing it was followed by a good outcome. */
export function TopDocuments({
  documents,
  format,
}: {
  documents: AnalyticsOverview['topDocuments'];
  format: AnalyticsFormat;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const columns = {
    document: t('analytics.documents.document'),
    citations: t('analytics.documents.citations'),
    positive: t('analytics.documents.positive'),
  };
  return (
    <section className="card an-card" aria-labelledby={titleId}>
      <header className="an-card-header">
        <div>
          <h3 id={titleId} className="an-card-title">
            {t('analytics.documents.title')}
          </h3>
          <p className="an-card-subtitle">{t('analytics.documents.subtitle')}</p>
        </div>
      </header>
      {documents.length === 0 ? (
        <p className="an-chart-empty">{t('analytics.documents.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-stack an-drill">
            <caption className="visually-hidden">{t('analytics.documents.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{columns.document}</th>
                <th scope="col" className="an-num">
                  {columns.citations}
                </th>
                <th scope="col" className="an-num">
                  {columns.positive}
                </th>
              </tr>
            </thead>
            <tbody>
              {documents.map((doc) => (
                <tr key={doc.documentId}>
                  <th scope="row" className="cell-name">
                    {doc.title === null ? (
                      <span className="muted">{t('analytics.documents.deleted')}</span>
                    ) : (
                      <Link to={`/knowledge/documents/${doc.documentId}`} className="doc-link">
                        {doc.title}
                      </Link>
                    )}
                  </th>
                  <td data-label={columns.citations} className="an-num">
                    {format.count(doc.citations)}
                  </td>
                  <td data-label={columns.positive} className="an-num">
                    {format.count(doc.followedByPositive)}
                    {doc.citations > 0 && (
                      <span className="an-share">
                        {' '}
                        ({format.percent(doc.followedByPositive / doc.citations, 0)})
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
