import { isApiError } from '@companero/api-client';
import type { KbFolder } from '@companero/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFolderDocumentCount } from '../api/count-folder-documents.ts';
import { useCreateFolder } from '../api/create-folder.ts';
import { useDeleteFolder } from '../api/delete-folder.ts';
import { useUpdateFolder } from '../api/update-folder.ts';
import {
  buildFolderTree,
  flattenTree,
  folderContents,
  moveTargets,
  subtreeIds,
} from '../utils/folder-tree.ts';

const TOP = '';

/** Folder choices for a <select>, indented by depth so the tree shows. */
function folderOptions(folders: readonly KbFolder[], topLabel: string) {
  return [
    { value: TOP, label: topLabel },
    ...flattenTree(buildFolderTree(folders)).map((node) => ({
      value: node.folder.id,
      label: `${'\u2003'.repeat(node.depth + 1)}${node.folder.name}`,
    })),
  ];
}

/** Create a folder (inside the chosen one) or rename one. */
export function FolderNameDialog({
  open,
  folder,
  defaultParentId,
  folders,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** Set to rename this folder; unset to create one. */
  folder: KbFolder | undefined;
  defaultParentId: string | null;
  folders: readonly KbFolder[];
  onClose: () => void;
  onSaved: (folder: KbFolder) => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={folder ? t('knowledge.folders.renameTitle') : t('knowledge.folders.createTitle')}
    >
      <FolderNameForm
        folder={folder}
        defaultParentId={defaultParentId}
        folders={folders}
        onCancel={onClose}
        onSaved={onSaved}
      />
    </Dialog>
  );
}

function FolderNameForm({
  folder,
  defaultParentId,
  folders,
  onCancel,
  onSaved,
}: {
  folder: KbFolder | undefined;
  defaultParentId: string | null;
  folders: readonly KbFolder[];
  onCancel: () => void;
  onSaved: (folder: KbFolder) => void;
}) {
  const { t } = useTranslation();
  const [nameError, setNameError] = useState<string>();
  const create = useCreateFolder({ mutationConfig: { onSuccess: onSaved } });
  const update = useUpdateFolder({ mutationConfig: { onSuccess: onSaved } });
  const mutation = folder ? update : create;
  const conflict = isApiError(mutation.error, 'CONFLICT');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    if (!name) {
      setNameError(t('fieldErrors.required'));
      return;
    }
    setNameError(undefined);
    if (folder) update.mutate({ id: folder.id, body: { name } });
    else create.mutate({ name, parentId: String(form.get('parentId') ?? '') || null });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="dialog-body">
        {mutation.error && !conflict && <Alert tone="error">{translateError(t, mutation.error)}</Alert>}
        <TextField
          label={t('knowledge.folders.name')}
          name="name"
          defaultValue={folder?.name ?? ''}
          required
          maxLength={120}
          autoComplete="off"
          data-autofocus
          error={nameError ?? (conflict ? t('knowledge.folders.nameTaken') : undefined)}
        />
        {!folder && (
          <SelectField
            label={t('knowledge.folders.parent')}
            name="parentId"
            defaultValue={defaultParentId ?? TOP}
            options={folderOptions(folders, t('knowledge.folders.topLevel'))}
          />
        )}
      </div>
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" isLoading={mutation.isPending}>
          {folder ? t('knowledge.folders.saveName') : t('knowledge.folders.create')}
        </Button>
      </footer>
    </form>
  );
}

