import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The card of a signed-out page (log in, sign up, ...): its h1 takes focus when the page opens. */
export function AuthCard({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section className="auth-card">
      <title>{`${title} · ${t('app.name')}`}</title>
      <header className="auth-card-header">
        <h1 ref={ref} tabIndex={-1} className="auth-card-title">
          {title}
        </h1>
        {subtitle && <p className="auth-card-subtitle">{subtitle}</p>}
      </header>
      {children}
      {footer && <footer className="auth-card-footer">{footer}</footer>}
    </section>
  );
}
