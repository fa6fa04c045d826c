import type { AnalyticsOverview } from '@companero/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNow } from '../../../hooks/use-now.ts';
import { useFormat } from '../../../lib/format.ts';
import { formatRelativeTime } from '../../../lib/relative-time.ts';
import type { AnalyticsFormat } from '../hooks/use-analytics-format.ts';

/** What clients asked that the coach could not answer: the gaps to fill in the knowledge base. */
export function UnansweredQuestions({
  questions,
  format,
}: {
  questions: AnalyticsOverview['unansweredQuestions'];
  format: AnalyticsFormat;
}) {
  const { t } = useTranslation();
  const dates = useFormat();
  const now = useNow();
  const titleId = useId();
  const columns = {
    question: t('analytics.unanswered.question'),
    count: t('analytics.unanswered.count'),
    lastAsked: t('analytics.unanswered.lastAsked'),
  };
  return (
    <section className="card an-card" aria-labelledby={titleId}>
      <header className="an-card-header">
        <div>
          <h3 id={titleId} className="an-card-title">
            {t('analytics.unanswered.title')}
          </h3>
          <p className="an-card-subtitle">
            {t('analytics.unanswered.subtitle')}{' '}
            <Link to="/knowledge">{t('analytics.unanswered.addKnowledge')}</Link>
          </p>
        </div>
      </header>
      {questions.length === 0 ? (
        <p className="an-chart-empty">{t('analytics.unanswered.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-stack an-drill">
            <caption className="visually-hidden">{t('analytics.unanswered.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{columns.question}</th>
                <th scope="col" className="an-num">
                  {columns.count}
                </th>
                <th scope="col">{columns.lastAsked}</th>
              </tr>
            </thead>
            <tbody>
              {questions.map((question) => (
                <tr key={question.question}>
                  <th scope="row" className="cell-name an-question">
                    {question.question}
                  </th>
                  <td data-label={columns.count} className="an-num">
                    {format.count(question.count)}
                  </td>
                  <td data-label={columns.lastAsked} className="cell-nowrap">
                    <time dateTime={question.lastAskedAt} title={dates.dateTime(question.lastAskedAt)}>
                      {formatRelativeTime(question.lastAskedAt, now, format.locale)}
                    </time>
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
