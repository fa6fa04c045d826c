import type { ApiKey } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useRevokeApiKey } from '../api/revoke-api-key.ts';

export function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiKey({ mutationConfig: { onSuccess: onClose } });
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <Dialog
      open={apiKey !== undefined}
      onClose={close}
      title={t('apiKeys.revokeDialog.title')}
      description={apiKey ? t('apiKeys.revokeDialog.body', { name: apiKey.name }) : undefined}
    >
      {revoke.error && (
        <div className="dialog-body">
          <Alert tone="error">{translateError(t, revoke.error)}</Alert>
        </div>
      )}
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={close}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="danger"
          isLoading={revoke.isPending}
          onClick={() => {
            if (apiKey) revoke.mutate(apiKey.id);
          }}
        >
          {revoke.isPending ? t('apiKeys.revokeDialog.confirming') : t('apiKeys.revokeDialog.confirm')}
        </Button>
      </footer>
    </Dialog>
  );
}
