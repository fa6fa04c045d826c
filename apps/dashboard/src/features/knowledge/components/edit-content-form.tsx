import type { KbDocument } from '@companero/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { TextareaField } from '../../../components/ui/textarea-field.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useVersionSource } from '../api/get-version-source.ts';
import { useEditContent } from '../api/version-mutations.ts';

/** TXT and Markdown documents are edited right here; saving makes a new version. */
export const isEditable = (document: KbDocument) => document.kind === 'text' || document.kind === 'markdown';

export function EditContentPanel({
  document,
  onShowHistory,
}: {
  document: KbDocument;
  onShowHistory: () => void;
}) {
  const { t } = useTranslation();
  // The newest file is what the creator expects to continue from (even while it is still processed).
  const source = useVersionSource(document.id, document.latestVersion);
  const [saved, setSaved] = useState<number>();

  if (!isEditable(document)) return <p className="muted">{t('knowledge.edit.notEditable')}</p>;
  if (source.isPending) return <LoadingState />;
  if (source.isError) {
    return (
      <Alert
        tone="error"
        action={
          <Button variant="secondary" size="sm" onClick={() => source.refetch()}>
            {t('common.retry')}
          </Button>
        }
      >
        {translateError(t, source.error)}
      </Alert>
    );
  }
  return (
    <div className="stack">
      {saved !== undefined && (
        <Alert
          tone="success"
          action={
            <Button variant="secondary" size="sm" onClick={onShowHistory}>
              {t('knowledge.edit.seeHistory')}
            </Button>
          }
        >
          {t('knowledge.edit.saved', { version: saved })}
        </Alert>
      )}
      <EditContentForm
        key={document.latestVersion}
        document={document}
        initial={source.data}
        onSaved={(version) => setSaved(version)}
        onEdit={() => setSaved(undefined)}
      />
    </div>
  );
}

function EditContentForm({
  document,
  initial,
  onSaved,
  onEdit,
}: {
  document: KbDocument;
  initial: string;
  onSaved: (version: number) => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const [content, setContent] = useState(initial);
  const [error, setError] = useState<string>();
  const edit = useEditContent({ mutationConfig: { onSuccess: (doc) => onSaved(doc.latestVersion) } });
  const isChanged = content !== initial;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!content.trim()) {
      setError(t('fieldErrors.required'));
      return;
    }
    setError(undefined);
    const changeNote = String(new FormData(event.currentTarget).get('changeNote') ?? '').trim();
    edit.mutate({ id: document.id, content, ...(changeNote ? { changeNote } : {}) });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <p className="tab-intro">
        {t('knowledge.edit.intro', { version: document.latestVersion, next: document.latestVersion + 1 })}
      </p>
      {edit.error && <Alert tone="error">{translateError(t, edit.error)}</Alert>}
      <TextareaField
        label={document.kind === 'markdown' ? t('knowledge.edit.markdown') : t('knowledge.edit.text')}
        name="content"
        className="field-editor"
        value={content}
        rows={18}
        spellCheck
        onChange={(event) => {
          setContent(event.target.value);
          onEdit();
        }}
        error={error}
      />
      <TextField
        label={t('knowledge.changeNote')}
        name="changeNote"
        maxLength={500}
        isOptional
        hint={t('knowledge.changeNoteHint')}
      />
      <div className="form-actions">
        <Button type="submit" isLoading={edit.isPending} disabled={!isChanged}>
          {edit.isPending ? t('account.saving') : t('knowledge.edit.submit')}
        </Button>
        {isChanged && (
          <Button variant="ghost" onClick={() => setContent(initial)}>
            {t('knowledge.edit.discard')}
          </Button>
        )}
      </div>
    </form>
  );
}
