import { KB_KINDS, KB_STATUSES, KB_VISIBILITIES } from '@companero/contracts';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { useDebouncedCallback } from '../../../hooks/use-debounced-callback.ts';
import { useKnowledgeLabels } from '../hooks/use-knowledge-labels.ts';
import type { useKnowledgeParams } from '../hooks/use-knowledge-params.ts';

type Params = ReturnType<typeof useKnowledgeParams>;

/** Search box and filters. Typing searches after a short pause (Enter at once); clearing it shows the documents again. */
export function KnowledgeToolbar({ params }: { params: Params }) {
  const { t } = useTranslation();
  const labels = useKnowledgeLabels();
  const searchId = useId();
  const [query, setQuery] = useState(params.q);
  const [tag, setTag] = useState(params.tag ?? '');
  const commitQuery = useDebouncedCallback((q: string) => params.update({ q: q.trim() }), 350);
  const commitTag = useDebouncedCallback((value: string) => params.update({ tag: value.trim() }), 400);

  // Back/forward or a link changed the address: show what it says.
  // (Only when it differs from what is typed, so a trailing space being typed survives.)
  useEffect(() => setQuery((typed) => (typed.trim() === params.q ? typed : params.q)), [params.q]);
  useEffect(
    () => setTag((typed) => (typed.trim() === (params.tag ?? '') ? typed : (params.tag ?? ''))),
    [params.tag],
  );

  const isSearching = params.q.length > 0;
  const all = { value: '', label: t('knowledge.filters.all') };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    commitQuery.cancel();
    params.update({ q: query.trim() }, { push: true });
  }

  return (
    <div className="kb-toolbar">
      <search>
        <form className="kb-search" onSubmit={onSubmit}>
          <label htmlFor={searchId} className="visually-hidden">
            {t('knowledge.search.label')}
          </label>
          <Icon name="search" size={18} className="kb-search-icon" />
          <input
            id={searchId}
            type="search"
            className="input kb-search-input"
            placeholder={t('knowledge.search.placeholder')}
            value={query}
            maxLength={500}
            onChange={(event) => {
              setQuery(event.target.value);
              commitQuery.call(event.target.value);
            }}
          />
          {query && (
            <button
              type="button"
              className="icon-button kb-search-clear"
              aria-label={t('knowledge.search.clear')}
              onClick={() => {
                setQuery('');
                commitQuery.cancel();
                params.update({ q: '' });
              }}
            >
              <Icon name="close" size={16} />
            </button>
          )}
        </form>
      </search>
      <div className="kb-filters">
        <SelectField
          label={t('knowledge.filters.kind')}
          name="kind"
          className="kb-filter"
          value={params.kind ?? ''}
          onChange={(event) => params.update({ kind: event.target.value })}
          options={[all, ...KB_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))]}
        />
        {isSearching ? (
          <SelectField
            label={t('knowledge.search.sort')}
            name="sort"
            className="kb-filter"
            value={params.sort}
            onChange={(event) =>
              params.update({ sort: event.target.value === 'relevance' ? '' : event.target.value })
            }
            options={[
              { value: 'relevance', label: t('knowledge.search.sortRelevance') },
              { value: 'newest', label: t('knowledge.search.sortNewest') },
            ]}
          />
        ) : (
          <SelectField
            label={t('knowledge.filters.status')}
            name="status"
            className="kb-filter"
            value={params.status ?? ''}
            onChange={(event) => params.update({ status: event.target.value })}
            options={[all, ...KB_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))]}
          />
        )}
        <SelectField
          label={t('knowledge.filters.visibility')}
          name="visibility"
          className="kb-filter"
          value={params.visibility ?? ''}
          onChange={(event) => params.update({ visibility: event.target.value })}
          options={[all, ...KB_VISIBILITIES.map((v) => ({ value: v, label: labels.visibility(v) }))]}
        />
        <div className="field kb-filter">
          <label htmlFor={`${searchId}-tag`} className="field-label">
            {t('knowledge.filters.tag')}
          </label>
          <input
            id={`${searchId}-tag`}
            className="input"
            value={tag}
            maxLength={50}
            placeholder={t('knowledge.filters.tagPlaceholder')}
            onChange={(event) => {
              setTag(event.target.value);
              commitTag.call(event.target.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                commitTag.cancel();
                params.update({ tag: tag.trim() });
              }
            }}
          />
        </div>
        {params.hasFilters && (
          <Button
            variant="ghost"
            size="sm"
            className="kb-filters-clear"
            onClick={() => {
              // A tag still being typed must not come back after the reset.
              commitTag.cancel();
              setTag('');
              params.update({ kind: '', status: '', visibility: '', tag: '' });
            }}
          >
            {t('knowledge.filters.clear')}
          </Button>
        )}
      </div>
    </div>
  );
}
