import { useTranslation } from 'react-i18next';

/** A decorative spinner; pair it with visible text, or use `LoadingState` for a labelled one. */
export function Spinner({ size = 20 }: { size?: number }) {
  return <span className="spinner" style={{ width: size, height: size }} aria-hidden="true" />;
}

/** A loading placeholder announced to screen readers. */
export function LoadingState({ label, fullPage = false }: { label?: string; fullPage?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={fullPage ? 'loading-state loading-state-page' : 'loading-state'} role="status">
      <Spinner size={fullPage ? 28 : 22} />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}
