import type { Personality } from '@companero/contracts';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { TextareaField } from '../../../components/ui/textarea-field.tsx';

type Example = Personality['exampleReplies'][number];

/** The server keeps at most this many. */
export const MAX_EXAMPLES = 10;

/**
 * Question-and-answer pairs that show the coach how the creator answers.
 * Adding one moves focus to its question; removing one moves focus to the
 * add button, so keyboard users never lose their place.
 */
export function ExampleRepliesField({
  examples,
  onChange,
  errorAt,
  listError,
}: {
  examples: readonly Example[];
  onChange: (examples: Example[]) => void;
  errorAt: (index: number, field: keyof Example) => string | undefined;
  listError: string | undefined;
}) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const isFull = examples.length >= MAX_EXAMPLES;

  const change = (index: number, patch: Partial<Example>) =>
    onChange(examples.map((e, i) => (i === index ? { ...e, ...patch } : e)));

  function add() {
    onChange([...examples, { question: '', answer: '' }]);
    // After React renders the new pair.
    requestAnimationFrame(() => {
      listRef.current?.querySelector<HTMLElement>('li:last-child input')?.focus();
    });
  }

  function remove(index: number) {
    onChange(examples.filter((_, i) => i !== index));
    addRef.current?.focus();
  }

  return (
    <fieldset className="fieldset coach-fieldset">
      <legend className="subsection-title">{t('coach.personality.examples')}</legend>
      <p className="field-hint">{t('coach.personality.examplesHint', { max: MAX_EXAMPLES })}</p>
      {listError && <p className="field-error">{listError}</p>}
      {examples.length > 0 && (
        <ol ref={listRef} className="example-list">
          {examples.map((example, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: pairs have no id; index keys keep focus while typing
            <li key={index} className="example-item">
              <div className="example-item-header">
                <span className="example-item-number">
                  {t('coach.personality.exampleN', { n: index + 1 })}
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  className="btn-danger-text"
                  icon={<Icon name="trash" size={16} />}
                  aria-label={t('coach.personality.removeExample', { n: index + 1 })}
                  onClick={() => remove(index)}
                >
                  {t('coach.personality.remove')}
                </Button>
              </div>
              <TextField
                label={t('coach.personality.exampleQuestion')}
                name={`exampleReplies.${index}.question`}
                value={example.question}
                onChange={(event) => change(index, { question: event.target.value })}
                maxLength={500}
                error={errorAt(index, 'question')}
              />
              <TextareaField
                label={t('coach.personality.exampleAnswer')}
                name={`exampleReplies.${index}.answer`}
                value={example.answer}
                onChange={(event) => change(index, { answer: event.target.value })}
                rows={3}
                maxLength={2000}
                error={errorAt(index, 'answer')}
              />
            </li>
          ))}
        </ol>
      )}
      <div>
        <Button
          ref={addRef}
          variant="secondary"
          size="sm"
          icon={<Icon name="plus" size={16} />}
          onClick={add}
          disabled={isFull}
        >
          {isFull
            ? t('coach.personality.examplesFull', { max: MAX_EXAMPLES })
            : t('coach.personality.addExample')}
        </Button>
      </div>
    </fieldset>
  );
}
