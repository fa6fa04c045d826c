import { KB_VISIBILITIES, type KbDocument } from '@companero/contracts';
import { type DragEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useKnowledgeLabels } from '../hooks/use-knowledge-labels.ts';
import { getUploadQueue } from '../hooks/use-upload-queue.ts';
import { fromDataTransfer, fromFileList, type PickedFile } from '../utils/picked-files.ts';
import { parseTags } from '../utils/tags.ts';

/** What the file picker offers first; anything else can still be chosen, and the server says why it refuses it. */
const ACCEPT = [
  '.pdf',
  '.docx',
  '.md',
  '.markdown',
  '.txt',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/markdown',
  'text/plain',
].join(',');

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/**
 * Drop files or whole folders here, or pick them with the buttons (the
 * keyboard way in). Dropped folders keep their structure as folders under the
 * current one. Everything goes to the upload queue at once.
 */
export function UploadDropZone({
  folderId,
  folderName,
}: {
  folderId: string | null;
  folderName: string | null;
}) {
  const { t } = useTranslation();
  const labels = useKnowledgeLabels();
  const titleId = useId();
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const [isDragging, setIsDragging] = useState(false);
  const [visibility, setVisibility] = useState<KbDocument['visibility']>('public');
  const [membersTag, setMembersTag] = useState('');
  const [tags, setTags] = useState('');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [membersTagError, setMembersTagError] = useState<string>();

  // A file dropped beside the zone would make the browser leave the page to open it.
  useEffect(() => {
    const guard = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  function enqueue(picked: PickedFile[]) {
    if (picked.length === 0) {
      setProblem(t('knowledge.upload.nothingToUpload'));
      return;
    }
    if (visibility === 'members' && !membersTag.trim()) {
      setSettingsOpen(true);
      setMembersTagError(t('knowledge.details.membersTagRequired'));
      setProblem(t('knowledge.upload.membersTagFirst'));
      return;
    }
    setProblem(undefined);
    getUploadQueue().add(
      picked.map(({ file, folders }) => ({ file, folders })),
      { folderId, visibility, membersTag: membersTag.trim() || undefined, tags: parseTags(tags) },
    );
  }

  const tagList = parseTags(tags);
  const where = folderName
    ? t('knowledge.upload.destinationFolder', { name: folderName })
    : t('knowledge.upload.destinationTop');
  const settingsSummary = [
    labels.visibility(visibility),
    tagList.length > 0
      ? t('knowledge.upload.withTags', { tags: tagList.join(', ') })
      : t('knowledge.upload.noTags'),
  ].join(' · ');

  return (
    <section
      className="dropzone"
      data-dragging={isDragging || undefined}
      aria-labelledby={titleId}
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setIsDragging(true);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setIsDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setIsDragging(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setIsDragging(false);
        // Read the entries now: the browser empties the DataTransfer after this handler.
        void fromDataTransfer(Array.from(event.dataTransfer.items)).then(enqueue);
      }}
    >
      <div className="dropzone-main">
        <span className="dropzone-icon">
          <Icon name="upload" size={24} />
        </span>
        <div className="dropzone-text">
          <h2 id={titleId} className="dropzone-title">
            {isDragging ? t('knowledge.upload.dropNow') : t('knowledge.upload.title')}
          </h2>
          <p className="dropzone-hint">{t('knowledge.upload.hint')}</p>
        </div>
        <div className="dropzone-actions">
          <Button icon={<Icon name="file" size={18} />} onClick={() => filesRef.current?.click()}>
            {t('knowledge.upload.chooseFiles')}
          </Button>
          <Button
            variant="secondary"
            icon={<Icon name="folder" size={18} />}
            onClick={() => folderRef.current?.click()}
          >
            {t('knowledge.upload.chooseFolder')}
          </Button>
        </div>
      </div>
      <input
        ref={filesRef}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        aria-label={t('knowledge.upload.chooseFiles')}
        onChange={(event) => {
          enqueue(fromFileList(Array.from(event.currentTarget.files ?? [])));
          event.currentTarget.value = '';
        }}
      />
      <input
        ref={(input) => {
          folderRef.current = input;
          // Not in React's attribute types; every current browser supports it.
          input?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        multiple
        hidden
        aria-label={t('knowledge.upload.chooseFolder')}
        onChange={(event) => {
          enqueue(fromFileList(Array.from(event.currentTarget.files ?? [])));
          event.currentTarget.value = '';
        }}
      />
      {problem && <Alert tone="warning">{problem}</Alert>}
      <details
        className="upload-settings"
        open={settingsOpen}
        onToggle={(event) => setSettingsOpen(event.currentTarget.open)}
      >
        <summary>
          <span className="upload-settings-where">{where}</span>
          <span className="upload-settings-summary">{settingsSummary}</span>
          <span className="upload-settings-change">{t('knowledge.upload.change')}</span>
        </summary>
        <div className="upload-settings-fields">
          <SelectField
            label={t('knowledge.details.visibility')}
            name="uploadVisibility"
            value={visibility}
            onChange={(event) => setVisibility(event.target.value as KbDocument['visibility'])}
            options={KB_VISIBILITIES.map((v) => ({ value: v, label: labels.visibility(v) }))}
            hint={t(`knowledge.visibilityHints.${visibility}`)}
          />
          {visibility === 'members' && (
            <TextField
              label={t('knowledge.details.membersTag')}
              name="uploadMembersTag"
              value={membersTag}
              maxLength={50}
              onChange={(event) => {
                setMembersTag(event.target.value);
                setMembersTagError(undefined);
              }}
              hint={t('knowledge.details.membersTagHint')}
              error={membersTagError}
            />
          )}
          <TextField
            label={t('knowledge.details.tags')}
            name="uploadTags"
            value={tags}
            isOptional
            onChange={(event) => setTags(event.target.value)}
            hint={t('knowledge.details.tagsHint')}
          />
        </div>
      </details>
    </section>
  );
}
