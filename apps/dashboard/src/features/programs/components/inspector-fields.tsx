import { type InputHTMLAttributes, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/ui/text-field.tsx';
import { TextareaField } from '../../../components/ui/textarea-field.tsx';

/**
 * Inputs of the step inspector. The step's data is the source of truth (undo
 * and redo change it from outside); inputs whose text is not the value itself
 * (numbers, lists) keep what is being typed and follow outside changes.
 */

interface LooseProps<T> {
  label: string;
  name: string;
  value: T;
  format: (value: T) => string;
  /** The value for a text, or `invalid` to keep the last good value while the text is mid-edit. */
  parse: (text: string) => T | typeof INVALID;
  onChange: (value: T) => void;
  hint?: string | undefined;
  error?: string | undefined;
  isOptional?: boolean;
  inputProps?: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'name'>;
}

export const INVALID = Symbol('invalid');

export function LooseTextField<T>({
  label,
  name,
  value,
  format,
  parse,
  onChange,
  hint,
  error,
  isOptional,
  inputProps,
}: LooseProps<T>) {
  const [text, setText] = useState(() => format(value));
  const lastValue = useRef(value);
  // An outside change (undo, another field) shows; our own echo does not reformat the text being typed.
  useEffect(() => {
    if (!Object.is(lastValue.current, value) && JSON.stringify(lastValue.current) !== JSON.stringify(value)) {
      setText(format(value));
    }
    lastValue.current = value;
  }, [value, format]);
  return (
    <TextField
      label={label}
      name={name}
      value={text}
      hint={hint}
      error={error}
      isOptional={isOptional}
      {...inputProps}
      onChange={(event) => {
        setText(event.target.value);
        const parsed = parse(event.target.value);
        if (parsed === INVALID) return;
        lastValue.current = parsed;
        onChange(parsed);
      }}
    />
  );
}

const formatNumber = (value: number | undefined) => (value === undefined ? '' : String(value));

export function NumberField({
  label,
  name,
  value,
  onChange,
  min,
  max,
  isInteger = true,
  hint,
  error,
  isOptional,
  placeholder,
}: {
  label: string;
  name: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  min?: number;
  max?: number;
  isInteger?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
  isOptional?: boolean;
  placeholder?: string;
}) {
  return (
    <LooseTextField<number | undefined>
      label={label}
      name={name}
      value={value}
      format={formatNumber}
      parse={(text) => {
        if (text.trim() === '') return undefined;
        const number = Number(text);
        if (!Number.isFinite(number)) return INVALID;
        return isInteger ? Math.trunc(number) : number;
      }}
      onChange={onChange}
      hint={hint}
      error={error}
      isOptional={isOptional}
      inputProps={{
        type: 'number',
        inputMode: isInteger ? 'numeric' : 'decimal',
        step: isInteger ? 1 : 'any',
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        ...(placeholder !== undefined ? { placeholder } : {}),
        className: 'field-short',
      }}
    />
  );
}

/**
 * Text sent to the client, where `{{variable}}` is replaced: a hint says so
 * and a button per known variable inserts it where the cursor is.
 */
export function TemplateField({
  label,
  name,
  value,
  onChange,
  variables,
  error,
  isOptional,
  rows = 3,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  variables: readonly string[];
  error?: string | undefined;
  isOptional?: boolean;
  rows?: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const insert = (variable: string) => {
    const token = `{{${variable}}}`;
    const area = ref.current;
    const start = area?.selectionStart ?? value.length;
    const end = area?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  return (
    <div className="pinspector-template">
      <TextareaField
        ref={ref}
        label={label}
        name={name}
        value={value}
        rows={rows}
        maxLength={4096}
        error={error}
        isOptional={isOptional}
        hint={t('programs.editor.inspector.templateHint', { example: '{{user.firstName}}' })}
        onChange={(event) => onChange(event.target.value)}
      />
      <div className="pinspector-variables">
        <span className="small muted">{t('programs.editor.inspector.insertVariable')}</span>
        {['user.firstName', ...variables].map((variable) => (
          <button
            key={variable}
            type="button"
            className="pinspector-variable"
            aria-label={t('programs.editor.inspector.insert', { name: variable })}
            onClick={() => insert(variable)}
          >
            {`{{${variable}}}`}
          </button>
        ))}
      </div>
    </div>
  );
}
