import './whatsapp.css';
import type { WhatsAppContact } from '@companero/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { useDebouncedCallback } from '../../../hooks/use-debounced-callback.ts';
import { useNow } from '../../../hooks/use-now.ts';
import { useFormat } from '../../../lib/format.ts';
import { formatRelativeTime } from '../../../lib/relative-time.ts';
import { type ContactFilters, useContacts } from '../api/get-contacts.ts';
import { CONSENT_FILTERS, useContactFilters } from '../hooks/use-contact-filters.ts';
import { serviceWindowOf } from '../utils/service-window.ts';
import { translateWhatsAppError } from '../utils/whatsapp-error.ts';
import { ConsentBadge } from './consent-badge.tsx';
import { ConsentDialog } from './consent-dialog.tsx';

/**
 * The people who write to the WhatsApp number: whether they agreed to
 * broadcasts (and where), and whether the 24-hour window to answer them
 * freely is still open. Consent is recorded from each row.
 */
export function ContactsPanel() {
  const { t } = useTranslation();
  const { filters, update } = useContactFilters();
  const contacts = useContacts(filters);
  const [recording, setRecording] = useState<WhatsAppContact>();
  // "Clear filters" empties the tag box too: it keeps its own text while the creator types.
  const [filtersKey, setFiltersKey] = useState(0);
  const clearFilters = () => {
    update({ tag: '', consent: '' });
    setFiltersKey((key) => key + 1);
  };
  const items = contacts.data?.pages.flatMap((page) => page.items) ?? [];
  const isFiltered = filters.tag !== undefined || filters.consent !== undefined;
  const nameOf = (contact: WhatsAppContact) => contact.displayName?.trim() || contact.phone;

  return (
    <Card title={t('whatsapp.contacts.title')} subtitle={t('whatsapp.contacts.subtitle')}>
      <div className="stack">
        <ContactFiltersBar key={filtersKey} filters={filters} onChange={update} />
        {contacts.isPending && <LoadingState />}
        {contacts.isError && (
          <Alert
            tone="error"
            action={
              <Button variant="secondary" size="sm" onClick={() => contacts.refetch()}>
                {t('common.retry')}
              </Button>
            }
          >
            {translateWhatsAppError(t, contacts.error)}
          </Alert>
        )}
        {contacts.isSuccess && items.length === 0 && (
          <EmptyState
            icon="user"
            title={isFiltered ? t('whatsapp.contacts.noMatch') : t('whatsapp.contacts.empty')}
            action={
              isFiltered ? (
                <Button variant="secondary" size="sm" onClick={clearFilters}>
                  {t('whatsapp.contacts.clearFilters')}
                </Button>
              ) : undefined
            }
          >
            {isFiltered ? undefined : t('whatsapp.contacts.emptyHint')}
          </EmptyState>
        )}
        {items.length > 0 && <ContactsTable items={items} nameOf={nameOf} onRecordConsent={setRecording} />}
        {contacts.hasNextPage && (
          <div className="list-footer">
            <Button
              variant="secondary"
              size="sm"
              isLoading={contacts.isFetchingNextPage}
              onClick={() => contacts.fetchNextPage()}
            >
              {contacts.isFetchingNextPage ? t('common.loadingMore') : t('common.showMore')}
            </Button>
          </div>
        )}
      </div>
      <ConsentDialog
        contact={recording}
        contactName={recording ? nameOf(recording) : ''}
        onClose={() => setRecording(undefined)}
      />
    </Card>
  );
}

