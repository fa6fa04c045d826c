import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { useDisconnectWhatsApp } from '../api/disconnect-whatsapp.ts';
import { translateWhatsAppError } from '../utils/whatsapp-error.ts';

/** Asks before forgetting the credentials: the coach stops answering on WhatsApp at once. */
export function DisconnectDialog({
  open,
  phone,
  onClose,
}: {
  open: boolean;
  phone: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const disconnect = useDisconnectWhatsApp({ mutationConfig: { onSuccess: onClose } });
  const close = () => {
    disconnect.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('whatsapp.disconnect.title')}
      description={t('whatsapp.disconnect.body', { phone })}
    >
      {disconnect.error && (
        <div className="dialog-body">
          <Alert tone="error">{translateWhatsAppError(t, disconnect.error)}</Alert>
        </div>
      )}
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={close}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="danger"
          isLoading={disconnect.isPending}
          onClick={() => disconnect.mutate(undefined)}
        >
          {disconnect.isPending ? t('whatsapp.disconnect.confirming') : t('whatsapp.disconnect.confirm')}
        </Button>
      </footer>
    </Dialog>
  );
}
