import { type ReactNode, type Ref, type TextareaHTMLAttributes, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons.tsx';

export interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'children'> {
  label: ReactNode;
  name: string;
  hint?: ReactNode;
  /** Already translated; links to the textarea with aria-describedby and sets aria-invalid. */
  error?: string | undefined;
  isOptional?: boolean;
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextareaField({
  label,
  hint,
  error,
  isOptional,
  id,
  className,
  ...textarea
}: TextareaFieldProps) {
  const { t } = useTranslation();
  const autoId = useId();
  const inputId = id ?? autoId;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={inputId} className="field-label">
        {label}
        {isOptional && <span className="field-optional"> ({t('common.optional')})</span>}
      </label>
      <textarea
        id={inputId}
        className="input textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
        {...textarea}
      />
      {error && (
        <p id={errorId} className="field-error">
          <Icon name="alert" size={16} />
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