function ContactFiltersBar({
  filters,
  onChange,
}: {
  filters: ContactFilters;
  onChange: (patch: { tag?: string; consent?: string }) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [tag, setTag] = useState(filters.tag ?? '');
  const applyTag = useDebouncedCallback((value: string) => onChange({ tag: value }), 300);
  return (
    <fieldset className="wa-filters">
      <legend className="visually-hidden">{t('whatsapp.contacts.filters')}</legend>
      <div className="wa-filter">
        <label htmlFor={`${id}-tag`} className="field-label">
          {t('whatsapp.contacts.tagFilter')}
        </label>
        <input
          id={`${id}-tag`}
          className="input"
          type="search"
          value={tag}
          maxLength={50}
          placeholder={t('whatsapp.contacts.tagPlaceholder')}
          onChange={(event) => {
            setTag(event.target.value);
            applyTag.call(event.target.value);
          }}
        />
      </div>
      <div className="wa-filter">
        <label htmlFor={`${id}-consent`} className="field-label">
          {t('whatsapp.contacts.consentFilter')}
        </label>
        <select
          id={`${id}-consent`}
          className="input select"
          value={filters.consent ?? ''}
          onChange={(event) => onChange({ consent: event.target.value })}
        >
          <option value="">{t('whatsapp.contacts.anyConsent')}</option>
          {CONSENT_FILTERS.map((value) => (
            <option key={value} value={value}>
              {t(`whatsapp.contacts.consent.${value}`)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

function ContactsTable({
  items,
  nameOf,
  onRecordConsent,
}: {
  items: WhatsAppContact[];
  nameOf: (contact: WhatsAppContact) => string;
  onRecordConsent: (contact: WhatsAppContact) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const columns = {
    contact: t('whatsapp.contacts.columns.contact'),
    tags: t('whatsapp.contacts.columns.tags'),
    consent: t('whatsapp.contacts.columns.consent'),
    lastMessage: t('whatsapp.contacts.columns.lastMessage'),
    actions: t('whatsapp.contacts.columns.actions'),
  };
  return (
    <div className="table-wrap">
      <table className="table table-stack">
        <caption className="visually-hidden">{t('whatsapp.contacts.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.contact}</th>
            <th scope="col">{columns.tags}</th>
            <th scope="col">{columns.consent}</th>
            <th scope="col">{columns.lastMessage}</th>
            <th scope="col">
              <span className="visually-hidden">{columns.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((contact) => {
            const serviceWindow = serviceWindowOf(contact.lastInboundAt, now);
            return (
              <tr key={contact.endUserId}>
                <th scope="row" className="cell-name">
                  <span className="cell-strong">{nameOf(contact)}</span>
                  {contact.displayName?.trim() && (
                    <span className="cell-secondary wa-phone">{contact.phone}</span>
                  )}
                </th>
                <td data-label={columns.tags}>
                  {contact.tags.length > 0 ? (
                    <ul className="chip-list">
                      {contact.tags.map((tag) => (
                        <li key={tag} className="chip">
                          {tag}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td data-label={columns.consent}>
                  <ConsentBadge consent={contact.consent} />
                </td>
                <td data-label={columns.lastMessage}>
                  {contact.lastInboundAt ? (
                    <span className="wa-last">
                      <time dateTime={contact.lastInboundAt} title={format.dateTime(contact.lastInboundAt)}>
                        {formatRelativeTime(contact.lastInboundAt, now, i18n.resolvedLanguage ?? 'en')}
                      </time>
                      <span
                        className={`wa-window ${serviceWindow.isOpen ? 'wa-window-open' : ''}`}
                        title={
                          serviceWindow.closesAt
                            ? t(
                                serviceWindow.isOpen
                                  ? 'whatsapp.contacts.windowClosesAt'
                                  : 'whatsapp.contacts.windowClosedAt',
                                {
                                  when: format.dateTime(serviceWindow.closesAt),
                                },
                              )
                            : undefined
                        }
                      >
                        <span className="wa-window-dot" aria-hidden="true" />
                        {serviceWindow.isOpen
                          ? t('whatsapp.contacts.windowOpen')
                          : t('whatsapp.contacts.windowClosed')}
                      </span>
                    </span>
                  ) : (
                    <span className="muted">{t('whatsapp.contacts.neverWrote')}</span>
                  )}
                </td>
                <td className="cell-actions">
                  <Button
                    variant="ghost"
                    size="sm"
                    icon={<Icon name="edit" size={16} />}
                    aria-label={t('whatsapp.contacts.recordConsentFor', { name: nameOf(contact) })}
                    onClick={() => onRecordConsent(contact)}
                  >
                    {t('whatsapp.contacts.recordConsent')}
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
