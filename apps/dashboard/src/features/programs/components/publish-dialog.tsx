import { isApiError } from '@companero/api-client';
import type { FieldError, ProgramVersion } from '@companero/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { TextareaField } from '../../../components/ui/textarea-field.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { usePublishProgram } from '../api/use-publish-program.ts';
import { VersionsList } from './versions-list.tsx';

/**
 * Publishing: a note for the version, then the saved draft becomes version N.
 * Refused while the live validation shows errors; if the server still finds
 * some (422 PROGRAM_INVALID) its list shows here. Afterwards: which version
 * went live, and the versions so far.
 */
export function PublishDialog({
  open,
  onClose,
  programId,
  errorCount,
  saveDraft,
  onPublished,
  describeProblem,
}: {
  open: boolean;
  onClose: () => void;
  programId: string;
  errorCount: number;
  /** Saves what is on screen first; false when it could not. */
  saveDraft: () => Promise<boolean>;
  onPublished: (version: ProgramVersion) => void;
  /** One of the server's reasons (`path` names the step, `code` the issue), in words. */
  describeProblem: (error: FieldError) => string;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} title={t('programs.editor.publish.title')}>
      <PublishForm
        programId={programId}
        errorCount={errorCount}
        saveDraft={saveDraft}
        onPublished={onPublished}
        onClose={onClose}
        describeProblem={describeProblem}
      />
    </Dialog>
  );
}

function PublishForm({
  programId,
  errorCount,
  saveDraft,
  onPublished,
  onClose,
  describeProblem,
}: {
  programId: string;
  errorCount: number;
  saveDraft: () => Promise<boolean>;
  onPublished: (version: ProgramVersion) => void;
  onClose: () => void;
  describeProblem: (error: FieldError) => string;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [isSaving, setIsSaving] = useState(false);
  const [notSaved, setNotSaved] = useState(false);
  const [published, setPublished] = useState<ProgramVersion>();
  const publish = usePublishProgram({ mutationConfig: { onSuccess: (version) => setPublished(version) } });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (errorCount > 0) return;
    setNotSaved(false);
    publish.reset();
    setIsSaving(true);
    const isSaved = await saveDraft();
    setIsSaving(false);
    if (!isSaved) {
      setNotSaved(true);
      return;
    }
    const trimmed = note.trim();
    publish.mutate(
      { programId, ...(trimmed ? { note: trimmed } : {}) },
      { onSuccess: (version) => onPublished(version) },
    );
  }

  if (published) {
    return (
      <>
        <div className="dialog-body">
          <Alert tone="success" title={t('programs.editor.publish.success', { version: published.version })}>
            {t('programs.editor.publish.successBody', { version: published.version })}
          </Alert>
          <VersionsList programId={programId} />
        </div>
        <div className="dialog-footer">
          <Button onClick={onClose}>{t('common.done')}</Button>
        </div>
      </>
    );
  }

  const rejected = isApiError(publish.error, 'PROGRAM_INVALID') ? publish.error : undefined;
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="dialog-body">
        <p className="muted">{t('programs.editor.publish.description')}</p>
        {errorCount > 0 && (
          <Alert tone="warning">{t('programs.editor.publish.blocked', { count: errorCount })}</Alert>
        )}
        {notSaved && <Alert tone="error">{t('programs.editor.publish.notSaved')}</Alert>}
        {rejected && (
          <Alert tone="error" title={t('programs.editor.publish.rejected')}>
            <ul className="ppublish-errors">
              {(rejected.problem.errors ?? []).map((error, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the server's list, shown as given
                <li key={index}>{describeProblem(error)}</li>
              ))}
            </ul>
          </Alert>
        )}
        {publish.isError && !rejected && <Alert tone="error">{translateError(t, publish.error)}</Alert>}
        <TextareaField
          label={t('programs.editor.publish.note')}
          name="note"
          value={note}
          rows={3}
          maxLength={500}
          isOptional
          hint={t('programs.editor.publish.noteHint')}
          data-autofocus
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <div className="dialog-footer">
        <Button variant="secondary" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" isLoading={isSaving || publish.isPending} disabled={errorCount > 0}>
          {t('programs.editor.publish.confirm')}
        </Button>
      </div>
    </form>
  );
}
