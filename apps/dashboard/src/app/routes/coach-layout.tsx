import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { OpenAlertsBadge } from '../../features/coach/components/open-alerts-badge.tsx';

/** The AI coach area: its sections as tabs (each its own address), the section below. */
export function CoachLayout() {
  const { t } = useTranslation();
  const tab = (to: string, label: string, extra?: ReactNode) => (
    <li>
      <NavLink to={to} className="tab">
        {label}
        {extra}
      </NavLink>
    </li>
  );
  return (
    <>
      <PageHeader title={t('nav.coach')} subtitle={t('coach.subtitle')} />
      <nav aria-label={t('coach.tabsLabel')} className="tabs">
        <ul>
          {tab('/coach/personality', t('coach.tabs.personality'))}
          {tab('/coach/playground', t('coach.tabs.playground'))}
          {tab('/coach/models', t('coach.tabs.models'))}
          {tab('/coach/corrections', t('coach.tabs.corrections'))}
          {tab('/coach/alerts', t('coach.tabs.alerts'), <OpenAlertsBadge />)}
        </ul>
      </nav>
      <div className="stack-lg">
        <Outlet />
      </div>
    </>
  );
}
