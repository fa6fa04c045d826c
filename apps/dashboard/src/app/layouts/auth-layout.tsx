import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { Brand } from '../../components/brand.tsx';
import { LocaleSwitch } from '../../components/locale-switch.tsx';

/** Signed-out pages: brand, language switch, one centred card (or a wider column for the dev mailbox). */
export function AuthLayout({ isWide = false }: { isWide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="auth-topbar">
        <Link to="/" className="brand-link">
          <Brand />
        </Link>
        <LocaleSwitch />
      </header>
      <main id="main" className={isWide ? 'auth-main auth-main-wide' : 'auth-main'}>
        <Outlet />
      </main>
      <footer className="auth-footer">{t('app.tagline')}</footer>
    </div>
  );
}
