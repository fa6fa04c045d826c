import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons.tsx';

export interface ChipInputProps {
  label: ReactNode;
  name: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  hint?: string;
  /** Already translated; links to the input with aria-describedby and sets aria-invalid. */
  error?: string | undefined;
  isOptional?: boolean;
  maxItems?: number;
  /** Longest item; longer text is refused as it is typed. */
  maxLength?: number;
  placeholder?: string;
}

/**
 * A list of short words (tones, topics, tags) typed one at a time: Enter or a
 * comma adds what was typed as a chip, Backspace in the empty field takes the
 * last one back for editing, and each chip has its own remove button. Pasted
 * "a, b, c" becomes three chips. Duplicates (any case) are ignored.
 */
export function ChipInput({
  label,
  name,
  values,
  onChange,
  hint,
  error,
  isOptional,
  maxItems,
  maxLength,
  placeholder,
}: ChipInputProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState('');
  const hintId = `${inputId}-hint`;
  const errorId = error ? `${inputId}-error` : undefined;
  const isFull = maxItems !== undefined && values.length >= maxItems;

  function add(raw: string) {
    const next = [...values];
    for (const part of raw.split(',')) {
      const item = part.trim();
      if (!item || next.some((v) => v.toLocaleLowerCase() === item.toLocaleLowerCase())) continue;
      if (maxItems !== undefined && next.length >= maxItems) break;
      next.push(maxLength ? item.slice(0, maxLength) : item);
    }
    if (next.length !== values.length) onChange(next);
    setDraft('');
  }

  function remove(index: number) {
    onChange(values.filter((_, i) => i !== index));
    inputRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if ((event.key === 'Enter' || event.key === ',') && draft.trim()) {
      event.preventDefault();
      add(draft);
    } else if (event.key === 'Backspace' && draft === '' && values.length > 0) {
      event.preventDefault();
      const last = values.at(-1) ?? '';
      onChange(values.slice(0, -1));
      setDraft(last);
    }
  }

  return (
    <div className="field">
      <label htmlFor={inputId} className="field-label">
        {label}
        {isOptional && <span className="field-optional"> ({t('common.optional')})</span>}
      </label>
      <div className="chip-input" data-invalid={error ? true : undefined}>
        {values.length > 0 && (
          <ul className="chip-input-list" aria-label={t('chipInput.added', { count: values.length })}>
            {values.map((value, index) => (
              <li key={value} className="chip chip-removable">
                <span>{value}</span>
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={t('chipInput.remove', { item: value })}
                  onClick={() => remove(index)}
                >
                  <Icon name="close" size={14} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={inputRef}
          id={inputId}
          name={name}
          className="chip-input-field"
          value={draft}
          disabled={isFull}
          placeholder={isFull ? t('chipInput.full') : placeholder}
          maxLength={maxLength}
          aria-invalid={error ? true : undefined}
          aria-describedby={[errorId, hintId].filter(Boolean).join(' ')}
          onChange={(event) => {
            const text = event.target.value;
            if (text.includes(',')) add(text);
            else setDraft(text);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            if (draft.trim()) add(draft);
          }}
        />
      </div>
      {error && (
        <p id={errorId} className="field-error">
          <Icon name="alert" size={16} />
          {error}
        </p>
      )}
      <p id={hintId} className="field-hint">
        {[
          hint,
          t('chipInput.howTo'),
          maxItems !== undefined && t('chipInput.countOf', { used: values.length, max: maxItems }),
        ]
          .filter(Boolean)
          .join(' ')}
      </p>
    </div>
  );
}
