import { KB_VISIBILITIES, type KbDocument, UpdateKbDocumentBodySchema } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { TextareaField } from '../../../components/ui/textarea-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateError,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useFolders } from '../api/get-folders.ts';
import { useUpdateDocument } from '../api/update-document.ts';
import { useKnowledgeLabels } from '../hooks/use-knowledge-labels.ts';
import { buildFolderTree, flattenTree } from '../utils/folder-tree.ts';
import { formatTags, parseTags } from '../utils/tags.ts';

const savedKey = (d: KbDocument) =>
  JSON.stringify([d.title, d.description, d.folderId, d.visibility, d.membersTag, d.tags]);

/** Title, description, folder, who may see it, and tags. */
export function DocumentDetailsForm({ document }: { document: KbDocument }) {
  const { t } = useTranslation();
  const labels = useKnowledgeLabels();
  const folders = useFolders();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [visibility, setVisibility] = useState(document.visibility);
  const update = useUpdateDocument({
    mutationConfig: { onError: (error) => setErrors(fieldErrorsOf(error)) },
  });
  useFocusFirstInvalid(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const membersTag = String(form.get('membersTag') ?? '').trim();
    const body = {
      title: String(form.get('title') ?? ''),
      description: String(form.get('description') ?? ''),
      folderId: String(form.get('folderId') ?? '') || null,
      visibility,
      membersTag: visibility === 'members' ? membersTag || null : null,
      tags: parseTags(String(form.get('tags') ?? '')),
    };
    const result = validateWith(UpdateKbDocumentBodySchema, body);
    const found: FieldErrors = result.ok ? {} : result.errors;
    // Members-only needs the tag that grants access (the server says so too).
    if (visibility === 'members' && !membersTag) found.membersTag = { key: 'required' };
    if (!result.ok || Object.keys(found).length > 0) {
      update.reset();
      setErrors(found);
      return;
    }
    setErrors({});
    update.mutate({ id: document.id, body: result.data });
  }

  const folderOptions = [
    { value: '', label: t('knowledge.folders.none') },
    ...flattenTree(buildFolderTree(folders.data?.items ?? [])).map((node) => ({
      value: node.folder.id,
      label: `${'\u2003'.repeat(node.depth)}${node.folder.name}`,
    })),
  ];
  const tagsError = Object.entries(errors).find(([name]) => name.startsWith('tags'))?.[1];

  return (
    <Card title={t('knowledge.details.title')} subtitle={t('knowledge.details.subtitle')}>
      {/* Keyed by the saved values (not updatedAt, which processing bumps every second), so a
          save or a change elsewhere shows in the fields without wiping what is being typed. */}
      <form
        key={savedKey(document)}
        ref={formRef}
        className="form details-form"
        onSubmit={onSubmit}
        noValidate
      >
        {update.error && Object.keys(errors).length === 0 && (
          <Alert tone="error">{translateError(t, update.error)}</Alert>
        )}
        <div className="details-grid">
          <TextField
            label={t('knowledge.details.titleLabel')}
            name="title"
            defaultValue={document.title}
            required
            maxLength={300}
            error={translateFieldMessage(t, errors.title)}
          />
          {folders.isSuccess && (
            <SelectField
              label={t('knowledge.details.folder')}
              name="folderId"
              defaultValue={document.folderId ?? ''}
              options={folderOptions}
            />
          )}
        </div>
        <TextareaField
          label={t('knowledge.details.description')}
          name="description"
          defaultValue={document.description}
          rows={3}
          maxLength={2000}
          isOptional
          hint={t('knowledge.details.descriptionHint')}
          error={translateFieldMessage(t, errors.description)}
        />
        <div className="details-grid">
          <SelectField
            label={t('knowledge.details.visibility')}
            name="visibility"
            value={visibility}
            onChange={(event) => setVisibility(event.target.value as KbDocument['visibility'])}
            options={KB_VISIBILITIES.map((v) => ({ value: v, label: labels.visibility(v) }))}
            hint={t(`knowledge.visibilityHints.${visibility}`)}
          />
          {visibility === 'members' && (
            <TextField
              label={t('knowledge.details.membersTag')}
              name="membersTag"
              defaultValue={document.membersTag ?? ''}
              maxLength={50}
              hint={t('knowledge.details.membersTagHint')}
              error={
                errors.membersTag?.key === 'required'
                  ? t('knowledge.details.membersTagRequired')
                  : translateFieldMessage(t, errors.membersTag)
              }
            />
          )}
        </div>
        <TextField
          label={t('knowledge.details.tags')}
          name="tags"
          defaultValue={formatTags(document.tags)}
          isOptional
          hint={t('knowledge.details.tagsHint')}
          error={translateFieldMessage(t, tagsError)}
        />
        <div className="form-actions">
          <Button type="submit" isLoading={update.isPending}>
            {update.isPending ? t('account.saving') : t('account.save')}
          </Button>
          {update.isSuccess && (
            <p className="inline-status" role="status">
              {t('account.saved')}
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}
