import { CHANNELS, CONVERSATION_STATUSES } from '@companero/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useInboxLabels } from '../hooks/use-inbox-labels.ts';
import { useInboxParams } from '../hooks/use-inbox-params.ts';

const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

/** Channel, status and mood, unread only, needs attention: all kept in the address. */
export function InboxFilters() {
  const { t } = useTranslation();
  const labels = useInboxLabels();
  const params = useInboxParams();
  const id = useId();

  const select = (
    name: 'channel' | 'status' | 'sentiment',
    label: string,
    anyLabel: string,
    value: string | undefined,
    options: ReadonlyArray<{ value: string; label: string }>,
  ) => (
    <div className="inbox-filter">
      <label htmlFor={`${id}-${name}`} className="visually-hidden">
        {label}
      </label>
      <select
        id={`${id}-${name}`}
        className="input select inbox-filter-select"
        value={value ?? ''}
        onChange={(event) => params.update({ [name]: event.target.value })}
      >
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <fieldset className="inbox-filters">
      <legend className="visually-hidden">{t('inbox.filters.label')}</legend>
      <div className="inbox-filter-row">
        {select(
          'channel',
          t('inbox.filters.channel'),
          t('inbox.filters.anyChannel'),
          params.channel,
          CHANNELS.map((value) => ({ value, label: labels.channel(value) })),
        )}
        {select(
          'status',
          t('inbox.filters.status'),
          t('inbox.filters.anyStatus'),
          params.status,
          CONVERSATION_STATUSES.map((value) => ({ value, label: labels.status(value) })),
        )}
        {select(
          'sentiment',
          t('inbox.filters.sentiment'),
          t('inbox.filters.anySentiment'),
          params.sentiment,
          SENTIMENTS.map((value) => ({ value, label: labels.sentiment(value) })),
        )}
      </div>
      <div className="inbox-filter-row">
        <label className="inbox-toggle">
          <input
            type="checkbox"
            checked={params.isUnreadOnly}
            onChange={(event) => params.update({ unread: event.target.checked ? '1' : null })}
          />
          {t('inbox.filters.unread')}
        </label>
        <label className="inbox-toggle">
          <input
            type="checkbox"
            checked={params.isAttentionOnly}
            onChange={(event) => params.update({ attention: event.target.checked ? '1' : null })}
          />
          {t('inbox.filters.attention')}
        </label>
        {params.hasFilters && (
          <button type="button" className="link-subtle inbox-filters-clear" onClick={params.clear}>
            {t('inbox.filters.clear')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
