import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { useCopyToClipboard } from '../../../hooks/use-copy-to-clipboard.ts';

/** About what one line of the field holds in the narrow side column. */
const LINE_CHARACTERS = 44;

/** A read-only value to paste elsewhere (Meta's dashboard), with its own Copy button. */
export function CopyField({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  const { t } = useTranslation();
  const id = useId();
  const clipboard = useCopyToClipboard();
  return (
    <div className="field">
      <div className="wa-copy-header">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <Button
          variant="secondary"
          size="sm"
          icon={<Icon name={clipboard.state === 'copied' ? 'check' : 'copy'} size={16} />}
          onClick={() => clipboard.copy(value)}
        >
          {clipboard.state === 'copied' ? t('whatsapp.copied') : copyLabel}
        </Button>
      </div>
      {/* A text area, not an input: a long URL wraps and shows whole instead of being cut off. */}
      <textarea
        id={id}
        className="input input-mono wa-copy-value"
        value={value}
        rows={value.length > LINE_CHARACTERS ? 2 : 1}
        readOnly
        spellCheck={false}
        aria-describedby={`${id}-status`}
        onFocus={(event) => event.currentTarget.select()}
      />
      <p id={`${id}-status`} className="field-hint" role="status">
        {clipboard.state === 'failed' ? t('whatsapp.copyFailed') : ''}
      </p>
    </div>
  );
}
