import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon, type IconName } from '../../components/ui/icons.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { useCreator } from '../../lib/api.ts';

export function OverviewRoute() {
  const { t } = useTranslation();
  const creator = useCreator();
  const startCards = [
    {
      icon: 'knowledge',
      title: t('overview.knowledgeTitle'),
      body: t('overview.knowledgeBody'),
      to: '/knowledge',
      action: t('overview.knowledgeAction'),
    },
    {
      icon: 'coach',
      title: t('overview.coachTitle'),
      body: t('overview.coachBody'),
      to: '/coach',
      action: t('overview.coachAction'),
    },
    {
      icon: 'widget',
      title: t('overview.widgetTitle'),
      body: t('overview.widgetBody'),
      to: '/widget',
      action: t('overview.widgetAction'),
    },
    {
      icon: 'whatsapp',
      title: t('overview.whatsappTitle'),
      body: t('overview.whatsappBody'),
      to: '/whatsapp',
      action: t('overview.whatsappAction'),
    },
    {
      icon: 'programs',
      title: t('overview.programsTitle'),
      body: t('overview.programsBody'),
      to: '/programs',
      action: t('overview.programsAction'),
    },
    {
      icon: 'inbox',
      title: t('overview.inboxTitle'),
      body: t('overview.inboxBody'),
      to: '/inbox',
      action: t('overview.inboxAction'),
    },
    {
      icon: 'analytics',
      title: t('overview.analyticsTitle'),
      body: t('overview.analyticsBody'),
      to: '/analytics',
      action: t('overview.analyticsAction'),
    },
    {
      icon: 'key',
      title: t('overview.apiKeysTitle'),
      body: t('overview.apiKeysBody'),
      to: '/settings/api-keys',
      action: t('overview.apiKeysAction'),
    },
    {
      icon: 'user',
      title: t('overview.accountTitle'),
      body: t('overview.accountBody'),
      to: '/settings/account',
      action: t('overview.accountAction'),
    },
    {
      icon: 'shield',
      title: t('overview.securityTitle'),
      body: t('overview.securityBody'),
      to: '/settings/security',
      action: t('overview.securityAction'),
    },
  ] satisfies Array<{ icon: IconName; title: string; body: string; to: string; action: string }>;

  return (
    <>
      <title>{`${t('nav.overview')} · ${t('app.name')}`}</title>
      <PageHeader
        title={t('overview.greeting', { name: creator.displayName })}
        subtitle={t('overview.subtitle')}
      />
      <section aria-labelledby="start-title" className="section">
        <h2 id="start-title" className="section-title">
          {t('overview.startTitle')}
        </h2>
        <ul className="card-grid">
          {startCards.map((card) => (
            <li key={card.to} className="feature-card">
              <span className="feature-card-icon">
                <Icon name={card.icon} />
              </span>
              <h3 className="feature-card-title">{card.title}</h3>
              <p className="feature-card-body">{card.body}</p>
              <Link to={card.to} className="feature-card-link">
                {card.action} <span aria-hidden="true">→</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
