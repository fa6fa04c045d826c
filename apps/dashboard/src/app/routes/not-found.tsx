import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCard } from '../../components/auth-card.tsx';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <AuthCard title={t('notFound.title')} subtitle={t('notFound.body')}>
      <Link to="/" className="btn btn-primary btn-block">
        {t('common.goHome')}
      </Link>
    </AuthCard>
  );
}
