import type { Choice } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { newId } from '../utils/program-graph.ts';

const MAX_CHOICES = 20;

/**
 * A choice question's answers: rename, add, remove. Each choice keeps its id
 * (its exit on the canvas, `choice:<id>`), so renaming keeps its connection;
 * removing a choice removes its connection too.
 */
export function ChoicesEditor({
  choices,
  onChange,
  errorAt,
}: {
  choices: readonly Choice[];
  onChange: (choices: Choice[]) => void;
  /** The error of choice `index`, already translated. */
  errorAt: (index: number) => string | undefined;
}) {
  const { t } = useTranslation();
  const update = (index: number, label: string) =>
    onChange(choices.map((choice, i) => (i === index ? { ...choice, label } : choice)));
  return (
    <fieldset className="fieldset pinspector-list">
      <legend className="field-label">{t('programs.editor.fields.choices')}</legend>
      <ol className="stack">
        {choices.map((choice, index) => (
          <li key={choice.id} className="pinspector-row">
            <TextField
              label={t('programs.editor.choices.label', { index: index + 1 })}
              name={`choice-${choice.id}`}
              value={choice.label}
              maxLength={120}
              error={errorAt(index)}
              onChange={(event) => update(index, event.target.value)}
            />
            <button
              type="button"
              className="icon-button pinspector-remove"
              aria-label={t('programs.editor.choices.remove', { index: index + 1 })}
              onClick={() => onChange(choices.filter((_, i) => i !== index))}
            >
              <Icon name="trash" size={16} />
            </button>
          </li>
        ))}
      </ol>
      <Button
        variant="secondary"
        size="sm"
        icon={<Icon name="plus" size={16} />}
        disabled={choices.length >= MAX_CHOICES}
        onClick={() =>
          onChange([
            ...choices,
            {
              id: newId('c', new Set(choices.map((choice) => choice.id))),
              label: t('programs.editor.choices.label', { index: choices.length + 1 }),
            },
          ])
        }
      >
        {t('programs.editor.choices.add')}
      </Button>
    </fieldset>
  );
}
