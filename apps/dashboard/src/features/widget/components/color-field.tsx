import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/ui/icons.tsx';

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A colour as #rrggbb: a swatch that opens the system picker, and the code to type or paste. */
export function ColorField({
  label,
  name,
  value,
  error,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field widget-color-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="widget-color-row">
        <input
          type="color"
          className="widget-color-swatch"
          value={HEX.test(value) ? value.toLowerCase() : '#000000'}
          aria-label={t('widget.theme.pickColor', { field: label })}
          onChange={(event) => onChange(event.target.value)}
        />
        <input
          id={id}
          name={name}
          className="input input-mono widget-color-text"
          value={value}
          maxLength={7}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => onChange(event.target.value.trim())}
        />
      </div>
      {error && (
        <p id={errorId} className="field-error">
          <Icon name="alert" size={16} />
          {error}
        </p>
      )}
    </div>
  );
}
