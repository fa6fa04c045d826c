import { useTranslation } from 'react-i18next';

const TONES: Record<string, string> = {
  APPROVED: 'badge-success',
  PENDING: 'badge-warning',
  REJECTED: 'badge-danger',
  PAUSED: 'badge-muted',
  DISABLED: 'badge-muted',
};

const KNOWN = new Set(Object.keys(TONES));

/** Meta's review status of a template; statuses Meta adds later show as they come. */
export function TemplateStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const label = KNOWN.has(status)
    ? t(
        `whatsapp.templates.statuses.${status as 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED'}`,
      )
    : status;
  return <span className={`badge ${TONES[status] ?? 'badge-muted'}`}>{label}</span>;
}
