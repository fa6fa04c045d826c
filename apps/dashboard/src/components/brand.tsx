import { useTranslation } from 'react-i18next';

export function Brand() {
  const { t } = useTranslation();
  return (
    <span className="brand">
      <svg className="brand-mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
        <rect width="32" height="32" rx="9" fill="currentColor" />
        <path
          d="M9 17.5c0-4.7 3.2-8 7.6-8 2.3 0 4.1.8 5.4 2.2l-2.2 2.2c-.8-.9-1.9-1.4-3.2-1.4-2.6 0-4.4 2-4.4 5s1.8 5 4.4 5c1.3 0 2.4-.5 3.2-1.4l2.2 2.2c-1.3 1.4-3.1 2.2-5.4 2.2-4.4 0-7.6-3.3-7.6-8z"
          fill="#fff"
        />
      </svg>
      <span className="brand-name">{t('app.name')}</span>
    </span>
  );
}
