import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useRotateWidgetKey } from '../api/rotate-widget-key.ts';

/** A new widget key, after a warning: every page with the old snippet stops showing the widget. */
export function RotateKeyButton({ onRotated }: { onRotated: () => void }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const rotate = useRotateWidgetKey({
    mutationConfig: {
      onSuccess: () => {
        setIsOpen(false);
        onRotated();
      },
    },
  });
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        icon={<Icon name="history" size={16} />}
        onClick={() => {
          rotate.reset();
          setIsOpen(true);
        }}
      >
        {t('widget.key.rotate')}
      </Button>
      <Dialog
        open={isOpen}
        onClose={() => setIsOpen(false)}
        title={t('widget.key.rotateTitle')}
        description={t('widget.key.rotateBody')}
      >
        {rotate.error && (
          <div className="dialog-body">
            <Alert tone="error">{translateError(t, rotate.error)}</Alert>
          </div>
        )}
        <footer className="dialog-footer">
          <Button variant="secondary" onClick={() => setIsOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button variant="danger" isLoading={rotate.isPending} onClick={() => rotate.mutate(undefined)}>
            {t('widget.key.rotateConfirm')}
          </Button>
        </footer>
      </Dialog>
    </>
  );
}
