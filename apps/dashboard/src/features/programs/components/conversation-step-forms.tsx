import { QUESTION_ANSWER_TYPES } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { ChipInput } from '../../../components/ui/chip-input.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { TextareaField } from '../../../components/ui/textarea-field.tsx';
import { useEditorLabels } from '../hooks/use-editor-labels.ts';
import { newId } from '../utils/program-graph.ts';
import { ChoicesEditor } from './choices-editor.tsx';
import { NumberField, TemplateField } from './inspector-fields.tsx';
import { clean, type FormProps, optionalText } from './step-form.ts';

// Inspector forms of the steps that talk with the client: message, question, AI conversation, handoff, end.

export function MessageForm({ node, set, error, variables }: FormProps<'message'>) {
  const { t } = useTranslation();
  const media = node.data.media;
  return (
    <>
      <TemplateField
        label={t('programs.editor.fields.text')}
        name="text"
        value={node.data.text}
        variables={variables}
        rows={5}
        error={error('text')}
        onChange={(text) => set({ text }, 'text')}
      />
      {media ? (
        <fieldset className="fieldset pinspector-card">
          <legend className="field-label">{t('programs.editor.fields.media')}</legend>
          <SelectField
            label={t('programs.editor.fields.mediaKind')}
            name="media-kind"
            value={media.kind}
            options={(['image', 'video', 'audio', 'document'] as const).map((kind) => ({
              value: kind,
              label: t(`programs.editor.media.kinds.${kind}`),
            }))}
            onChange={(event) =>
              set({ media: { ...media, kind: event.target.value as typeof media.kind } }, 'media.kind')
            }
          />
          <TextField
            label={t('programs.editor.fields.mediaUrl')}
            name="media-url"
            type="url"
            value={media.url}
            placeholder="https://"
            maxLength={2048}
            error={error('media')}
            onChange={(event) => set({ media: { ...media, url: event.target.value.trim() } }, 'media.url')}
          />
          <TextField
            label={t('programs.editor.fields.caption')}
            name="media-caption"
            value={media.caption ?? ''}
            maxLength={1024}
            isOptional
            onChange={(event) =>
              set({ media: clean({ ...media, caption: optionalText(event.target.value) }) }, 'media.caption')
            }
          />
          <Button
            variant="ghost"
            size="sm"
            icon={<Icon name="trash" size={16} />}
            onClick={() => set({ media: undefined }, 'media')}
          >
            {t('programs.editor.media.remove')}
          </Button>
        </fieldset>
      ) : (
        <Button
          variant="secondary"
          size="sm"
          icon={<Icon name="plus" size={16} />}
          onClick={() => set({ media: { kind: 'image', url: '' } }, 'media')}
        >
          {t('programs.editor.media.add')}
        </Button>
      )}
    </>
  );
}

