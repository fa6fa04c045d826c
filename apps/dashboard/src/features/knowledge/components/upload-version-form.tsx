import { isApiError } from '@companero/api-client';
import type { KbDocument } from '@companero/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { ProgressBar } from '../../../components/ui/progress-bar.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useUploadVersion } from '../api/version-mutations.ts';
import { useKnowledgeLabels } from '../hooks/use-knowledge-labels.ts';

/** Replace the document with a new file: a new version, the old ones stay in the history. */
export function UploadVersionForm({ document }: { document: KbDocument }) {
  const { t } = useTranslation();
  const labels = useKnowledgeLabels();
  const fileId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [percent, setPercent] = useState(0);
  const [fileError, setFileError] = useState<string>();
  const [saved, setSaved] = useState<number>();
  const upload = useUploadVersion({
    mutationConfig: {
      onSuccess: (doc) => {
        setSaved(doc.latestVersion);
        formRef.current?.reset();
      },
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.name === '') {
      setFileError(t('knowledge.newVersion.chooseFile'));
      return;
    }
    setFileError(undefined);
    setSaved(undefined);
    setPercent(0);
    const changeNote = String(form.get('changeNote') ?? '').trim();
    upload.mutate({
      id: document.id,
      file,
      ...(changeNote ? { changeNote } : {}),
      onProgress: ({ loaded, total }) => setPercent(total > 0 ? Math.round((loaded / total) * 100) : 0),
    });
  }

  const rejection = isApiError(upload.error, 'FILE_REJECTED') ? upload.error : undefined;
  return (
    <form ref={formRef} className="form form-narrow" onSubmit={onSubmit} noValidate>
      <p className="tab-intro">{t('knowledge.newVersion.intro', { next: document.latestVersion + 1 })}</p>
      {upload.error && (
        <Alert tone="error" title={rejection ? t('knowledge.newVersion.rejected') : undefined}>
          {rejection
            ? labels.reason({ code: null, message: rejection.problem.detail ?? '' })
            : translateError(t, upload.error)}
        </Alert>
      )}
      {saved !== undefined && (
        <Alert tone="success">{t('knowledge.newVersion.done', { version: saved })}</Alert>
      )}
      <div className="field">
        <label htmlFor={fileId} className="field-label">
          {t('knowledge.newVersion.file')}
        </label>
        <input
          id={fileId}
          name="file"
          type="file"
          className="input input-file"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${fileId}-error` : `${fileId}-hint`}
          onChange={() => setFileError(undefined)}
        />
        {fileError ? (
          <p id={`${fileId}-error`} className="field-error">
            <Icon name="alert" size={16} />
            {fileError}
          </p>
        ) : (
          <p id={`${fileId}-hint`} className="field-hint">
            {t('knowledge.newVersion.hint')}
          </p>
        )}
      </div>
      <TextField
        label={t('knowledge.changeNote')}
        name="changeNote"
        maxLength={500}
        isOptional
        hint={t('knowledge.changeNoteHint')}
      />
      {upload.isPending && (
        <ProgressBar
          value={percent}
          label={t('knowledge.newVersion.progress')}
          valueText={t('knowledge.uploads.uploading', { percent })}
        />
      )}
      <div className="form-actions">
        <Button type="submit" icon={<Icon name="upload" size={18} />} isLoading={upload.isPending}>
          {upload.isPending
            ? t('knowledge.uploads.uploading', { percent })
            : t('knowledge.newVersion.submit')}
        </Button>
      </div>
    </form>
  );
}