/** "Move to…": any folder except itself and its own subfolders, or the top level. */
export function MoveFolderDialog({
  folder,
  folders,
  onClose,
}: {
  folder: KbFolder | undefined;
  folders: readonly KbFolder[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const move = useUpdateFolder({ mutationConfig: { onSuccess: onClose } });
  const close = () => {
    move.reset();
    onClose();
  };
  const targets = folder ? moveTargets(folders, folder.id) : [];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!folder) return;
    const parentId = String(new FormData(event.currentTarget).get('parentId') ?? '') || null;
    if (parentId === folder.parentId) {
      close();
      return;
    }
    move.mutate({ id: folder.id, body: { parentId } });
  }

  return (
    <Dialog
      open={folder !== undefined}
      onClose={close}
      title={t('knowledge.folders.moveTitle', { name: folder?.name ?? '' })}
      description={t('knowledge.folders.moveDescription')}
    >
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          {move.error && (
            <Alert tone="error">
              {isApiError(move.error, 'CONFLICT')
                ? t('knowledge.folders.moveConflict')
                : translateError(t, move.error)}
            </Alert>
          )}
          <SelectField
            label={t('knowledge.folders.destination')}
            name="parentId"
            defaultValue={folder?.parentId ?? TOP}
            options={folderOptions(targets, t('knowledge.folders.topLevel'))}
            data-autofocus
          />
        </div>
        <footer className="dialog-footer">
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" isLoading={move.isPending}>
            {t('knowledge.folders.moveConfirm')}
          </Button>
        </footer>
      </form>
    </Dialog>
  );
}

/**
 * Deleting says what goes with the folder. An empty folder is deleted as is; a
 * folder with content needs `recursive`. If the server finds content we did not
 * know about (409), the dialog says so and asks again.
 */
export function DeleteFolderDialog({
  folder,
  folders,
  onClose,
  onDeleted,
}: {
  folder: KbFolder | undefined;
  folders: readonly KbFolder[];
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const [isNotEmpty, setIsNotEmpty] = useState(false);
  const remove = useDeleteFolder({
    mutationConfig: {
      onSuccess: () => {
        setIsNotEmpty(false);
        onDeleted();
      },
      onError: (error) => {
        if (isApiError(error, 'CONFLICT')) setIsNotEmpty(true);
      },
    },
  });
  const close = () => {
    remove.reset();
    setIsNotEmpty(false);
    onClose();
  };
  const listed = folder ? folderContents(folders, folder.id) : { documents: 0, subfolders: 0 };
  const counted = useFolderDocumentCount(folder ? [...subtreeIds(folders, folder.id)] : undefined);
  // The fresh count when we have it; the folder list's own count if counting failed.
  const contents = { ...listed, documents: counted.data ?? listed.documents };
  const isCounting = counted.isPending && folder !== undefined;
  const hasContent = contents.documents > 0 || contents.subfolders > 0 || isNotEmpty;

  let body: string;
  if (isNotEmpty) body = t('knowledge.folders.deleteNotEmpty');
  else if (!hasContent) body = t('knowledge.folders.deleteEmpty');
  else
    body = t('knowledge.folders.deleteContents', {
      documents: t('knowledge.folders.documentCount', { count: contents.documents }),
      subfolders: t('knowledge.folders.subfolderCount', { count: contents.subfolders }),
    });

  return (
    <Dialog
      open={folder !== undefined}
      onClose={close}
      title={t('knowledge.folders.deleteTitle', { name: folder?.name ?? '' })}
    >
      <div className="dialog-body">
        {isCounting ? (
          <LoadingState label={t('knowledge.folders.counting')} />
        ) : hasContent ? (
          <Alert tone="warning">{body}</Alert>
        ) : (
          <p>{body}</p>
        )}
        {remove.error && !isApiError(remove.error, 'CONFLICT') && (
          <Alert tone="error">{translateError(t, remove.error)}</Alert>
        )}
      </div>
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={close}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="danger"
          isLoading={remove.isPending}
          disabled={isCounting}
          onClick={() => {
            if (folder) remove.mutate({ id: folder.id, recursive: hasContent });
          }}
        >
          {hasContent ? t('knowledge.folders.deleteAll') : t('knowledge.folders.deleteConfirm')}
        </Button>
      </footer>
    </Dialog>
  );
}