export function QuestionForm({
  node,
  set,
  error,
  exactError,
  variables,
}: FormProps<'question'> & { exactError: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const { defaultTexts } = useEditorLabels();
  const d = node.data;
  const isChoice = d.answerType === 'choice';
  /** Back to a choice question: the earlier choices, else a fresh yes / no. */
  const choicesFor = () => {
    if (d.choices && d.choices.length > 0) return d.choices;
    const texts = defaultTexts();
    return [
      { id: newId('c'), label: texts.yes },
      { id: newId('c'), label: texts.no },
    ];
  };
  const isText = d.answerType === 'text';
  const hasBounds = d.answerType === 'number' || d.answerType === 'scale' || isText;
  return (
    <>
      <TemplateField
        label={t('programs.editor.fields.prompt')}
        name="prompt"
        value={d.prompt}
        variables={variables.filter((v) => v !== d.variable)}
        error={error('prompt')}
        onChange={(prompt) => set({ prompt }, 'prompt')}
      />
      <SelectField
        label={t('programs.editor.fields.answerType')}
        name="answerType"
        value={d.answerType}
        options={QUESTION_ANSWER_TYPES.map((type) => ({
          value: type,
          label: t(`programs.editor.answerTypes.${type}`),
        }))}
        onChange={(event) => {
          const answerType = event.target.value as typeof d.answerType;
          set(
            answerType === 'choice'
              ? { answerType, choices: choicesFor(), min: undefined, max: undefined, pattern: undefined }
              : {
                  answerType,
                  choices: undefined,
                  display: undefined,
                  ...(answerType === 'text' ? {} : { pattern: undefined }),
                },
            'answerType',
          );
        }}
      />
      <TextField
        label={t('programs.editor.fields.variable')}
        name="variable"
        value={d.variable}
        maxLength={64}
        spellCheck={false}
        autoCapitalize="off"
        hint={t('programs.editor.fields.variableHint', { example: `{{${d.variable || 'sleep_hours'}}}` })}
        error={error('variable')}
        onChange={(event) => set({ variable: event.target.value.trim() }, 'variable')}
      />
      {isChoice && (
        <>
          <ChoicesEditor
            choices={d.choices ?? []}
            onChange={(choices) => set({ choices }, 'choices')}
            errorAt={(index) =>
              exactError(`choices[${index}].label`) ?? (index === 0 ? exactError('choices') : undefined)
            }
          />
          <SelectField
            label={t('programs.editor.fields.display')}
            name="display"
            value={d.display ?? 'buttons'}
            options={(['buttons', 'list'] as const).map((display) => ({
              value: display,
              label: t(`programs.editor.display.${display}`),
            }))}
            error={error('display')}
            onChange={(event) => set({ display: event.target.value as 'buttons' | 'list' }, 'display')}
          />
        </>
      )}
      {hasBounds && (
        <div className="pinspector-pair">
          <NumberField
            label={isText ? t('programs.editor.fields.minLength') : t('programs.editor.fields.min')}
            name="min"
            value={d.min}
            isInteger={isText}
            isOptional
            placeholder={d.answerType === 'scale' ? '1' : undefined}
            error={error('min')}
            onChange={(min) => set({ min }, 'min')}
          />
          <NumberField
            label={isText ? t('programs.editor.fields.maxLength') : t('programs.editor.fields.max')}
            name="max"
            value={d.max}
            isInteger={isText}
            isOptional
            placeholder={d.answerType === 'scale' ? '10' : undefined}
            error={error('max')}
            onChange={(max) => set({ max }, 'max')}
          />
        </div>
      )}
      {isText && (
        <TextField
          label={t('programs.editor.fields.pattern')}
          name="pattern"
          value={d.pattern ?? ''}
          maxLength={200}
          isOptional
          spellCheck={false}
          className="pinspector-mono"
          error={error('pattern')}
          onChange={(event) => set({ pattern: optionalText(event.target.value) }, 'pattern')}
        />
      )}
      <TemplateField
        label={t('programs.editor.fields.retryMessage')}
        name="retryMessage"
        value={d.retryMessage ?? ''}
        variables={variables}
        rows={2}
        isOptional
        error={error('retryMessage')}
        onChange={(text) => set({ retryMessage: optionalText(text) }, 'retryMessage')}
      />
      <NumberField
        label={t('programs.editor.fields.maxRetries')}
        name="maxRetries"
        value={d.maxRetries}
        min={0}
        max={10}
        isOptional
        placeholder="2"
        hint={t('programs.editor.fields.maxRetriesHint')}
        error={error('maxRetries')}
        onChange={(maxRetries) => set({ maxRetries }, 'maxRetries')}
      />
    </>
  );
}

export function AiForm({ node, set, error, variables }: FormProps<'ai'>) {
  const { t } = useTranslation();
  const d = node.data;
  return (
    <>
      <TextareaField
        label={t('programs.editor.fields.goal')}
        name="goal"
        value={d.goal}
        rows={3}
        maxLength={1000}
        error={error('goal')}
        onChange={(event) => set({ goal: event.target.value }, 'goal')}
      />
      <TemplateField
        label={t('programs.editor.fields.opening')}
        name="opening"
        value={d.opening ?? ''}
        variables={variables}
        isOptional
        error={error('opening')}
        onChange={(opening) => set({ opening: optionalText(opening) }, 'opening')}
      />
      <NumberField
        label={t('programs.editor.fields.maxTurns')}
        name="maxTurns"
        value={d.exit.maxTurns}
        min={1}
        max={50}
        error={error('exit')}
        onChange={(maxTurns) =>
          set({ exit: clean({ ...d.exit, maxTurns: maxTurns as number }) }, 'exit.maxTurns')
        }
      />
      <ChipInput
        label={t('programs.editor.fields.keywords')}
        name="keywords"
        values={d.exit.keywords ?? []}
        maxItems={20}
        maxLength={60}
        isOptional
        onChange={(keywords) =>
          set(
            { exit: clean({ ...d.exit, keywords: keywords.length > 0 ? keywords : undefined }) },
            'exit.keywords',
          )
        }
      />
      <ChipInput
        label={t('programs.editor.fields.knowledgeTags')}
        name="knowledgeTags"
        values={d.knowledge?.tags ?? []}
        maxItems={50}
        maxLength={60}
        isOptional
        hint={t('programs.editor.fields.knowledgeHint')}
        onChange={(tags) => {
          const folderIds = d.knowledge?.folderIds ?? [];
          set(
            { knowledge: tags.length > 0 || folderIds.length > 0 ? { folderIds, tags } : undefined },
            'knowledge',
          );
        }}
      />
      <TextField
        label={t('programs.editor.fields.aiVariable')}
        name="variable"
        value={d.variable ?? ''}
        maxLength={64}
        isOptional
        spellCheck={false}
        autoCapitalize="off"
        error={error('variable')}
        onChange={(event) => set({ variable: optionalText(event.target.value.trim()) }, 'variable')}
      />
    </>
  );
}

export function HandoffForm({ node, set, error, variables }: FormProps<'handoff'>) {
  const { t } = useTranslation();
  return (
    <>
      <TextareaField
        label={t('programs.editor.fields.reason')}
        name="reason"
        value={node.data.reason}
        rows={3}
        maxLength={500}
        error={error('reason')}
        onChange={(event) => set({ reason: event.target.value }, 'reason')}
      />
      <TemplateField
        label={t('programs.editor.fields.message')}
        name="message"
        value={node.data.message ?? ''}
        variables={variables}
        isOptional
        onChange={(message) => set({ message: optionalText(message) }, 'message')}
      />
    </>
  );
}

export function EndForm({ node, set, variables }: FormProps<'end'>) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t('programs.editor.fields.outcome')}
        name="outcome"
        value={node.data.outcome}
        options={(['completed', 'exited'] as const).map((outcome) => ({
          value: outcome,
          label: t(`programs.editor.outcomes.${outcome}`),
        }))}
        onChange={(event) => set({ outcome: event.target.value as 'completed' | 'exited' }, 'outcome')}
      />
      <TemplateField
        label={t('programs.editor.fields.message')}
        name="message"
        value={node.data.message ?? ''}
        variables={variables}
        isOptional
        onChange={(message) => set({ message: optionalText(message) }, 'message')}
      />
    </>
  );
}
