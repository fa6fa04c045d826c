import type { CreatedApiKey } from '@companero/contracts';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { useCopyToClipboard } from '../../../hooks/use-copy-to-clipboard.ts';

/** The new key's secret, shown this once, with a copy button. */
export function ApiKeySecret({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const { state, copy } = useCopyToClipboard();

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  return (
    <>
      <div className="dialog-body">
        <Alert tone="warning">{t('apiKeys.secretDialog.warning')}</Alert>
        <div className="field">
          <label htmlFor={inputId} className="field-label">
            {t('apiKeys.secretDialog.secretLabel', { name: created.apiKey.name })}
          </label>
          <div className="secret-row">
            <input
              ref={inputRef}
              id={inputId}
              className="input input-mono"
              value={created.secret}
              readOnly
              spellCheck={false}
              onFocus={(event) => event.currentTarget.select()}
            />
            <Button
              variant="secondary"
              icon={<Icon name={state === 'copied' ? 'check' : 'copy'} size={18} />}
              onClick={() => copy(created.secret)}
            >
              {state === 'copied' ? t('apiKeys.secretDialog.copied') : t('apiKeys.secretDialog.copy')}
            </Button>
          </div>
          {/* The button says "Copied" visibly; this live region says it to screen readers. */}
          <p className={state === 'failed' ? 'field-error' : 'visually-hidden'} role="status">
            {state === 'copied' ? t('apiKeys.secretDialog.copied') : null}
            {state === 'failed' ? t('apiKeys.secretDialog.copyFailed') : null}
          </p>
        </div>
      </div>
      <footer className="dialog-footer">
        <Button onClick={onDone}>{t('apiKeys.secretDialog.done')}</Button>
      </footer>
    </>
  );
}
