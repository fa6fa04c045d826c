import { WidgetOriginSchema } from '@companero/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';

/**
 * The sites allowed to load the widget, one origin each
 * (https://example.com, https://*.example.com). Checked with the server's
 * own rule as they are added; an empty list lets any site embed the widget,
 * which the field says plainly.
 */
export function AllowedOriginsField({
  origins,
  onChange,
  invalidOrigins,
}: {
  origins: readonly string[];
  onChange: (origins: string[]) => void;
  /** Origins the server refused (by index), to mark in the list. */
  invalidOrigins: ReadonlySet<number>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();

  function add() {
    // A pasted address often ends in "/": the origin is the same without it.
    const typed = text.trim().replace(/\/$/, '');
    if (!typed) return;
    const result = WidgetOriginSchema.safeParse(typed);
    if (!result.success) {
      setError(t('widget.origins.invalid'));
      return;
    }
    if (origins.includes(result.data)) {
      setError(t('widget.origins.duplicate'));
      return;
    }
    onChange([...origins, result.data]);
    setText('');
    setError(undefined);
  }

  return (
    <div className="field widget-origins">
      <label htmlFor={id} className="field-label">
        {t('widget.origins.label')}
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {t('widget.origins.hint')}
      </p>
      {origins.length === 0 ? (
        <Alert tone="warning" title={t('widget.origins.emptyTitle')}>
          {t('widget.origins.emptyBody')}
        </Alert>
      ) : (
        <ul className="widget-origin-list" aria-label={t('widget.origins.listLabel')}>
          {origins.map((origin, index) => (
            <li key={origin} className="widget-origin" data-invalid={invalidOrigins.has(index) || undefined}>
              <Icon name="globe" size={16} />
              <span className="widget-origin-name">{origin}</span>
              {invalidOrigins.has(index) && (
                <span className="badge badge-danger">{t('widget.origins.refused')}</span>
              )}
              <button
                type="button"
                className="icon-button icon-button-sm"
                aria-label={t('widget.origins.remove', { origin })}
                onClick={() => onChange(origins.filter((o) => o !== origin))}
              >
                <Icon name="close" size={16} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="widget-origin-add">
        <input
          id={id}
          className="input input-mono"
          value={text}
          placeholder="https://example.com"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? `${id}-error` : '', `${id}-hint`].filter(Boolean).join(' ')}
          onChange={(event) => {
            setText(event.target.value);
            if (error) setError(undefined);
          }}
          onKeyDown={(event) => {
            // Enter adds the site; it must not submit the whole settings form.
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <Button variant="secondary" icon={<Icon name="plus" size={16} />} onClick={add}>
          {t('widget.origins.add')}
        </Button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          <Icon name="alert" size={16} />
          {error}
        </p>
      )}
    </div>
  );
}
