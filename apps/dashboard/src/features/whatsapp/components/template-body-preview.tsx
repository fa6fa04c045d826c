import { useTranslation } from 'react-i18next';
import { splitTemplateBody } from '../utils/template-body.ts';

/**
 * A template's text with its placeholders marked (`{{1}}`, `{{name}}`), or,
 * given `values`, with them filled in as a contact would read it.
 */
export function TemplateBodyPreview({
  body,
  values,
  isClamped = false,
}: {
  body: string | null;
  values?: readonly string[];
  /** Shortens long bodies to a few lines, for tables. */
  isClamped?: boolean;
}) {
  const { t } = useTranslation();
  if (!body) return <span className="muted">{t('whatsapp.templates.noBody')}</span>;
  return (
    <span className={isClamped ? 'wa-body wa-body-clamped' : 'wa-body'}>
      {splitTemplateBody(body, values).map((part, index) =>
        part.kind === 'text' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one body never reorder
          <span key={index}>{part.text}</span>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one body never reorder
          <mark key={index} className={part.value ? 'wa-param wa-param-filled' : 'wa-param'}>
            {part.value ?? part.text}
          </mark>
        ),
      )}
    </span>
  );
}
