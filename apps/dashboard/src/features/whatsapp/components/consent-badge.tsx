import type { WhatsAppContact } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { consentSourceOf } from '../utils/consent-source.ts';

const TONES = { opted_in: 'badge-success', opted_out: 'badge-danger', unknown: 'badge-muted' } as const;

/** Opted in, opted out or unknown, with where and when the contact said so. */
export function ConsentBadge({ consent }: { consent: WhatsAppContact['consent'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const status = consent.status ?? 'unknown';
  const source = consent.source ? consentSourceOf(consent.source) : undefined;
  const sourceText =
    source?.kind === 'keyword' ? t('whatsapp.contacts.consentKeyword', { word: source.text }) : source?.text;
  const details = [sourceText, consent.at ? format.date(consent.at) : null].filter(Boolean).join(' · ');
  return (
    <span className="wa-consent">
      <span className={`badge ${TONES[status]}`}>{t(`whatsapp.contacts.consent.${status}`)}</span>
      {details && <span className="wa-consent-details">{details}</span>}
    </span>
  );
}
