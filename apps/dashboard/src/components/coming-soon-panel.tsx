import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from './ui/icons.tsx';
import { PageHeader } from './ui/page-header.tsx';

export const UPCOMING_AREAS = ['programs', 'analytics'] as const;
export type UpcomingArea = (typeof UPCOMING_AREAS)[number];

/** The page of an area still being built: what it will do, said plainly. */
export function ComingSoonPanel({ area }: { area: UpcomingArea }) {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t(`areas.${area}.title`)} · ${t('app.name')}`}</title>
      <PageHeader title={t(`areas.${area}.title`)} />
      <section className="coming-soon" aria-labelledby={`coming-soon-${area}`}>
        <span className="coming-soon-icon">
          <Icon name={area satisfies IconName} size={32} />
        </span>
        <span className="badge badge-accent">
          <Icon name="sparkles" size={14} />
          {t('areas.badge')}
        </span>
        <p id={`coming-soon-${area}`} className="coming-soon-description">
          {t(`areas.${area}.description`)}
        </p>
        <p className="coming-soon-note">{t('areas.note')}</p>
      </section>
    </>
  );
}
