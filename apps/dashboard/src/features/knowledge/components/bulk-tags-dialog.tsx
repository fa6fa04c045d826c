import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useBulkTags } from '../api/bulk-tags.ts';
import { parseTags } from '../utils/tags.ts';

/** Adds or removes tags on every selected document. */
export function BulkTagsDialog({
  mode,
  documentIds,
  onClose,
  onDone,
}: {
  mode: 'add' | 'remove' | undefined;
  documentIds: string[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const count = documentIds.length;
  return (
    <Dialog
      open={mode !== undefined}
      onClose={onClose}
      title={
        mode === 'remove'
          ? t('knowledge.bulk.removeTitle', { count })
          : t('knowledge.bulk.addTitle', { count })
      }
    >
      {mode && <BulkTagsForm mode={mode} documentIds={documentIds} onCancel={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function BulkTagsForm({
  mode,
  documentIds,
  onCancel,
  onDone,
}: {
  mode: 'add' | 'remove';
  documentIds: string[];
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const bulk = useBulkTags({
    mutationConfig: {
      onSuccess: ({ updated }) =>
        onDone(
          mode === 'add'
            ? t('knowledge.bulk.added', { count: updated })
            : t('knowledge.bulk.removed', { count: updated }),
        ),
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const tags = parseTags(String(new FormData(event.currentTarget).get('tags') ?? ''));
    if (tags.length === 0) {
      setError(t('fieldErrors.required'));
      return;
    }
    if (tags.some((tag) => tag.length > 50)) {
      setError(t('fieldErrors.tooLong', { count: 50 }));
      return;
    }
    setError(undefined);
    bulk.mutate({ documentIds, ...(mode === 'add' ? { add: tags } : { remove: tags }) });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="dialog-body">
        {bulk.error && <Alert tone="error">{translateError(t, bulk.error)}</Alert>}
        <TextField
          label={t('knowledge.details.tags')}
          name="tags"
          required
          autoComplete="off"
          data-autofocus
          hint={t('knowledge.details.tagsHint')}
          error={error}
        />
      </div>
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" isLoading={bulk.isPending}>
          {mode === 'add' ? t('knowledge.bulk.addConfirm') : t('knowledge.bulk.removeConfirm')}
        </Button>
      </footer>
    </form>
  );
}
