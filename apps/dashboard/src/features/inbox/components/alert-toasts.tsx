import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../../../components/ui/icons.tsx';

export interface AlertToast {
  id: string;
  conversationId: string;
  isCrisis: boolean;
  headline: string;
  excerpt: string;
}

/**
 * Alerts as they arrive (a client asking for a human, a crisis phrase), each
 * with a link to its conversation. They stay until opened or dismissed: an
 * alert is someone who may need the creator now. Announced politely; a
 * crisis assertively.
 */
export function AlertToasts({
  toasts,
  search,
  onDismiss,
}: {
  toasts: readonly AlertToast[];
  search: string;
  onDismiss: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="inbox-toasts" aria-label={t('inbox.toast.label')}>
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className="inbox-toast"
          data-crisis={toast.isCrisis || undefined}
          role={toast.isCrisis ? 'alert' : 'status'}
        >
          <Icon name="alert" className="inbox-toast-icon" />
          <div className="inbox-toast-body">
            <p className="inbox-toast-title">{toast.headline}</p>
            {toast.excerpt && <p className="inbox-toast-excerpt">“{toast.excerpt}”</p>}
            <Link
              to={`/inbox/${toast.conversationId}${search}`}
              className="inbox-toast-link"
              onClick={() => onDismiss(toast.id)}
            >
              {t('inbox.toast.open')}
            </Link>
          </div>
          <button
            type="button"
            className="icon-button icon-button-sm"
            aria-label={t('inbox.toast.dismiss')}
            onClick={() => onDismiss(toast.id)}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </section>
  );
}
