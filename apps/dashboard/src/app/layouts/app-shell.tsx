import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { Brand } from '../../components/brand.tsx';
import { LocaleSwitch } from '../../components/locale-switch.tsx';
import { Icon, type IconName } from '../../components/ui/icons.tsx';
import { LogOutButton } from '../../features/auth/components/log-out-button.tsx';
import { OpenAlertsBadge } from '../../features/coach/components/open-alerts-badge.tsx';
import { useCreator } from '../../lib/api.ts';
import { usePublicConfig } from '../../lib/public-config.ts';

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('') || '?';

/** The signed-in frame: navigation on the left (a drawer on small screens), top bar, page. */
export function AppShell() {
  const { t } = useTranslation();
  const creator = useCreator();
  const config = usePublicConfig();
  const [isNavOpen, setIsNavOpen] = useState(false);
  const closeNav = () => setIsNavOpen(false);

  const item = (to: string, icon: IconName, label: string, badge?: ReactNode) => (
    <li>
      <NavLink to={to} end={to === '/'} className="nav-link" onClick={closeNav}>
        <Icon name={icon} />
        <span className="nav-label">{label}</span>
        {badge}
      </NavLink>
    </li>
  );

  return (
    <div className="shell" data-nav-open={isNavOpen || undefined}>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <aside
        id="sidebar"
        className="sidebar"
        onKeyDown={(event) => {
          if (event.key === 'Escape') closeNav();
        }}
      >
        <div className="sidebar-inner">
          <div className="sidebar-brand">
            <Link to="/" className="brand-link" onClick={closeNav}>
              <Brand />
            </Link>
            <button
              type="button"
              className="icon-button sidebar-close"
              onClick={closeNav}
              aria-label={t('nav.closeMenu')}
            >
              <Icon name="close" />
            </button>
          </div>
          <nav aria-label={t('nav.label')} className="sidebar-nav">
            <ul>
              {item('/', 'overview', t('nav.overview'))}
              {item('/knowledge', 'knowledge', t('nav.knowledge'))}
              {item('/coach', 'coach', t('nav.coach'), <OpenAlertsBadge />)}
              {item('/programs', 'programs', t('nav.programs'))}
              {item('/inbox', 'inbox', t('nav.inbox'))}
              {item('/widget', 'widget', t('nav.widget'))}
              {item('/whatsapp', 'whatsapp', t('nav.whatsapp'))}
              {item('/analytics', 'analytics', t('nav.analytics'))}
            </ul>
            <ul className="sidebar-nav-bottom">{item('/settings', 'settings', t('nav.settings'))}</ul>
          </nav>
          {config.data && (
            <p className="sidebar-version">{t('app.version', { version: config.data.version })}</p>
          )}
        </div>
      </aside>
      {isNavOpen && (
        <button
          type="button"
          className="sidebar-backdrop"
          tabIndex={-1}
          aria-hidden="true"
          onClick={closeNav}
        />
      )}
      <div className="shell-main">
        <header className="topbar">
          <button
            type="button"
            className="icon-button menu-button"
            aria-label={t('nav.openMenu')}
            aria-controls="sidebar"
            aria-expanded={isNavOpen}
            onClick={() => setIsNavOpen(true)}
          >
            <Icon name="menu" />
          </button>
          <Link to="/" className="brand-link topbar-brand">
            <Brand />
          </Link>
          <div className="topbar-spacer" />
          <LocaleSwitch />
          <Link to="/settings/account" className="topbar-user" title={t('topbar.account')}>
            <span className="avatar" aria-hidden="true">
              {initialsOf(creator.displayName)}
            </span>
            <span className="topbar-name">{creator.displayName}</span>
          </Link>
          <LogOutButton />
        </header>
        <main id="main" className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
